import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { openSse } from '../helpers/sse.ts';

const LIMITS: Partial<Config> = {
  schedulerIntervalMs: 0,
  tracingTargetRequestsPerHour: 3,
  tracingRequestsPerMinute: 5,
  tracingGlobalRequestsPerMinute: 11,
  tracingNearMissDates: 4,
};

// One second into the current hour for the whole file: no window rolls over mid-test.
const FROZEN = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 1_000);

type Inject = (options: InjectOptions) => Promise<LightMyRequestResponse>;
const trace = (inject: Inject, address: string, name: string, birthDate: string) =>
  inject({ method: 'POST', url: '/api/v1/public/tracing', remoteAddress: address, payload: { name, birthDate } });

function expectRefused(response: LightMyRequestResponse, maxSeconds: number): void {
  expect(response.statusCode).toBe(429);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(response.json()).toMatchObject({ status: 429, code: 'TRACING_RATE_LIMITED' });
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

describe.each(DIALECTS)('public tracing limits in the database on %s', (dialect) => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, LIMITS);
    t.app.ctx.now = () => FROZEN;
    base = await t.app.server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t?.close());

  it('limits per target across addresses, per address and for everyone, and alerts the tracing desk to near-miss dates', async () => {
    const desk = await openSse(`${base}/api/v1/stream`, { authorization: `Bearer ${await t.login(ADMIN.email, ADMIN.password)}` });
    try {
      // One target (name + birth year) from four addresses: the fourth is refused, whatever the
      // word order, the patronymic or the day asked.
      expect((await trace(t.inject, '10.0.0.1', 'Olena Kovalenko', '1990-01-01')).statusCode).toBe(200);
      expect((await trace(t.inject, '10.0.0.2', 'Kovalenko Olena', '1990-01-02')).statusCode).toBe(200);
      expect((await trace(t.inject, '10.0.0.3', 'Olena Kovalenko', '1990-01-03')).statusCode).toBe(200);
      expectRefused(await trace(t.inject, '10.0.0.4', 'Kovalenko Olena Petrivna', '1990-01-04'), 3_600);
      // Four dates for one name within the hour: the desk hears of it, without the name.
      const alert = await desk.waitFor((e) => e.event === 'alert');
      expect(alert.data).toMatchObject({ kind: 'tracing-probing', dates: 4 });
      expect(JSON.stringify(alert.data)).not.toMatch(/olena|kovalenko|1990/i);
      const audit = await t.app.ctx.db.selectFrom('audit_events').select(['action']).where('action', '=', 'tracing.probing').execute();
      expect(audit).toHaveLength(1);

      // Another year of the same name is another target.
      expect((await trace(t.inject, '10.0.0.4', 'Olena Kovalenko', '1991')).statusCode).toBe(200);
      // One address, five different people: the sixth request is refused.
      for (const name of ['Ivan Petrenko', 'Marta Koval', 'Anna Shevchenko', 'Oksana Bondar']) {
        expect((await trace(t.inject, '10.0.0.5', name, '1980')).statusCode).toBe(200);
      }
      expect((await trace(t.inject, '10.0.0.5', 'Petro Melnyk', '1980')).statusCode).toBe(200);
      expectRefused(await trace(t.inject, '10.0.0.5', 'Taras Lysenko', '1980'), 60);
      // Eleven requests a minute from everyone: a fresh address asking about a fresh person is refused too.
      expectRefused(await trace(t.inject, '10.0.0.6', 'Yurii Tkachenko', '1975'), 60);
      // Nothing of the names, dates or addresses is kept.
      // Keys are names of limits and keyed hashes; the hashes are random hex and may hold "1990" by
      // chance, so the check reads the keys with their hashes taken out.
      const rows = await t.app.ctx.db.selectFrom('rate_windows').select('bucket').execute();
      for (const { bucket } of rows) expect(bucket).toMatch(/^[a-z-]+(:[a-z]+)?(:[0-9a-f]{32})*$/);
      const readable = rows.map((r) => r.bucket.replace(/[0-9a-f]{32}/g, '#')).join(' ');
      expect(readable).not.toMatch(/olena|kovalenko|petrenko|1990|1980|10\.0\.0/i);
    } finally {
      desk.close();
    }
  });
});

describe.runIf(DIALECTS.includes('postgres'))('two instances on one PostgreSQL share the tracing limits', () => {
  let t: TestApp;
  let second: App;

  beforeAll(async () => {
    t = await startTestApp('postgres', LIMITS);
    second = await createApp({ ...loadConfig({}), ...LIMITS, databaseUrl: t.database.url }, { logger: false });
    t.app.ctx.now = () => FROZEN;
    second.ctx.now = () => FROZEN;
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('counts a target and an address on either instance against one limit', async () => {
    const other: Inject = (options) => second.server.inject(options);
    expect((await trace(t.inject, '10.1.0.1', 'Olena Kovalenko', '1990-01-01')).statusCode).toBe(200);
    expect((await trace(other, '10.1.0.2', 'Olena Kovalenko', '1990-01-01')).statusCode).toBe(200);
    expect((await trace(t.inject, '10.1.0.3', 'Olena Kovalenko', '1990-01-01')).statusCode).toBe(200);
    expectRefused(await trace(other, '10.1.0.4', 'Olena Kovalenko', '1990-01-01'), 3_600);

    for (let i = 0; i < 5; i += 1) {
      const inject = i % 2 === 0 ? t.inject : other;
      expect((await trace(inject, '10.1.0.9', `Ivan Petrenko${'ko'.repeat(i)}`, '1980')).statusCode).toBe(200);
    }
    expectRefused(await trace(other, '10.1.0.9', 'Marta Koval', '1985'), 60);
  });
});
