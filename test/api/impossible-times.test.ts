import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { corridorBody } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { hoursFromNow } from '../helpers/time.ts';

/** Times that `Date` either throws on or silently moves to another day. */
const IMPOSSIBLE = ['2022-13-45T99:99:99Z', '2022-03-05T09:00:60Z', '2022-03-05T09:00:00+99:99', '2022-02-30T10:00:00Z', '2022-03-05T24:00:00Z'];

describe.each(DIALECTS)('impossible times are refused with 400 wherever a time enters (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let agency: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.login(ADMIN.email, ADMIN.password);
    const orgId = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'T-agency', kind: 'agency' } })).json().id as string;
    expect((await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email: 'c@t-agency.test', name: 'c', password: 'times-pass-1', role: 'coordinator' } })).statusCode).toBe(201);
    agency = await t.login('c@t-agency.test', 'times-pass-1');
  });
  afterAll(async () => t?.close());

  const rows = async (table: 'corridors' | 'movements' | 'incidents') =>
    Number((await t.app.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  for (const bad of IMPOSSIBLE) {
    it(bad, async () => {
      const before = { corridors: await rows('corridors'), movements: await rows('movements'), incidents: await rows('incidents') };
      const probes = [
        { token: admin, url: '/api/v1/corridors', payload: corridorBody([], { windows: [{ start: bad, end: hoursFromNow(5) }] }), path: '/windows/0/start' },
        {
          token: agency,
          url: '/api/v1/movements',
          payload: { kind: 'supply', route: { type: 'LineString', coordinates: [[35.1, 47.8], [35.3, 47.4]] }, departAt: bad, arriveBy: hoursFromNow(80), vehicles: [{ type: 'truck' }], personnel: 2 },
          path: '/departAt',
        },
        { token: agency, url: '/api/v1/incidents', payload: { type: 'shelling', lat: 47.1, lon: 37.5, occurredAt: bad, severity: 'high' }, path: '/occurredAt' },
      ];
      for (const probe of probes) {
        const response = await t.as(probe.token, { method: 'POST', url: probe.url, payload: probe.payload });
        expect(response.statusCode, `${probe.url}: ${response.body}`).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.stringify(response.json().errors ?? [])).toContain(probe.path);
      }
      const since = await t.as(agency, { method: 'GET', url: `/api/v1/incidents?since=${encodeURIComponent(bad)}` });
      expect(since.statusCode, since.body).toBe(400);
      expect({ corridors: await rows('corridors'), movements: await rows('movements'), incidents: await rows('incidents') }).toEqual(before);
    });
  }
});
