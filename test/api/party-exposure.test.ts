import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoActor, seedDemo, type DemoLogin } from '../../src/demo/demo.service.ts';
import { answerAsDemoParty } from '../../src/demo/demo-signer.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { openSse, type SseClient } from '../helpers/sse.ts';

// People registered by this test: names and dates that appear nowhere else, in both scripts.
const PEOPLE = [
  { familyName: 'Зозуленко-Гнатюк', givenName: 'Ярина', patronymic: 'Остапівна', birthDate: '1947-11-23' },
  { familyName: 'Wyszomirska', givenName: 'Teodozja', birthDate: '1939-02-17' },
  { familyName: 'Хрущевич', givenName: 'Богуслав', birthDate: '1952-06-04' },
];
const SECRETS = PEOPLE.flatMap((p) => [p.familyName, p.givenName, p.birthDate, ...(p.patronymic ? [p.patronymic] : [])]);

/** Which of the registered people's words the text holds (none is the only right answer). */
const leaked = (text: string): string[] => SECRETS.filter((s) => text.toLowerCase().includes(s.toLowerCase()));

// Lists and the item each row opens: a list must never hand someone a row they may not open.
const LISTS: [string, string][] = [
  ['/api/v1/corridors', '/api/v1/corridors/'],
  ['/api/v1/movements', '/api/v1/movements/'],
  ['/api/v1/incidents?bbox=22,44,41,53', '/api/v1/incidents/'],
  ['/api/v1/orgs', '/api/v1/orgs/'],
];

