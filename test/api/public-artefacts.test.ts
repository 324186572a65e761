import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/gazetteer.ts';
import { NOTICE_WORDS } from '../../src/domain/notice-words.ts';
import { verifyCapSignature } from '../../src/feeds/cap-signature.ts';
import { HXL_TAGS } from '../../src/feeds/hxl.ts';
import { parseCsv } from '../../src/cli/csv.ts';
import { PAGE_CSS_HASH } from '../../src/public-site/page-styles.ts';
import { METRICS_TOKEN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { announced, capAlertPathsOf, FIXED_PUBLIC_PATHS, openCorridor, rawGet, routeMapPathsOf, type Raw } from '../helpers/public-paths.ts';

/**
 * Every public path (the list, the page in each language and negotiated, the announcements, each
 * feed and every CAP alert) is answered from the public snapshot: no database, no log line, the
 * same bytes in identity, gzip and brotli with a strong ETag, and all of them change together
 * the moment a corridor is suspended.
 */

const langOfPath = (path: string): Lang => (/^\/(uk|ru|en)$/.exec(path)?.[1] ?? /[?&]lang=(uk|ru|en)/.exec(path)?.[1] ?? 'uk') as Lang;
const isPage = (path: string): boolean => path === '/' || path.startsWith('/?') || /^\/(uk|ru|en)$/.test(path);

/** The headline a public path gives the corridor, read from its own format. */
async function headlineOn(base: string, path: string, id: string): Promise<string | undefined> {
  const text = (await rawGet(base, path)).body.toString('utf8');
  if (path.startsWith('/api/v1/public/corridors')) return (JSON.parse(text) as { items: { id: string; notice: { headline: string } }[] }).items.find((c) => c.id === id)?.notice.headline;
  if (isPage(path)) return new RegExp(`data-id="${id}"[^>]*data-headline="(\\w+)"`).exec(text)?.[1];
  if (path.startsWith('/feeds/corridors.atom')) return /<category term="(\w+)"\/>/.exec(text)?.[1];
  if (path === '/feeds/corridors.geojson') {
    return (JSON.parse(text) as { features: { properties: { corridorId: string; headline: string } }[] }).features.find((f) => f.properties.corridorId === id)?.properties.headline;
  }
  if (path === '/feeds/corridors.hxl.csv') return parseCsv(text).find((row) => row[0] === id)?.[HXL_TAGS.indexOf('#status+notice+code')];
  return undefined;
}

describe.each(DIALECTS)('every public artefact from memory (%s)', (dialect) => {
  let t: TestApp;
  let base: string;
  let admin: string;
  let id: string;
  let alertPaths: string[];
  const allPaths = (): string[] => [...FIXED_PUBLIC_PATHS, ...alertPaths, ...routeMapPathsOf(id)];

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0, publicUrl: 'https://corridors.example.org' });
    base = await t.app.server.listen({ port: 0, host: '127.0.0.1' });
    ({ admin, id } = await openCorridor(t, 'Every'));
    alertPaths = capAlertPathsOf((await rawGet(base, '/feeds/alerts.cap.xml')).body.toString('utf8'));
  });
  afterAll(async () => t?.close());

  it('has a CAP alert and an announcement to serve, and every path answers 200 on the wire', async () => {
    expect(alertPaths.length).toBeGreaterThanOrEqual(1);
    const announcements = JSON.parse((await rawGet(base, '/api/v1/public/announcements?lang=en')).body.toString('utf8')) as { items: { corridorId: string }[] };
    expect(announcements.items.map((a) => a.corridorId)).toContain(id);
    for (const path of allPaths()) expect((await rawGet(base, path)).status, path).toBe(200);
  });

  it('touches no database and logs no line for any public path, and counts each under its route pattern', async () => {
    await t.app.live.idle();
    await t.app.publicSnapshot.fresh();
    const realDb = t.app.ctx.db;
    let dbUses = 0;
    t.app.ctx.db = new Proxy(realDb, {
      get(target, property, receiver) {
        dbUses += 1;
        return Reflect.get(target, property, receiver);
      },
    });
    const logLines = t.logs.length;
    try {
      for (const path of allPaths()) {
        for (const encoding of ['identity', 'gzip', 'br']) {
          const headers = { 'accept-encoding': encoding, 'accept-language': 'ru-RU,ru;q=0.9' };
          const r = await rawGet(base, path, headers);
          expect(r.status, path).toBe(200);
          expect((await rawGet(base, path, { ...headers, 'if-none-match': r.headers.etag ?? '' })).status, path).toBe(304);
        }
      }
      expect(dbUses).toBe(0);
      expect(t.logs.slice(logLines)).toEqual([]);
    } finally {
      t.app.ctx.db = realDb;
    }
    const metrics = (await rawGet(base, '/metrics', { authorization: `Bearer ${METRICS_TOKEN}` })).body.toString('utf8');
    const counted = (route: string, status: number): number =>
      Number(
        metrics
          .split('\n')
          .find((l) => l.startsWith('safe_passage_http_requests_total{') && l.includes(`route="${route}"`) && l.includes(`status="${status}"`))
          ?.split(' ')
          .pop() ?? 0,
      );
    for (const route of ['/', '/uk', '/feeds/corridors.atom', '/api/v1/public/announcements', '/feeds/corridors.hxl.csv', '/api/v1/public/corridors/:id/map.svg']) expect(counted(route, 200), route).toBeGreaterThanOrEqual(3);
    // An alert is counted under its pattern: an identifier in a label would grow the metrics without end.
    expect(counted('/feeds/alerts/:file', 200)).toBeGreaterThanOrEqual(3 * alertPaths.length);
    expect(metrics).not.toContain(`route="${alertPaths[0]}"`);
    expect(metrics).not.toContain(`route="/api/v1/public/corridors/${id}/map.svg"`);
  });

  it('sends br, gzip and identity of the same bytes with a strong ETag, 304 for it, and the bytes Fastify sends', async () => {
    for (const path of allPaths()) {
      const identity = await rawGet(base, path);
      expect(identity.headers.etag, path).toMatch(/^"[\w-]+"$/);
      expect(identity.headers['cache-control'], path).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
      expect(identity.headers['content-encoding'], path).toBeUndefined();
      const br = await rawGet(base, path, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding'], path).toBe('br');
      expect(brotliDecompressSync(br.body).equals(identity.body), path).toBe(true);
      const gzip = await rawGet(base, path, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding'], path).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(identity.body), path).toBe(true);
      expect(br.headers.etag).toBe(identity.headers.etag);
      const notModified = await rawGet(base, path, { 'if-none-match': identity.headers.etag ?? '' });
      expect(notModified.status, path).toBe(304);
      expect(notModified.body.length, path).toBe(0);
      const head = await rawGet(base, path, {}, 'HEAD');
      expect(head.body.length, path).toBe(0);
      expect(Number(head.headers['content-length']), path).toBe(identity.body.length);
      // Through Fastify (no hot path in front), the same artefact.
      const injected = await t.inject({ method: 'GET', url: path });
      expect(injected.statusCode, path).toBe(200);
      expect(injected.rawPayload.equals(identity.body), path).toBe(true);
      expect(injected.headers.etag, path).toBe(identity.headers.etag);
      expect(injected.headers['content-type'], path).toBe(identity.headers['content-type']);
    }
  });

  it('serves the page per language: from the path, ?lang=, else Accept-Language, else Ukrainian; with its CSP and a short cache', async () => {
    const pages = Object.fromEntries(await Promise.all((['uk', 'ru', 'en'] as const).map(async (l) => [l, await rawGet(base, `/${l}`)] as const))) as Record<Lang, Raw>;
    for (const lang of ['uk', 'ru', 'en'] as const) {
      const page = pages[lang];
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-language']).toBe(lang);
      expect(page.body.toString('utf8')).toContain(`<html lang="${lang}">`);
      expect(page.headers['content-security-policy']).toContain(PAGE_CSS_HASH);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      // A stale status must not live long in any cache.
      const cache = /max-age=(\d+), stale-while-revalidate=(\d+)/.exec(page.headers['cache-control'] ?? '');
      expect(Number(cache?.[1]) + Number(cache?.[2])).toBeLessThanOrEqual(60);
      expect(page.headers.vary).toBe('Accept-Encoding');
    }
    const site = await rawGet(base, '/api/v1/public/config');
    expect(pages.uk.headers['content-security-policy']).not.toBe(site.headers['content-security-policy']);
    expect(pages.uk.headers['x-frame-options']).toBe(site.headers['x-frame-options']);

    const root = async (headers: Record<string, string>, query = '') => rawGet(base, `/${query}`, headers);
    const cases: [Record<string, string>, string, Lang][] = [
      [{}, '', 'uk'],
      [{ 'accept-language': 'de-DE, fr;q=0.8' }, '', 'uk'],
      [{ 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' }, '', 'ru'],
      [{ 'accept-language': 'en-GB,en;q=0.9' }, '', 'en'],
      [{ 'accept-language': 'ru;q=0.2, uk;q=0.7' }, '', 'uk'],
      [{ 'accept-language': 'ru-RU' }, '?lang=en', 'en'],
      [{ 'accept-language': 'en' }, '?lang=xx', 'en'],
    ];
    for (const [headers, query, lang] of cases) {
      const r = await root(headers, query);
      const where = `${JSON.stringify(headers)} ${query}`;
      expect(r.status, where).toBe(200);
      expect(r.body.equals(pages[lang].body), where).toBe(true);
      expect(r.headers['content-language'], where).toBe(lang);
      expect(r.headers.vary, where).toBe('Accept-Encoding, Accept-Language');
      expect(r.headers['content-security-policy'], where).toBe(pages[lang].headers['content-security-policy']);
    }
    expect(pages.uk.body.toString('utf8')).toMatch(/data-testid="as-of"/);
  });

  it('answers the language of the feeds and announcements from ?lang=, Ukrainian without one; a bad query is a 400, an unknown alert a 404', async () => {
    expect((await rawGet(base, '/feeds/corridors.atom')).body.equals((await rawGet(base, '/feeds/corridors.atom?lang=uk')).body)).toBe(true);
    expect((await rawGet(base, '/feeds/corridors.atom?lang=ru')).body.toString('utf8')).toContain('xml:lang="ru"');
    const en = JSON.parse((await rawGet(base, '/api/v1/public/announcements?lang=en')).body.toString('utf8')) as { items: { text: string; sms: { encoding: string } }[] };
    const uk = JSON.parse((await rawGet(base, '/api/v1/public/announcements')).body.toString('utf8')) as { items: { text: string; sms: { encoding: string } }[] };
    expect(en.items[0]!.text).not.toBe(uk.items[0]!.text);
    expect(uk.items[0]!.sms.encoding).toBe('UCS-2');
    for (const [path, status] of [
      ['/feeds/corridors.atom?lang=de', 400],
      ['/api/v1/public/announcements?lang=de', 400],
      ['/api/v1/public/announcements?lang=en&x=1', 400],
      ['/feeds/alerts/safe-passage-nothing-v1-1.cap.xml', 404],
      ['/api/v1/public/corridors/01a00000-0000-7000-8000-000000000000/map.svg?lang=en', 404],
      [`/api/v1/public/corridors/${id}/map.svg?lang=fr`, 400],
    ] as const) {
      const r = await rawGet(base, path);
      expect(r.status, path).toBe(status);
      expect(r.headers['content-type'], path).toMatch(/problem\+json/);
    }
  });

  it('changes every public path at once when the corridor is suspended, and the announcements as soon as it is announced', async () => {
    await t.app.live.idle();
    const before = new Map<string, Raw>();
    for (const path of allPaths()) before.set(path, await rawGet(base, path));
    const suspended = await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${id}/suspend`, payload: { reason: 'Shelling' } });
    expect(suspended.statusCode).toBe(200);
    // No waiting: the caller that suspended reads its own write on every path.
    for (const path of FIXED_PUBLIC_PATHS) {
      if (path.startsWith('/api/v1/public/announcements')) continue;
      const after = await rawGet(base, path, { 'if-none-match': before.get(path)!.headers.etag ?? '' });
      expect(after.status, path).toBe(200);
      expect(after.headers.etag, path).not.toBe(before.get(path)!.headers.etag);
      if (path !== '/feeds/alerts.cap.xml') expect(await headlineOn(base, path, id), path).toBe('suspended');
    }
    for (const path of routeMapPathsOf(id)) {
      const map = await rawGet(base, path);
      expect(map.headers.etag, path).not.toBe(before.get(path)!.headers.etag);
      // The route drawn muted: greyed and dashed.
      expect(map.body.toString('utf8'), path).toContain('stroke-dasharray');
      expect(before.get(path)!.body.toString('utf8'), path).not.toContain('stroke-dasharray');
    }
    const page = (await rawGet(base, '/en')).body.toString('utf8');
    expect(page).toContain(NOTICE_WORDS.en.suspended.label);
    expect(page).not.toContain(NOTICE_WORDS.en.open_now.label);
    // The CAP index gains the suspension's alert, an Update saying so; the earlier alerts stay as signed.
    const newAlerts = capAlertPathsOf((await rawGet(base, '/feeds/alerts.cap.xml')).body.toString('utf8')).filter((p) => !alertPaths.includes(p));
    expect(newAlerts).toHaveLength(1);
    const alert = (await rawGet(base, newAlerts[0]!)).body.toString('utf8');
    expect(alert).toContain('<msgType>Update</msgType>');
    expect(alert).toContain(`<headline>`);
    expect(alert).toContain(NOTICE_WORDS.en.suspended.label);
    const key = JSON.parse((await rawGet(base, '/feeds/signing-key')).body.toString('utf8')) as { publicKey: string };
    expect(verifyCapSignature(alert, key.publicKey)).toBe(true);
    for (const old of alertPaths) expect((await rawGet(base, old)).body.equals(before.get(old)!.body), old).toBe(true);

    await announced(t, id, 'suspended');
    for (const lang of ['uk', 'ru', 'en'] as const) {
      const list = JSON.parse((await rawGet(base, `/api/v1/public/announcements?lang=${lang}`)).body.toString('utf8')) as { items: { corridorId: string; status: string; text: string }[] };
      expect(list.items[0], lang).toMatchObject({ corridorId: id, status: 'suspended' });
      expect((await rawGet(base, `/${lang}`)).body.toString('utf8'), lang).toContain(list.items[0]!.text.replace(/'/g, '&#39;').replace(/"/g, '&#34;'));
    }
    await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${id}/resume`, payload: { reason: 'Ceasefire confirmed' } });
    await announced(t, id, 'open');
    alertPaths = capAlertPathsOf((await rawGet(base, '/feeds/alerts.cap.xml')).body.toString('utf8'));
  });

  it('shows an announcement written by hand at once, in the list and on the page', async () => {
    const text = { uk: 'Збір о 10:00 біля вокзалу.', ru: 'Сбор в 10:00 у вокзала.', en: 'Gather at 10:00 by the station.' };
    const written = await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${id}/announcements`, payload: { text } });
    expect(written.statusCode, written.body).toBe(201);
    for (const lang of ['uk', 'ru', 'en'] as const) {
      const list = JSON.parse((await rawGet(base, `/api/v1/public/announcements?lang=${lang}`)).body.toString('utf8')) as { items: { text: string }[] };
      expect(list.items[0]?.text, lang).toContain(text[lang]);
      expect((await rawGet(base, `/${lang}`)).body.toString('utf8'), lang).toContain(text[lang]);
    }
  });
});
