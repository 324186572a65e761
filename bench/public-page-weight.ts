/**
 * Public page weight: the first visit's HTML+CSS gzip-compressed (target ≤ 14 KB, one TCP round
 * trip), and what a phone (360×740, CPU 3× slower) transfers on a first load in Chromium, measured
 * through the DevTools protocol (target < 100 KB compressed in total, script included).
 * Then the same first load of the React pages, the family-tracing form (/trace) and the console's
 * sign-in (/ops), with what their scripts weigh as served and gzip-compressed.
 *   npx tsx bench/public-page-weight.ts
 */
import zlib from 'node:zlib';
import { launchChromium } from '../test/helpers/browser.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/demo.service.ts';
import { createTestDatabase } from '../test/helpers/databases.ts';

const database = await createTestDatabase('sqlite');
const app = await createApp({ ...loadConfig({}), databaseUrl: database.url }, { logger: false });
await seedDemo(app.ctx);
const base = await app.server.listen({ port: 0, host: '127.0.0.1' });
const browser = await launchChromium();
try {
  for (const lang of ['uk', 'ru', 'en']) {
    const html = (await app.server.inject({ method: 'GET', url: `/${lang}` })).body;
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true })).newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 3 });
    const sizes = new Map<string, number>();
    const urls = new Map<string, string>();
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
    cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
    await page.goto(`${base}/${lang}`, { waitUntil: 'load' });
    await page.waitForTimeout(1500);
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const files = [...sizes.entries()].map(([id, n]) => `${new URL(urls.get(id) ?? 'http://x/?').pathname} ${n}`).join(', ');
    const scriptGzip = zlib.gzipSync((await app.server.inject({ method: 'GET', url: '/public-page.js' })).body).length;
    console.log(
      `${lang}: HTML+CSS ${html.length} B, gzip ${zlib.gzipSync(html).length} B; script gzip ${scriptGzip} B; ` +
        `first load transferred ${total} B (as served: the page, list and map from the public snapshot in br/gzip, headers included) [${files}]`,
    );
    await page.context().close();
  }
  for (const lang of ['uk', 'ru', 'en']) {
    for (const path of ['/trace', '/ops']) console.log(`${lang} ${path}: ${await firstLoad(`${base}${path}?lang=${lang}`)}`);
  }
} finally {
  await browser.close();
  await app.close();
  await database.drop();
}

/** A React page's first load on the phone profile: every response as transferred, scripts apart (raw and gzip). */
async function firstLoad(url: string): Promise<string> {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true })).newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 3 });
  const sizes = new Map<string, number>();
  const urls = new Map<string, string>();
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
  await page.goto(url, { waitUntil: 'networkidle' });
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const scripts = [...urls.entries()].filter(([, u]) => new URL(u).pathname.endsWith('.js') && !new URL(u).pathname.endsWith('sw.js'));
  let raw = 0;
  let gzip = 0;
  for (const [, u] of scripts) {
    const body = (await app.server.inject({ method: 'GET', url: new URL(u).pathname })).rawPayload;
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
  }
  const names = scripts.map(([, u]) => new URL(u).pathname.replace(/^\/assets\//, '').replace(/-[\w-]{8}\.js$/, '.js')).join(', ');
  await page.context().close();
  return `first load transferred ${total} B; scripts ${raw} B raw, ${gzip} B gzip [${names}]`;
}