describe.each(DIALECTS)('what parties and the public can get (%s)', (dialect) => {
  let t: TestApp;
  let logins: DemoLogin[];
  const token = new Map<string, string>();
  const streams: SseClient[] = [];
  let paths: string[];
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0 });
    logins = await seedDemo(t.app.ctx);
    for (const login of logins) token.set(login.email, await t.login(login.email, DEMO_PASSWORD));
    const base = await t.app.server.listen({ port: 0, host: '127.0.0.1' });
    // Streams open before the registrations, so they would carry anything the writes let out.
    streams.push(await openSse(`${base}/api/v1/public/stream`));
    for (const login of logins.filter((l) => l.kind === 'party')) {
      streams.push(await openSse(`${base}/api/v1/stream`, { authorization: `Bearer ${token.get(login.email)}` }));
    }
    const registrar = token.get('registrar@urcs.demo')!;
    const personIds: string[] = [];
    for (const person of PEOPLE) {
      const r = await t.as(registrar, { method: 'POST', url: '/api/v1/people', payload: person });
      expect(r.statusCode, r.body).toBe(201);
      personIds.push((r.json() as { id: string }).id);
    }
    // On an ICRC convoy on the corridor open now, acknowledged by both parties, the people
    // URCS registered and shared, and one of them boarded.
    const icrc = token.get('coordinator@icrc.demo')!;
    const me = (await t.as(icrc, { method: 'GET', url: '/api/v1/me' })).json() as { org: { id: string } };
    const corridors = (await t.as(icrc, { method: 'GET', url: '/api/v1/corridors' })).json() as { items: { id: string; status: string }[] };
    const open = corridors.items.find((c) => c.status === 'open');
    expect(open, 'the demo has a corridor open now').toBeDefined();
    const soon = (hours: number) => new Date(t.app.ctx.now().getTime() + hours * 3_600_000).toISOString();
    const notified = await t.as(icrc, {
      method: 'POST',
      url: '/api/v1/movements',
      payload: { kind: 'evacuation', corridorId: open!.id, departAt: soon(0.25), arriveBy: soon(2), vehicles: [{ type: 'bus', markings: 'Red Cross emblem' }], personnel: 2, passengers: 3, urgent: true, justification: 'Families waiting at the gathering point since morning' },
    });
    expect(notified.statusCode, notified.body).toBe(201);
    const manifest = (notified.json() as { id: string }).id;
    for (const email of ['liaison@ua.demo', 'liaison@ru.demo']) {
      await answerAsDemoParty(t.app.ctx, await demoActor(t.app.ctx, email), manifest, { decision: 'acknowledge' });
    }
    const shared = await t.as(registrar, { method: 'POST', url: '/api/v1/people/shares', payload: { personIds, orgId: me.org.id, movementId: manifest } });
    expect(shared.statusCode, shared.body).toBeLessThan(300);
    const added = await t.as(icrc, { method: 'POST', url: `/api/v1/movements/${manifest}/passengers`, payload: { personIds } });
    expect(added.statusCode, added.body).toBeLessThan(300);
    const boarded = await t.as(token.get('field@icrc.demo')!, { method: 'POST', url: `/api/v1/movements/${manifest}/board`, payload: { personId: personIds[0] } });
    expect(boarded.statusCode, boarded.body).toBeLessThan(300);
    const spec = (await t.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    // The public site's pages are left out of the API document; they are public words too.
    paths = [...Object.entries(spec.paths).filter(([p, ops]) => ops.get && !/stream$/.test(p)).map(([p]) => p), '/', '/uk', '/ru', '/en'];
    expect(paths).toEqual(expect.arrayContaining(['/feeds/corridors.atom', '/api/v1/public/announcements', '/api/v1/people/{id}']));
    const coordinator = token.get('coordinator@mediator.demo')!;
    ids = [manifest, ...personIds];
    for (const [list] of LISTS) ids.push(...((await t.as(coordinator, { method: 'GET', url: list })).json() as { items: { id: string }[] }).items.slice(0, 5).map((i) => i.id));
    await new Promise((resolve) => setTimeout(resolve, 300));
  }, 120_000);

  afterAll(async () => {
    for (const s of streams) s.close();
    await t?.close();
  });

  it('gives no party and no anonymous caller a name or birth date, on any GET, error, feed or stream', async () => {
    const callers: [string, string | null][] = [['the public', null], ...logins.filter((l) => l.kind === 'party').map((l): [string, string | null] => [l.email, token.get(l.email)!])];
    let answers = 0;
    for (const template of paths) {
      const urls = template.includes('{') ? ids.map((id) => template.replaceAll(/\{[a-z]+\}/g, (m) => (m === '{v}' ? '1' : id))) : [template];
      for (const url of urls) {
        for (const [who, bearer] of callers) {
          const answer = await t.as(bearer, { method: 'GET', url });
          answers += 1;
          expect(answer.statusCode, `${who} GET ${url}`).toBeLessThan(500);
          expect(leaked(answer.body), `${who} GET ${url} → ${answer.statusCode}`).toEqual([]);
        }
      }
    }
    expect(answers).toBeGreaterThan(500);
    const events = streams.flatMap((s) => s.events);
    expect(events.length, 'the streams carried the convoy’s changes').toBeGreaterThan(0);
    expect(leaked(JSON.stringify(events))).toEqual([]);
    // The registrar, who registered them, does see them: the scan would find a leak.
    const own = await t.as(token.get('registrar@urcs.demo')!, { method: 'GET', url: `/api/v1/people/${ids[1]}` });
    expect(leaked(own.body).length).toBeGreaterThan(0);
  }, 240_000);

  it('writes no name or birth date into any log line', () => {
    expect(t.logs.length).toBeGreaterThan(100);
    expect(leaked(t.logs.join('\n'))).toEqual([]);
  });

  it('lists for every demo user only rows that user may open', async () => {
    let rows = 0;
    for (const login of logins) {
      const bearer = token.get(login.email)!;
      for (const [list, item] of LISTS) {
        const answer = await t.as(bearer, { method: 'GET', url: list });
        if (answer.statusCode !== 200) continue;
        for (const row of (answer.json() as { items: { id: string }[] }).items) {
          rows += 1;
          const opened = await t.as(bearer, { method: 'GET', url: `${item}${row.id}` });
          expect(opened.statusCode, `${login.email} lists ${list} row ${row.id} but cannot open it`).toBe(200);
        }
      }
    }
    expect(rows).toBeGreaterThan(50);
  }, 120_000);
});
