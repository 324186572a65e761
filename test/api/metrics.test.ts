import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, METRICS_TOKEN, startTestApp, type TestApp } from '../helpers/app.ts';

// The metrics do not touch the database: one dialect is enough.
describe('/metrics is not public', () => {
  let open: TestApp;
  let guarded: TestApp;

  beforeAll(async () => {
    open = await startTestApp('sqlite', { schedulerIntervalMs: 0, metricsToken: null });
    guarded = await startTestApp('sqlite', { schedulerIntervalMs: 0 });
  });
  afterAll(async () => {
    await open?.close();
    await guarded?.close();
  });

  it('is not served at all when no METRICS_TOKEN is set (the default)', async () => {
    const response = await open.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('safe_passage_http_requests_total');
  });

  it('answers 401 problem+json without the token, with a wrong one, or with a staff session token', async () => {
    const staff = await guarded.login(ADMIN.email, ADMIN.password);
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${METRICS_TOKEN}x`, `Bearer ${staff}`, METRICS_TOKEN]) {
      const response = await guarded.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).not.toContain('safe_passage_http_requests_total');
    }
  });

  it('serves Prometheus text to the holder of the token', async () => {
    const response = await guarded.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('safe_passage_http_requests_total');
  });
});
