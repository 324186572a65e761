import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createProposedCorridor } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { hoursFromNow } from '../helpers/time.ts';
import { openSse, type SseEvent } from '../helpers/sse.ts';
import { decideAs } from '../helpers/signing.ts';

const about = (id: string, status?: string) => (e: SseEvent) => {
  const data = e.data as { id: string; status: string };
  return e.event === 'corridor' && data.id === id && (status === undefined || data.status === status);
};

describe.each(DIALECTS)('live corridor events on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let coordinator: string;
  let ua: string;
  let ru: string;
  let uaLiaison: string;
  let ruLiaison: string;
  let otherLiaison: string;
  let other: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0 });
    base = await t.app.server.listen({ port: 0, host: '127.0.0.1' });
    coordinator = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string) => (await t.as(coordinator, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind: 'party' } })).json().id as string;
    ua = await org('Live UA');
    ru = await org('Live RU');
    other = await org('Live other');
    const liaison = async (orgId: string, email: string) => {
      await t.as(coordinator, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: 'L', password: 'live-password', role: 'liaison' } });
      return t.login(email, 'live-password');
    };
    uaLiaison = await liaison(ua, 'l@live-ua.test');
    ruLiaison = await liaison(ru, 'l@live-ru.test');
    otherLiaison = await liaison(other, 'l@live-other.test');
  });
  afterAll(async () => t?.close());

  const approve = (token: string, id: string) => decideAs(t, token, id, { version: 1, decision: 'approve' });

  it('tells the public the moment a corridor opens, and staff only what they may see', async () => {
    const publicStream = await openSse(`${base}/api/v1/public/stream`);
    const uaStream = await openSse(`${base}/api/v1/stream`, { authorization: `Bearer ${uaLiaison}` });
    const otherStream = await openSse(`${base}/api/v1/stream`, { cookie: `sp_session=${otherLiaison}` });
    try {
      const { id } = await createProposedCorridor(t, coordinator, [ua, ru], { windows: [{ start: hoursFromNow(-1), end: hoursFromNow(4) }] });
      await approve(uaLiaison, id);
      await uaStream.waitFor(about(id, 'proposed'));
      await approve(ruLiaison, id);
      const opened = await publicStream.waitFor(about(id, 'open'));
      expect(opened.data).toMatchObject({ id, name: 'Sumy – Poltava', status: 'open', currentWindow: { start: expect.any(String) } });
      expect(opened.data).not.toHaveProperty('checkpoints');
      expect(opened.data).not.toHaveProperty('approvals');
      await uaStream.waitFor(about(id, 'open'));
      // Drafting and proposing were never public: the first public event is the opening.
      expect(publicStream.events.filter(about(id))[0]?.data).toMatchObject({ status: 'open' });

      const suspended = await t.as(coordinator, { method: 'POST', url: `/api/v1/corridors/${id}/suspend`, payload: { reason: 'Shelling' } });
      expect(suspended.statusCode).toBe(200);
      await publicStream.waitFor(about(id, 'suspended'));
      // The other party's stream is alive (it hears of a corridor that lists it) and heard nothing of this one.
      const theirs = (await createProposedCorridor(t, coordinator, [ua, other], { windows: [{ start: hoursFromNow(30), end: hoursFromNow(34) }] })).id;
      await otherStream.waitFor(about(theirs));
      await t.app.live.idle();
      expect(otherStream.events.some(about(id))).toBe(false);

      const amended = await t.as(coordinator, { method: 'PUT', url: `/api/v1/corridors/${id}`, payload: { name: 'Renamed', version: 1 } });
      expect(amended.statusCode).toBe(200);
      const removed = await publicStream.waitFor((e) => about(id)(e) && (e.data as { removed?: boolean }).removed === true);
      expect(removed.data).toEqual({ id, status: 'draft', removed: true });
    } finally {
      publicStream.close();
      uaStream.close();
      otherStream.close();
    }
  });

  it('announces windows opening and closing by the clock (the scheduler)', async () => {
    const start = new Date(Date.now() + 3_600_000);
    const end = new Date(Date.now() + 2 * 3_600_000);
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru], { windows: [{ start: start.toISOString(), end: end.toISOString() }] });
    await approve(uaLiaison, id);
    await approve(ruLiaison, id);
    const stream = await openSse(`${base}/api/v1/public/stream`);
    const realNow = t.app.ctx.now;
    try {
      await t.app.live.idle();
      t.app.ctx.now = () => new Date(start.getTime() + 60_000);
      await t.app.live.tick();
      await stream.waitFor(about(id, 'open'));
      t.app.ctx.now = () => new Date(end.getTime() + 60_000);
      await t.app.live.tick();
      const closed = await stream.waitFor(about(id, 'closed'));
      expect(closed.data).toMatchObject({ currentWindow: null, nextWindow: null });
    } finally {
      t.app.ctx.now = realNow;
      stream.close();
    }
  });

  it('refuses the staff stream without a session', async () => {
    const response = await fetch(`${base}/api/v1/stream`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});

describe.runIf(DIALECTS.includes('postgres'))('two server instances on one PostgreSQL', () => {
  let t: TestApp;
  let second: App;
  let secondBase: string;

  beforeAll(async () => {
    t = await startTestApp('postgres', { schedulerIntervalMs: 0 });
    second = await createApp({ ...loadConfig({}), databaseUrl: t.database.url, schedulerIntervalMs: 0 }, { logger: false });
    secondBase = await second.server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('delivers an event made on one instance to the streams of the other (LISTEN/NOTIFY)', async () => {
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string) => (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind: 'party' } })).json().id as string;
    const [ua, ru] = [await org('Two UA'), await org('Two RU')];
    const liaison = async (orgId: string, email: string) => {
      await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: 'L', password: 'two-password', role: 'liaison' } });
      return t.login(email, 'two-password');
    };
    const [uaL, ruL] = [await liaison(ua, 'l@two-ua.test'), await liaison(ru, 'l@two-ru.test')];
    const stream = await openSse(`${secondBase}/api/v1/public/stream`);
    try {
      const { id } = await createProposedCorridor(t, admin, [ua, ru], { windows: [{ start: hoursFromNow(-1), end: hoursFromNow(3) }] });
      for (const token of [uaL, ruL]) {
        await decideAs(t, token, id, { version: 1, decision: 'approve' });
      }
      const event = await stream.waitFor(about(id, 'open'));
      expect(event.data).toMatchObject({ id, status: 'open' });
    } finally {
      stream.close();
    }
  });
});
