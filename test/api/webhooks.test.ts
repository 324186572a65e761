import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { registerPerson } from '../../src/services/people.service.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { corridorBody, createCorridor, createProposedCorridor } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { answerAs, decideAs } from '../helpers/signing.ts';
import { hoursFromNow } from '../helpers/time.ts';

/**
 * The receiver's check, written as docs/webhooks.md tells a receiver to: HMAC-SHA256 over
 * "<t>.<raw body>" with the secret, compared in constant time, and a timestamp no older than 5 min.
 */
function verifySafePassage(rawBody: string, header: string, secret: string, toleranceSeconds = 300): boolean {
  const fields = header.split(',').map((part) => part.trim().split('='));
  const t = fields.find(([k]) => k === 't')?.[1];
  const signatures = fields.filter(([k]) => k === 'v1').map(([, v]) => v ?? '');
  if (!t || !/^\d+$/.test(t)) return false;
  if (Math.abs(Date.now() / 1000 - Number(t)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return signatures.some((s) => s.length === 64 && timingSafeEqual(Buffer.from(s, 'hex'), expected));
}

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A receiver on loopback only: records every request; each path answers as its script says. */
type Answer = () => number | 'hang' | Promise<number>;

function startReceiver(): Promise<{ url: (path: string) => string; received: Received[]; answer: Map<string, Answer>; close(): Promise<void> }> {
  const received: Received[] = [];
  const answer = new Map<string, Answer>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', async () => {
      received.push({ path: req.url ?? '', headers: req.headers, body, at: Date.now() });
      const status = (await answer.get(req.url ?? '')?.()) ?? 200;
      if (status === 'hang') return;
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: (path) => `http://127.0.0.1:${port}${path}`,
        received,
        answer,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

const GIVEN = 'Yevdokiia';
const FAMILY = 'Shevchuk-Zinchenko';

describe.each(DIALECTS)('webhooks on %s', (dialect) => {
  let t: TestApp;
  let restarted: App | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let admin: string;
  let party: string;
  let partyAdmin: string;
  let liaison: string;
  let agency: string;
  let agencyAdmin: string;
  let coordinator: { token: string; id: string };

  const hook = async (token: string, path: string, events: string[]) => {
    const r = await t.as(token, { method: 'POST', url: '/api/v1/webhooks', payload: { url: receiver.url(path), events } });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; secret: string };
  };
  const at = (path: string) => receiver.received.filter((r) => r.path === path);
  const deliveries = async (token: string, id: string) => {
    const r = await t.as(token, { method: 'GET', url: `/api/v1/webhooks/${id}/deliveries` });
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { items: Record<string, unknown>[] }).items;
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestApp(dialect, { schedulerIntervalMs: 0, webhookAllowPrivateTargets: true, webhookBackoffBaseMs: 200, webhookBackoffCapMs: 2_000, webhookPollMs: 0 });
    admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string, kind: string) => (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind } })).json().id as string;
    const user = async (orgId: string, email: string, role: string) => {
      const r = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: `${role} ${email}`, password: 'webhooks-pass-1', role } });
      expect(r.statusCode, r.body).toBe(201);
      return { token: await t.login(email, 'webhooks-pass-1'), id: r.json().id as string };
    };
    party = await org('WH-UA', 'party');
    agency = await org('WH-agency', 'agency');
    partyAdmin = (await user(party, 'a@wh-ua.test', 'admin')).token;
    liaison = (await user(party, 'l@wh-ua.test', 'liaison')).token;
    agencyAdmin = (await user(agency, 'a@wh-agency.test', 'admin')).token;
    coordinator = await user(agency, 'c@wh-agency.test', 'coordinator');
  });
  afterAll(async () => {
    await receiver?.close();
    if (restarted) {
      await restarted.close();
      await t.database.drop();
    } else await t?.close();
  });

  it("registers only what the organisation's own stream carries, and only at http(s) URLs", async () => {
    const made = await t.as(partyAdmin, { method: 'POST', url: '/api/v1/webhooks', payload: { url: receiver.url('/rights'), events: ['corridor', 'movement'] } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    expect(made.json()).toMatchObject({ orgId: party, events: ['corridor', 'movement'], role: 'admin', disabledAt: null });
    expect(made.json().secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const list = await t.as(partyAdmin, { method: 'GET', url: '/api/v1/webhooks' });
    expect(list.json().items.map((h: { id: string }) => h.id)).toEqual([made.json().id]);
    expect(list.body).not.toContain(made.json().secret);

    const post = (token: string, payload: Record<string, unknown>) => t.as(token, { method: 'POST', url: '/api/v1/webhooks', payload });
    // A party's stream never carries incidents or tracing alerts: neither may its hooks.
    for (const events of [['incident'], ['corridor', 'alert']]) {
      expect((await post(partyAdmin, { url: receiver.url('/x'), events })).json()).toMatchObject({ status: 403, code: 'WEBHOOK_EVENT_FORBIDDEN' });
    }
    expect((await post(partyAdmin, { url: receiver.url('/x'), events: ['people'] })).json()).toMatchObject({ status: 400, code: 'WEBHOOK_EVENT_UNKNOWN' });
    expect((await post(agencyAdmin, { url: receiver.url('/x'), events: ['alert'] })).json().code).toBe('WEBHOOK_EVENT_FORBIDDEN');
    // Only an admin registers, for its own organisation.
    expect((await post(liaison, { url: receiver.url('/x'), events: ['corridor'] })).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await t.as(agencyAdmin, { method: 'GET', url: `/api/v1/webhooks/${made.json().id}/deliveries` })).statusCode).toBe(404);
    for (const url of ['ftp://example.org/hook', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect((await post(partyAdmin, { url, events: ['corridor'] })).json()).toMatchObject({ status: 422, code: 'WEBHOOK_URL_SCHEME' });
    }
    expect((await post(partyAdmin, { url: 'https://user:pw@example.org/', events: ['corridor'] })).json().code).toBe('WEBHOOK_URL_CREDENTIALS');

    // As configured in production: loopback, private and link-local targets are refused.
    t.app.ctx.config.webhookAllowPrivateTargets = false;
    try {
      for (const url of [receiver.url('/x'), 'http://localhost:9/', 'http://[::1]/', 'http://10.1.2.3/', 'http://169.254.169.254/latest', 'http://[::ffff:127.0.0.1]/']) {
        expect((await post(partyAdmin, { url, events: ['corridor'] })).json(), url).toMatchObject({ status: 422, code: 'WEBHOOK_URL_PRIVATE' });
      }
    } finally {
      t.app.ctx.config.webhookAllowPrivateTargets = true;
    }
    const disabled = await t.as(partyAdmin, { method: 'POST', url: `/api/v1/webhooks/${made.json().id}/disable` });
    expect(disabled.json().disabledAt).not.toBeNull();
    expect((await t.as(partyAdmin, { method: 'POST', url: `/api/v1/webhooks/${made.json().id}/disable` })).json().code).toBe('WEBHOOK_DISABLED');
  });

  it('delivers a signed event the receiver verifies as documented, with a delivery id to de-duplicate on', async () => {
    const { id, secret } = await hook(admin, '/signed', ['corridor']);
    const corridor = await createProposedCorridor(t, admin, [party]);
    await vi.waitFor(() => expect(at('/signed').length).toBeGreaterThanOrEqual(2), { timeout: 5_000, interval: 20 });
    const [first] = at('/signed');
    const header = String(first?.headers['safe-passage-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySafePassage(first?.body ?? '', header, secret)).toBe(true);
    expect(verifySafePassage(`${first?.body} `, header, secret)).toBe(false);
    expect(verifySafePassage(first?.body ?? '', header, `${secret}x`)).toBe(false);
    const body = JSON.parse(first?.body ?? '{}');
    expect(body).toMatchObject({ webhookId: id, type: 'corridor', data: { id: corridor.id, version: 1 } });
    expect(first?.headers['safe-passage-delivery']).toBe(body.id);
    expect(first?.headers['safe-passage-event']).toBe('corridor');
    await vi.waitFor(async () => expect((await deliveries(admin, id)).every((d) => d.status === 'delivered')).toBe(true), { timeout: 5_000, interval: 20 });
    expect((await deliveries(admin, id))[0]).toMatchObject({ eventType: 'corridor', attempts: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
  });

  it('retries a receiver that answers 500 twice, each wait longer, then records the delivery', async () => {
    const propose = await draftCorridor();
    const { id } = await hook(admin, '/flaky', ['corridor']);
    // At each retry the queue still holds the wait the server chose after the previous failure.
    const waits: number[] = [];
    let calls = 0;
    receiver.answer.set('/flaky', async () => {
      calls += 1;
      // Only this delivery's two retries read the queue: the hook stays subscribed for the rest of
      // the file, and a later test's event must not query an app that test may have closed.
      if (calls > 1 && waits.length < 2) {
        const row = await t.app.ctx.db.selectFrom('webhook_deliveries').select(['last_attempt_at', 'next_attempt_at']).where('webhook_id', '=', id).executeTakeFirstOrThrow();
        waits.push(Date.parse(row.next_attempt_at ?? '') - Date.parse(row.last_attempt_at ?? ''));
      }
      return calls <= 2 ? 500 : 200;
    });
    await propose();
    await vi.waitFor(() => expect(waits).toHaveLength(2), { timeout: 8_000, interval: 20 });
    const [a, b, c] = at('/flaky') as [Received, Received, Received];
    // One delivery, three attempts: the same id and bytes each time.
    expect(new Set([a, b, c].map((r) => r.headers['safe-passage-delivery'])).size).toBe(1);
    expect(b.body).toBe(a.body);
    // Base 200 ms, doubled, half of it random: 100–200 ms, then 200–400 ms; never sent sooner.
    const [first, second] = waits as [number, number];
    expect(first).toBeGreaterThanOrEqual(100);
    expect(first).toBeLessThanOrEqual(200);
    expect(second).toBeGreaterThanOrEqual(200);
    expect(second).toBeLessThanOrEqual(400);
    expect(second).toBeGreaterThanOrEqual(first);
    expect(b.at - a.at).toBeGreaterThanOrEqual(first - 5);
    expect(c.at - b.at).toBeGreaterThanOrEqual(second - 5);
    await vi.waitFor(async () => expect((await deliveries(admin, id))[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null }), { timeout: 5_000, interval: 20 });
  });

  it("gives a party's hook what its stream sees, never a name, and nothing of corridors it is not on", async () => {
    const partyHook = await hook(partyAdmin, '/party', ['corridor', 'movement']);
    const agencyHook = await hook(agencyAdmin, '/agency', ['movement', 'incident']);
    const other = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'WH-other', kind: 'party' } });
    const notOurs = await createProposedCorridor(t, admin, [other.json().id as string]);

    const corridor = (await createProposedCorridor(t, admin, [party], { windows: [{ start: hoursFromNow(72), end: hoursFromNow(96) }] })).id;
    expect((await decideAs(t, liaison, corridor, { version: 1, decision: 'approve' })).statusCode).toBe(201);
    const notified = await t.as(coordinator.token, {
      method: 'POST',
      url: '/api/v1/movements',
      payload: { kind: 'evacuation', corridorId: corridor, departAt: hoursFromNow(73), arriveBy: hoursFromNow(79), vehicles: [{ type: 'bus' }], personnel: 2, passengers: 1 },
    });
    expect(notified.statusCode, notified.body).toBe(201);
    const movement = notified.json().id as string;
    const actor = { userId: coordinator.id, orgId: agency, orgKind: 'agency' as const, role: 'coordinator' as const };
    const person = await registerPerson(t.app.ctx, actor, { givenName: GIVEN, familyName: FAMILY, birthDate: '1951-04-02' });
    const post = (path: string, payload: Record<string, unknown>) => t.as(coordinator.token, { method: 'POST', url: `/api/v1/movements/${movement}/${path}`, payload });
    expect((await post('passengers', { personIds: [person.id] })).statusCode).toBe(200);
    expect((await answerAs(t, liaison, movement, { decision: 'acknowledge' })).statusCode).toBe(201);
    expect((await post('board', { personId: person.id })).statusCode).toBe(200);

    const changes = (path: string) => at(path).map((r) => JSON.parse(r.body) as { type: string; data: { id: string; change?: string } });
    await vi.waitFor(() => expect(changes('/party').some((e) => e.type === 'movement' && e.data.change === 'board')).toBe(true), { timeout: 5_000, interval: 20 });
    await vi.waitFor(() => expect(changes('/agency').some((e) => e.data.change === 'board')).toBe(true), { timeout: 5_000, interval: 20 });
    const partyEvents = changes('/party');
    expect(partyEvents.some((e) => e.type === 'corridor' && e.data.id === corridor)).toBe(true);
    expect(partyEvents.some((e) => e.data.id === notOurs.id)).toBe(false);
    // Names and birth dates go nowhere: not to the party, not to the agency's own hook, not into the queue.
    const stored = await t.app.ctx.db.selectFrom('webhook_deliveries').select('body').where('webhook_id', 'in', [partyHook.id, agencyHook.id]).execute();
    for (const text of [...at('/party'), ...at('/agency')].map((r) => r.body).concat(stored.map((s) => s.body))) {
      for (const secret of [GIVEN, FAMILY, '1951-04-02', person.id]) expect(text).not.toContain(secret);
    }
  });

  // Two instances on one PostgreSQL database: both wake on every change (LISTEN/NOTIFY) and race
  // for the outbox and the queue; the outbox delete and the lease let each delivery go out once.
  it.runIf(dialect === 'postgres')('sends each delivery once with two instances on one database', async () => {
    const second = await createApp({ ...t.app.ctx.config }, { logger: false });
    try {
      await hook(admin, '/twice', ['corridor']);
      for (let i = 0; i < 3; i++) await createProposedCorridor(t, admin, [party]);
      await vi.waitFor(() => expect(at('/twice')).toHaveLength(6), { timeout: 8_000, interval: 20 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const ids = at('/twice').map((r) => r.headers['safe-passage-delivery']);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
    } finally {
      await second.close();
    }
  });

  it('resumes after a restart a delivery the stopped server had in flight', async () => {
    let calls = 0;
    receiver.answer.set('/restart', () => ((calls += 1) === 1 ? 'hang' : 200));
    const propose = await draftCorridor();
    const { id } = await hook(admin, '/restart', ['corridor']);
    await propose();
    await vi.waitFor(() => expect(at('/restart')).toHaveLength(1), { timeout: 5_000, interval: 20 });
    // Stopped mid-attempt: the lease is given back, the delivery stays pending in the table.
    await t.app.close();
    const config = { ...t.app.ctx.config };
    restarted = await createApp(config, { logger: false });
    await vi.waitFor(() => expect(at('/restart')).toHaveLength(2), { timeout: 5_000, interval: 20 });
    const [before, after] = at('/restart') as [Received, Received];
    expect(after.headers['safe-passage-delivery']).toBe(before.headers['safe-passage-delivery']);
    await vi.waitFor(
      async () => {
        const row = await restarted?.ctx.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', id).executeTakeFirst();
        expect(row).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200 });
      },
      { timeout: 5_000, interval: 20 },
    );
  });

  /** A draft made now, and its proposal for later: one corridor event for a hook registered in between. */
  async function draftCorridor(): Promise<() => Promise<void>> {
    const draft = await createCorridor(t, admin, corridorBody([party]));
    return async () => {
      expect((await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${draft.id}/propose` })).statusCode).toBe(200);
    };
  }
});
