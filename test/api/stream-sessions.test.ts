import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { openSse, type SseClient } from '../helpers/sse.ts';

/** Whether the server ends the stream within the time (false: still open). */
async function endsWithin(stream: SseClient, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([stream.ended.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const reportIncident = (t: TestApp, token: string) =>
  t.as(token, {
    method: 'POST',
    url: '/api/v1/incidents',
    payload: { type: 'shelling', severity: 'high', occurredAt: new Date(Date.now() - 60_000).toISOString(), lat: 50.9, lon: 34.8 },
  });

describe.each(DIALECTS)('staff streams end with their session on %s', (dialect) => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0 });
    base = await t.app.server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t?.close());

  it('closes every stream of a session when it logs out, and only those', async () => {
    const token = await t.login(ADMIN.email, ADMIN.password);
    const other = await t.login(ADMIN.email, ADMIN.password);
    const first = await openSse(`${base}/api/v1/stream`, { authorization: `Bearer ${token}` });
    const second = await openSse(`${base}/api/v1/stream`, { cookie: `sp_session=${token}` });
    const stays = await openSse(`${base}/api/v1/stream`, { authorization: `Bearer ${other}` });
    try {
      expect((await t.as(token, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
      expect(await endsWithin(first, 5_000)).toBe(true);
      expect(await endsWithin(second, 5_000)).toBe(true);
      // The other session's stream still delivers.
      const reported = await reportIncident(t, other);
      expect(reported.statusCode).toBe(201);
      await stays.waitFor((e) => e.event === 'incident' && (e.data as { id: string }).id === reported.json().id);
      expect(await endsWithin(stays, 200)).toBe(false);
      // Reconnecting with the ended session is refused.
      expect((await fetch(`${base}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    } finally {
      first.close();
      second.close();
      stays.close();
    }
  });
});

describe.each(DIALECTS)('a staff stream ends when its session expires on %s', (dialect) => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    // Sessions of two seconds.
    t = await startTestApp(dialect, { schedulerIntervalMs: 0, sessionHours: 2 / 3600 });
    base = await t.app.server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t?.close());

  it('ends the stream at expiry, with no event delivered after it', async () => {
    const token = await t.login(ADMIN.email, ADMIN.password);
    const stream = await openSse(`${base}/api/v1/stream`, { authorization: `Bearer ${token}` });
    try {
      expect(await endsWithin(stream, 200)).toBe(false);
      expect(await endsWithin(stream, 6_000)).toBe(true);
    } finally {
      stream.close();
    }
  });
});

describe.runIf(DIALECTS.includes('postgres'))('a logout on one instance ends the streams on another (PostgreSQL)', () => {
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

  it('hears the logout through NOTIFY and closes the stream there', async () => {
    const token = await t.login(ADMIN.email, ADMIN.password);
    const stream = await openSse(`${secondBase}/api/v1/stream`, { authorization: `Bearer ${token}` });
    try {
      expect(await endsWithin(stream, 200)).toBe(false);
      expect((await t.as(token, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
      expect(await endsWithin(stream, 5_000)).toBe(true);
    } finally {
      stream.close();
    }
  });
});
