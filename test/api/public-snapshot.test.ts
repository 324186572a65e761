import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { listPublicCorridors } from '../../src/services/public.service.ts';
import { METRICS_TOKEN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { openCorridor, rawGet, type Raw } from '../helpers/public-paths.ts';
import { openSse } from '../helpers/sse.ts';

const LIST = '/api/v1/public/corridors';

type Item = { id: string; status: string };
const itemsOf = (raw: Raw): Item[] => (JSON.parse(raw.body.toString('utf8')) as { items: Item[] }).items;

describe.each(DIALECTS)('public snapshot on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let admin: string;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0 });
    base = await t.app.server.listen({ port: 0, host: '127.0.0.1' });
    ({ admin, id } = await openCorridor(t, 'Snap'));
  });
  afterAll(async () => t?.close());

  it('serves the same list as the service, on the wire and through Fastify, with caching headers and helmet’s security headers', async () => {
    const wire = await rawGet(base, LIST);
    expect(wire.status).toBe(200);
    expect(wire.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(wire.headers['cache-control']).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    expect(wire.headers.vary).toBe('Accept-Encoding');
    expect(wire.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(new Date(wire.headers['last-modified'] ?? '').getTime()).not.toBeNaN();
    const service = await listPublicCorridors(t.app.ctx);
    expect(itemsOf(wire)).toEqual(JSON.parse(JSON.stringify(service.items)));
    expect(itemsOf(wire).map((c) => c.id)).toEqual([id]);
    const injected = await t.inject({ method: 'GET', url: LIST });
    expect(injected.body).toBe(wire.body.toString('utf8'));
    expect(injected.headers.etag).toBe(wire.headers.etag);

    const site = await rawGet(base, '/api/v1/public/config');
    for (const name of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-resource-policy']) {
      expect(site.headers[name], name).toBeTruthy();
      expect(wire.headers[name], name).toBe(site.headers[name]);
    }
  });

  it('answers br before gzip before identity, each decompressing to the identity bytes; HEAD has no body', async () => {
    const identity = await rawGet(base, LIST);
    const br = await rawGet(base, LIST, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
    const gzip = await rawGet(base, LIST, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(identity.body)).toBe(true);
    expect(identity.headers['content-encoding']).toBeUndefined();
    const head = await rawGet(base, LIST, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(br.body.length);
  });

  it('shows a suspension at once after the command, with a new ETag; 304 only for the current one', async () => {
    const before = await rawGet(base, LIST);
    expect((await rawGet(base, LIST, { 'if-none-match': before.headers.etag ?? '' })).status).toBe(304);
    const suspended = await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${id}/suspend`, payload: { reason: 'Shelling' } });
    expect(suspended.statusCode).toBe(200);
    const after = await rawGet(base, LIST, { 'if-none-match': before.headers.etag ?? '' });
    expect(after.status).toBe(200);
    expect(itemsOf(after).find((c) => c.id === id)?.status).toBe('suspended');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const notModified = await rawGet(base, LIST, { 'if-none-match': after.headers.etag ?? '' });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers['content-security-policy']).toBeTruthy();
    // A look at the clock that changes nothing rebuilds the snapshot but keeps the ETag.
    await t.app.live.tick();
    await t.app.live.idle();
    expect((await rawGet(base, LIST)).headers.etag).toBe(after.headers.etag);
    await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${id}/resume`, payload: { reason: 'Ceasefire confirmed' } });
    await t.app.live.idle();
    expect(itemsOf(await rawGet(base, LIST)).find((c) => c.id === id)?.status).toBe('open');
  });

  it('touches no database, logs no line per request, and still counts every answer in the metrics', async () => {
    await t.app.live.idle();
    await t.app.publicSnapshot.fresh();
    const realDb = t.app.ctx.db;
    let dbUses = 0;
    // Every service reaches the database through ctx.db: count any use of it while serving.
    t.app.ctx.db = new Proxy(realDb, {
      get(target, property, receiver) {
        dbUses += 1;
        return Reflect.get(target, property, receiver);
      },
    });
    const logLines = t.logs.length;
    const counted = async (): Promise<number> => {
      const text = (await rawGet(base, '/metrics', { authorization: `Bearer ${METRICS_TOKEN}` })).body.toString('utf8');
      const line = text.split('\n').find((l) => l.startsWith('safe_passage_http_requests_total{') && l.includes(`route="${LIST}"`) && l.includes('status="200"'));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    try {
      const countedBefore = await counted();
      for (let i = 0; i < 20; i += 1) expect((await rawGet(base, LIST, { 'accept-encoding': 'gzip' })).status).toBe(200);
      expect(dbUses).toBe(0);
      expect(t.logs.slice(logLines).filter((line) => line.includes(LIST))).toEqual([]);
      expect(await counted()).toBe(countedBefore + 20);
    } finally {
      t.app.ctx.db = realDb;
    }
  });

  it('gives a reader coming back with Last-Event-ID what it missed, and one with an unknown id the current state', async () => {
    const stream = await openSse(`${base}/api/v1/public/stream`);
    try {
      await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${id}/suspend`, payload: { reason: 'Shelling again' } });
      const first = await stream.waitFor((e) => (e.data as Item).status === 'suspended');
      expect(first.id).toMatch(/^\w+-\d+$/);
      await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${id}/resume`, payload: { reason: 'Ceasefire confirmed' } });
      const second = await stream.waitFor((e) => (e.data as Item).status === 'open');
      const back = await openSse(`${base}/api/v1/public/stream`, { 'last-event-id': first.id ?? '' });
      try {
        const replayed = await back.waitFor(() => true);
        expect(replayed).toEqual(second);
      } finally {
        back.close();
      }
      const stranger = await openSse(`${base}/api/v1/public/stream`, { 'last-event-id': 'elsewhere-7' });
      try {
        const state = await stranger.waitFor((e) => (e.data as Item).id === id);
        expect(state.data).toMatchObject({ id, status: 'open' });
        expect(state.id).toMatch(/^\w+-\d+$/);
      } finally {
        stranger.close();
      }
    } finally {
      stream.close();
    }
  });
});

describe.runIf(DIALECTS.includes('postgres'))('public snapshots of two instances on one PostgreSQL', () => {
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

  it('rebuilds the other instance’s snapshot when a corridor changes on one (LISTEN/NOTIFY)', async () => {
    const { admin, id } = await openCorridor(t, 'Twin');
    const statusOnSecond = async (): Promise<string | undefined> => {
      for (let i = 0; i < 100; i += 1) {
        const found = itemsOf(await rawGet(secondBase, LIST)).find((c) => c.id === id);
        if (found) return found.status;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return undefined;
    };
    expect(await statusOnSecond()).toBe('open');
    const before = (await rawGet(secondBase, LIST)).headers.etag;
    await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${id}/suspend`, payload: { reason: 'Shelling' } });
    let after: Raw | undefined;
    for (let i = 0; i < 100; i += 1) {
      after = await rawGet(secondBase, LIST);
      if (after.headers.etag !== before) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(after && itemsOf(after).find((c) => c.id === id)?.status).toBe('suspended');
    // The page and the feeds of the other instance were rebuilt by the same notification.
    expect((await rawGet(secondBase, '/en')).body.toString('utf8')).toMatch(new RegExp(`data-id="${id}"[^>]*data-headline="suspended"`));
    expect((await rawGet(secondBase, '/feeds/corridors.atom?lang=en')).body.toString('utf8')).toContain('<category term="suspended"/>');
  });
});
