import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, POLICY } from '../../src/domain/policy.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { ADMIN, METRICS_TOKEN, startTestApp, type TestApp } from '../helpers/app.ts';

async function counts(t: TestApp): Promise<{ orgs: number; users: number; sessions: number; audit: number }> {
  const db = t.app.ctx.db;
  const n = async (table: 'orgs' | 'users' | 'sessions' | 'audit_events') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { orgs: await n('orgs'), users: await n('users'), sessions: await n('sessions'), audit: await n('audit_events') };
}

describe.each(DIALECTS)('identity on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let partyId: string;
  let agencyId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.login(ADMIN.email, ADMIN.password);
    const party = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Party A', kind: 'party', timeZone: 'Europe/Moscow' } });
    expect(party.statusCode).toBe(201);
    partyId = party.json().id;
    const agency = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Agency A', kind: 'agency' } });
    agencyId = agency.json().id;
  });
  afterAll(async () => t?.close());

  describe('login and sessions', () => {
    it('signs in, sets an HttpOnly cookie, and /me answers with bearer or cookie', async () => {
      const response = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ADMIN@mediator.test ', password: ADMIN.password } });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      const cookie = String(response.headers['set-cookie']);
      expect(cookie).toMatch(/sp_session=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);

      const byBearer = await t.as(body.token, { method: 'GET', url: '/api/v1/me' });
      expect(byBearer.json()).toMatchObject({ email: ADMIN.email, org: { name: ADMIN.org, kind: 'mediator' } });
      const byCookie = await t.inject({ method: 'GET', url: '/api/v1/me', cookies: { sp_session: body.token } });
      expect(byCookie.statusCode).toBe(200);
      // The actions sent are the policy table's for this user, scope and all: the console's buttons follow them.
      const actions = byBearer.json().actions as Record<string, string>;
      expect(actions).toEqual(actionsOf({ orgKind: 'mediator', role: 'admin' }));
      expect(actions['org.create']).toBe('all');
      expect(actions['key.approve']).toBeUndefined();
      expect(Object.keys(actions).every((a) => a in POLICY)).toBe(true);
    });

    it('stores neither tokens nor passwords in clear', async () => {
      const token = await t.login(ADMIN.email, ADMIN.password);
      const sessions = await t.app.ctx.db.selectFrom('sessions').selectAll().execute();
      expect(sessions.some((s) => s.token_hash.includes(token) || token.includes(s.token_hash))).toBe(false);
      const user = await t.app.ctx.db.selectFrom('users').selectAll().where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
      expect(user.password_hash).toMatch(/^scrypt\$/);
      expect(user.password_hash).not.toContain(ADMIN.password);
    });

    it('refuses a wrong password and an unknown email alike, with problem+json', async () => {
      const wrong = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ADMIN.email, password: 'not-the-password' } });
      const unknown = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@x.test', password: 'whatever-123' } });
      for (const r of [wrong, unknown]) {
        expect(r.statusCode).toBe(401);
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(r.json()).toMatchObject({ status: 401, code: 'WRONG_CREDENTIALS', detail: 'Wrong email or password.' });
      }
    });

    it('answers 401 with a problem without a token, with a bad one, after logout and after expiry', async () => {
      const none = await t.inject({ method: 'GET', url: '/api/v1/me' });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect((await t.as('made-up-token', { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);

      const token = await t.login(ADMIN.email, ADMIN.password);
      const logout = await t.as(token, { method: 'POST', url: '/api/v1/auth/logout' });
      expect(logout.statusCode).toBe(204);
      expect((await t.as(token, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);

      const later = await t.login(ADMIN.email, ADMIN.password);
      const realNow = t.app.ctx.now;
      t.app.ctx.now = () => new Date(Date.now() + (t.app.ctx.config.sessionHours + 1) * 3_600_000);
      try {
        expect((await t.as(later, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
      } finally {
        t.app.ctx.now = realNow;
      }
      expect((await t.as(later, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    });
  });

  describe('organisations', () => {
    it('creates, refuses duplicates and bad kinds, and reads back', async () => {
      const dup = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Party A', kind: 'party' } });
      expect(dup.statusCode).toBe(409);
      const badKind = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'X', kind: 'army' } });
      expect(badKind.statusCode).toBe(400);
      const badZone = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Zone org', kind: 'agency', timeZone: 'Mars/Olympus' } });
      expect(badZone.statusCode).toBe(400);
      expect(badZone.json().errors).toEqual([{ path: '/timeZone', code: 'INVALID_TIME_ZONE', message: expect.any(String) }]);
      const one = await t.as(admin, { method: 'GET', url: `/api/v1/orgs/${partyId}` });
      expect(one.json()).toMatchObject({ id: partyId, name: 'Party A', kind: 'party', timeZone: 'Europe/Moscow' });
      expect((await t.as(admin, { method: 'GET', url: '/api/v1/orgs/nope' })).statusCode).toBe(404);
    });

    it('pages with limit and cursor, and refuses a forged cursor', async () => {
      for (const name of ['Page 1', 'Page 2', 'Page 3']) {
        await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind: 'agency' } });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const page = await t.as(admin, { method: 'GET', url: `/api/v1/orgs${query}` });
        expect(page.statusCode).toBe(200);
        const body = page.json() as { items: { id: string }[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((o) => o.id));
        cursor = body.nextCursor;
      } while (cursor);
      const all = await t.as(admin, { method: 'GET', url: '/api/v1/orgs?limit=200' });
      expect(seen).toEqual(all.json().items.map((o: { id: string }) => o.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect((await t.as(admin, { method: 'GET', url: '/api/v1/orgs?cursor=Zm9v' })).statusCode).toBe(400);
      expect((await t.as(admin, { method: 'GET', url: '/api/v1/orgs?limit=0' })).statusCode).toBe(400);
      expect((await t.as(admin, { method: 'GET', url: '/api/v1/orgs?limit=abc' })).statusCode).toBe(400);
    });
  });

  describe('users', () => {
    it('lets the mediator admin create users in any organisation and an org admin only in its own', async () => {
      const partyAdmin = await t.as(admin, {
        method: 'POST',
        url: '/api/v1/users',
        payload: { orgId: partyId, email: 'admin@party-a.test', name: 'Party Admin', password: 'party-admin-pw', role: 'admin' },
      });
      expect(partyAdmin.statusCode).toBe(201);
      expect(partyAdmin.json()).toMatchObject({ email: 'admin@party-a.test', role: 'admin', orgId: partyId });
      expect(partyAdmin.json()).not.toHaveProperty('password');
      const token = await t.login('admin@party-a.test', 'party-admin-pw');

      const own = await t.as(token, {
        method: 'POST',
        url: '/api/v1/users',
        payload: { orgId: partyId, email: 'liaison@party-a.test', name: 'Liaison', password: 'liaison-pw-1', role: 'liaison' },
      });
      expect(own.statusCode).toBe(201);
      const other = await t.as(token, {
        method: 'POST',
        url: '/api/v1/users',
        payload: { orgId: agencyId, email: 'intruder@agency-a.test', name: 'Intruder', password: 'intruder-pw-1', role: 'field' },
      });
      expect(other.statusCode).toBe(403);

      const listed = await t.as(token, { method: 'GET', url: '/api/v1/users' });
      expect(listed.json().items.map((u: { email: string }) => u.email)).toContain('liaison@party-a.test');
      expect(listed.json().items.every((u: { orgId: string }) => u.orgId === partyId)).toBe(true);
      expect((await t.as(token, { method: 'GET', url: `/api/v1/users?orgId=${agencyId}` })).statusCode).toBe(403);
    });

    it('refuses a role the organisation kind lacks, a short password, a taken email and a bad email', async () => {
      const base = { orgId: partyId, name: 'Someone', password: 'long-enough-pw' };
      const registrar = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { ...base, email: 'r@party-a.test', role: 'registrar' } });
      expect(registrar.statusCode).toBe(422);
      expect(registrar.json()).toMatchObject({ code: 'ROLE_NOT_IN_ORG_KIND', errors: [{ path: '/role' }] });
      const short = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { ...base, email: 's@party-a.test', role: 'viewer', password: 'short' } });
      expect(short.statusCode).toBe(422);
      const taken = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { ...base, email: 'Admin@Party-A.test', role: 'viewer' } });
      expect(taken.statusCode).toBe(409);
      const badEmail = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { ...base, email: 'not an email', role: 'viewer' } });
      expect(badEmail.statusCode).toBe(400);
      expect(badEmail.json().errors[0].path).toBe('/email');
      const unknownOrg = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { ...base, orgId: 'nope', email: 'u@x.test', role: 'viewer' } });
      expect(unknownOrg.statusCode).toBe(404);
    });
  });

  describe('bad input', () => {
    it('gets a 4xx problem and changes nothing, not even the audit log', async () => {
      const before = await counts(t);
      const attempts = [
        { method: 'POST', url: '/api/v1/orgs', payload: { name: 1, kind: 'party' } },
        { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Extra', kind: 'party', colour: 'red' } },
        { method: 'POST', url: '/api/v1/orgs', payload: [] },
        { method: 'POST', url: '/api/v1/orgs', payload: 'null', headers: { 'content-type': 'application/json' } },
        { method: 'POST', url: '/api/v1/orgs', payload: '{"name": "Олена Коваль"', headers: { 'content-type': 'application/json' } },
        { method: 'POST', url: '/api/v1/orgs', payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        { method: 'POST', url: '/api/v1/orgs', payload: { name: 'x'.repeat(2_000_000), kind: 'party' } },
        { method: 'POST', url: '/api/v1/users', payload: { orgId: partyId, email: 'a@b.test', name: '', password: 'long-enough-pw', role: 'viewer' } },
        { method: 'POST', url: '/api/v1/users', payload: { orgId: partyId, email: 'a@b.test', name: 'A', password: 'long-enough-pw', role: 'general' } },
        { method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@b.test' } },
        { method: 'GET', url: '/api/v1/nowhere' },
      ] as const;
      const statuses: number[] = [];
      for (const attempt of attempts) {
        const response = await t.as(admin, attempt);
        statuses.push(response.statusCode);
        expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = response.json();
        expect(problem).toMatchObject({ type: expect.any(String), title: expect.any(String), status: response.statusCode, detail: expect.any(String) });
        expect(response.body).not.toContain('Олена');
        expect(response.body).not.toMatch(/at .*\.ts:\d+/);
      }
      expect(statuses).toEqual([400, 400, 400, 400, 400, 415, 413, 400, 400, 400, 404]);
      expect(await counts(t)).toEqual(before);
    });

    it('lists every invalid field in errors[]', async () => {
      const response = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { email: 'x', role: 'boss' } });
      const paths = response.json().errors.map((e: { path: string }) => e.path).sort();
      expect(paths).toEqual(expect.arrayContaining(['/orgId', '/name', '/password', '/email', '/role']));
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response to a retry and changes nothing', async () => {
      const before = await counts(t);
      const request = { method: 'POST', url: '/api/v1/orgs', headers: { 'idempotency-key': 'create-agency-b-1' }, payload: { name: 'Agency B', kind: 'agency' } } as const;
      const first = await t.as(admin, request);
      const retry = await t.as(admin, request);
      expect(first.statusCode).toBe(201);
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toEqual(first.json());
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const after = await counts(t);
      expect(after.orgs).toBe(before.orgs + 1);
      expect(after.audit).toBe(before.audit + 1);

      const reused = await t.as(admin, { ...request, payload: { name: 'Agency C', kind: 'agency' } });
      expect(reused.statusCode).toBe(422);
      expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('keeps keys per caller and lets a failed request be retried', async () => {
      const otherAdmin = await t.login('admin@party-a.test', 'party-admin-pw');
      const key = { 'idempotency-key': 'shared-key' };
      const byMediator = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', headers: key, payload: { name: 'Agency D', kind: 'agency' } });
      expect(byMediator.statusCode).toBe(201);
      const byParty = await t.as(otherAdmin, { method: 'POST', url: '/api/v1/orgs', headers: key, payload: { name: 'Agency D', kind: 'agency' } });
      expect(byParty.statusCode).toBe(403);
      expect(byParty.headers['idempotent-replayed']).toBeUndefined();

      const conflictKey = { 'idempotency-key': 'retry-after-conflict' };
      const conflict = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', headers: conflictKey, payload: { name: 'Agency D', kind: 'agency' } });
      expect(conflict.statusCode).toBe(409);
      const bad = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', headers: { 'idempotency-key': 'bad key with spaces' }, payload: { name: 'Agency E', kind: 'agency' } });
      expect(bad.statusCode).toBe(400);
    });

    it('replays nothing to a token that was signed out, and never stores a query’s answer', async () => {
      const token = await t.login(ADMIN.email, ADMIN.password);
      const request = { method: 'POST', url: '/api/v1/orgs', headers: { 'idempotency-key': 'before-logout' }, payload: { name: 'Agency L', kind: 'agency' } } as const;
      expect((await t.as(token, request)).statusCode).toBe(201);
      expect((await t.as(token, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
      const replay = await t.as(token, request);
      expect(replay.statusCode).toBe(401);
      expect(replay.headers['idempotent-replayed']).toBeUndefined();
      expect(replay.body).not.toContain('Agency L');

      const keys = async () => Number((await t.app.ctx.db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await keys();
      const query = await t.as(admin, { method: 'POST', url: '/api/v1/people/search', headers: { 'idempotency-key': 'search-1' }, payload: { name: 'Shevchenko' } });
      expect(query.statusCode).not.toBe(500);
      const tracing = await t.inject({ method: 'POST', url: '/api/v1/public/tracing', headers: { 'idempotency-key': 'trace-1' }, payload: { name: 'Oleksandr Shevchenko', birthDate: '1956-04-12' } });
      expect(tracing.statusCode).toBe(200);
      expect(await keys()).toBe(before);
    });
  });

  describe('operations', () => {
    it('reports health with the database in use', async () => {
      const response = await t.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok', db: dialect });
    });

    it('exposes Prometheus metrics labelled by route pattern, not by raw URL', async () => {
      await t.as(admin, { method: 'GET', url: `/api/v1/orgs/${partyId}` });
      const response = await t.as(METRICS_TOKEN, { method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/plain/);
      expect(response.body).toMatch(/safe_passage_http_requests_total\{method="GET",route="\/api\/v1\/orgs\/:id",status="200"\} \d+/);
      expect(response.body).not.toContain(partyId);
      expect(response.body).toContain('safe_passage_process_cpu_seconds_total');
    });

    it('serves the OpenAPI document and its UI at /api/docs', async () => {
      const json = await t.inject({ method: 'GET', url: '/api/docs/json' });
      expect(json.statusCode).toBe(200);
      const doc = json.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/orgs', '/api/v1/users', '/api/v1/me', '/api/health']));
      expect(doc.paths['/api/v1/orgs'].post.requestBody.content['application/json'].schema.required).toEqual(['name', 'kind']);
      const ui = await t.inject({ method: 'GET', url: '/api/docs/' });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toMatch(/text\/html/);
    });

    it('sends security headers and a strict CSP', async () => {
      const response = await t.inject({ method: 'GET', url: '/api/health' });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    });

    it('gives every response a request id, taking a well-formed one from the caller', async () => {
      const given = await t.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'field-office-42' } });
      expect(given.headers['x-request-id']).toBe('field-office-42');
      const hostile = await t.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-request-id': 'bad id\nwith newline' } });
      expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(hostile.json().requestId).toBe(hostile.headers['x-request-id']);
    });

    it('never logs passwords, tokens, emails or names', async () => {
      const secretName = 'Оксана Тестова-Логова';
      const response = await t.as(admin, {
        method: 'POST',
        url: '/api/v1/users?who=hidden-query@x.test',
        payload: { orgId: agencyId, email: 'oksana.logs@agency-a.test', name: secretName, password: 'log-secret-pw-9', role: 'registrar' },
      });
      expect(response.statusCode).toBe(201);
      const token = await t.login('oksana.logs@agency-a.test', 'log-secret-pw-9');
      await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'oksana.logs@agency-a.test', password: 'wrong-password-x' } });
      await t.as(token, { method: 'GET', url: '/api/v1/me' });
      const logs = t.logs.join('\n');
      expect(logs).toContain('/api/v1/users');
      for (const secret of [secretName, 'oksana.logs', 'log-secret-pw-9', 'wrong-password-x', token, admin, 'hidden-query']) {
        expect(logs).not.toContain(secret);
      }
    });
  });

  describe('rate limiting', () => {
    it('answers 429 problem+json after too many sign-in attempts for one account', async () => {
      const limited = await startTestApp(dialect, { loginAttemptsPerMinute: 3 });
      try {
        // A fixed instant mid-minute: on the real clock the four attempts could straddle a minute
        // boundary, and the fourth would land in a fresh window.
        limited.app.ctx.now = () => new Date(Date.UTC(2026, 0, 5, 9, 0, 30));
        const attempt = () => limited.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ADMIN.email, password: 'guessing-123' } });
        const statuses = [];
        for (let i = 0; i < 4; i += 1) statuses.push((await attempt()).statusCode);
        expect(statuses).toEqual([401, 401, 401, 429]);
        const blocked = await attempt();
        expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(blocked.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
        // Another account from the same address is not locked out.
        const other = await limited.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'someone@else.test', password: 'x-password-1' } });
        expect(other.statusCode).toBe(401);
      } finally {
        await limited.close();
      }
    });

    it('makes an account that keeps failing wait out the hour, though each minute stays under the limit', async () => {
      const limited = await startTestApp(dialect, { loginAttemptsPerMinute: 2 });
      try {
        const start = Date.UTC(2026, 0, 5, 9, 0, 0);
        const attempt = async (minute: number, password: string) => {
          limited.app.ctx.now = () => new Date(start + minute * 60_000);
          return limited.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ADMIN.email, password } });
        };
        // Two wrong guesses a minute, within the per-minute limit, for three minutes: six failures.
        const statuses = [];
        for (const minute of [0, 0, 1, 1, 2, 2]) statuses.push((await attempt(minute, 'guessing-123')).statusCode);
        expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
        // Now even the right password waits until the hour is out, and says how long.
        const blocked = await attempt(3, ADMIN.password);
        expect(blocked.statusCode).toBe(429);
        expect(Number(blocked.headers['retry-after'])).toBe(57 * 60);
        expect((await attempt(61, ADMIN.password)).statusCode).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it('counts every spelling of one address (full-width, mixed case, spaces) against the same account', async () => {
      const limited = await startTestApp(dialect, { loginAttemptsPerMinute: 3 });
      try {
        const [local, domain] = ADMIN.email.split('@') as [string, string];
        const fullWidth = [...local].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
        const spellings = [ADMIN.email, ADMIN.email.toUpperCase(), ` ${ADMIN.email} `, `${fullWidth}@${domain}`, `${local.slice(0, -1)}\uff4e@${domain}`];
        const statuses = [];
        for (const email of spellings) {
          statuses.push((await limited.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'guessing-123' } })).statusCode);
        }
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
        // Locked out, the right password in another spelling does not get in either.
        const right = await limited.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `${fullWidth}@${domain}`, password: ADMIN.password } });
        expect(right.statusCode).toBe(429);
      } finally {
        await limited.close();
      }
    });
  });
});
