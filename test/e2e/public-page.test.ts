import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import type { Lang } from '../../src/domain/gazetteer.ts';
import { NOTICE_WORDS } from '../../src/domain/notice-words.ts';
import { PAGE_WORDS } from '../../src/public-site/page-words.ts';
import { screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = { width: 360, height: 740 };
const ENERHODAR: Record<Lang, string> = { uk: 'Енергодар', ru: 'Энергодар', en: 'Enerhodar' };

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    const result = await axe.run();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

describe('the public page, server-rendered', () => {
  let rig: BrowserRig;
  const api = async (token: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    rig.app.server.inject({ method, url, ...(payload ? { payload } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });
  const login = async (email: string): Promise<string> =>
    (await api(null, 'POST', '/api/v1/auth/login', { email, password: DEMO_PASSWORD })).json().token as string;

  beforeAll(async () => {
    rig = await startBrowserRig();
  });
  afterAll(async () => rig?.close());

  it('tells every fact with JavaScript off, in each language, the place names in that language', async () => {
    const context = await rig.browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    for (const lang of ['uk', 'ru', 'en'] as const) {
      const page = await context.newPage();
      const response = await page.goto(`${rig.base}/${lang}`);
      expect(response?.headers()['content-language']).toBe(lang);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      const open = page.locator('[data-testid="corridor-card"][data-headline="open_now"]').first();
      const text = (await open.textContent()) ?? '';
      expect(await open.getByTestId('status-badge').textContent()).toBe(NOTICE_WORDS[lang].open_now.label);
      expect(text).toContain(ENERHODAR[lang]);
      expect(text).toContain(PAGE_WORDS[lang].zoneKyiv);
      expect(text).toContain(PAGE_WORDS[lang].zoneMoscow);
      expect(await page.getByTestId('as-of').textContent()).toContain(PAGE_WORDS[lang].zoneKyiv);
      // The rejected unilateral announcement never reaches the public.
      expect(await page.getByText('Gomel').count()).toBe(0);
      await page.screenshot({ path: screenshotPath(`public-${lang}`), fullPage: true });
      await page.close();
    }
    await context.close();
  });

  it('negotiates the language of / from Accept-Language', async () => {
    for (const [header, lang] of [['ru-RU,ru;q=0.9', 'ru'], ['en-GB,en;q=0.8', 'en'], ['de-DE', 'uk'], ['uk;q=0.5,ru;q=0.9', 'ru']] as const) {
      const response = await rig.app.server.inject({ method: 'GET', url: '/', headers: { 'accept-language': header } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-language']).toBe(lang);
      expect(response.headers.vary).toContain('Accept-Language');
      expect(response.body).toContain(`<html lang="${lang}">`);
      // The inline stylesheet is allowed by exactly its hash; scripts stay 'self' only.
      const style = /<style>([^<]*)<\/style>/.exec(response.body)?.[1] ?? '';
      const hash = createHash('sha256').update(style).digest('base64');
      expect(response.headers['content-security-policy']).toContain(`'sha256-${hash}'`);
      expect(response.headers['content-security-policy']).toContain("script-src 'self';");
    }
  });

  it('is accessible and reflows: no serious axe violation, a skip link, no sideways scroll at 200 % zoom', async () => {
    for (const url of ['/uk', '/trace?lang=uk']) {
      // axe is injected as an inline script, which the page's CSP rightly refuses.
      const page = await (await rig.browser.newContext({ viewport: PHONE, bypassCSP: true })).newPage();
      await page.goto(`${rig.base}${url}`);
      await page.locator('main').waitFor();
      expect(await seriousViolations(page), url).toEqual([]);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
      await page.context().close();
      // 360 px at 200 %: a 180 CSS px wide viewport.
      const zoomed = await rig.browser.newPage({ viewport: { width: 180, height: 370 } });
      await zoomed.goto(`${rig.base}${url}`);
      await zoomed.locator('main').waitFor();
      expect(await zoomed.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), url).toBe(true);
      await zoomed.close();
    }
  });

  it('shows a change live without a reload, a suspended corridor never as open, and the last copy offline with its age', async () => {
    const context = await rig.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${rig.base}/en`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const open = page.locator('[data-testid="corridor-card"][data-headline="open_now"]').first();
    const id = await open.getAttribute('data-id');
    expect(id).toBeTruthy();

    const coordinator = await login('coordinator@mediator.demo');
    const suspended = await api(coordinator, 'POST', `/api/v1/corridors/${id}/suspend`, { reason: 'Shelling reported on the route' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    const card = page.locator(`[data-testid="corridor-card"][data-id="${id}"]`);
    await page.locator(`[data-testid="corridor-card"][data-id="${id}"][data-headline="suspended"]`).waitFor({ timeout: 15_000 });
    const words = NOTICE_WORDS.en;
    expect(await card.getByTestId('status-badge').textContent()).toBe(words.suspended.label);
    expect(await card.getByTestId('advice').textContent()).toContain('Suspended since');
    expect(await card.getByTestId('advice').textContent()).toContain(words.suspended.advice);
    expect((await card.textContent()) ?? '').not.toMatch(/open now/i);
    expect(await card.getAttribute('class')).toContain('muted');
    await page.screenshot({ path: screenshotPath('public-suspended-en'), fullPage: true });

    // The same with JavaScript off, in every language.
    const noJs = await rig.browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    for (const lang of ['uk', 'ru', 'en'] as const) {
      const p = await noJs.newPage();
      await p.goto(`${rig.base}/${lang}`);
      const c = p.locator(`[data-testid="corridor-card"][data-id="${id}"]`);
      expect(await c.getByTestId('status-badge').textContent()).toBe(NOTICE_WORDS[lang].suspended.label);
      expect((await c.textContent()) ?? '').not.toContain(NOTICE_WORDS[lang].open_now.label);
      await p.close();
    }
    await noJs.close();

    const resumed = await api(coordinator, 'POST', `/api/v1/corridors/${id}/resume`, { reason: 'Ceasefire confirmed by both parties' });
    expect(resumed.statusCode, resumed.body).toBe(200);
    await page.locator(`[data-testid="corridor-card"][data-id="${id}"][data-headline="open_now"]`).waitFor({ timeout: 15_000 });

    // Offline: the service worker's copy, saying how old it is.
    await page.reload();
    await context.setOffline(true);
    await page.reload();
    const asOf = page.locator('[data-testid="as-of"][data-stale="true"]');
    await asOf.waitFor({ timeout: 10_000 });
    expect(await asOf.textContent()).toMatch(/As of .* Kyiv time .*, \d+ (min|h) ago — this may be out of date\./);
    expect(await page.locator(`[data-testid="corridor-card"][data-id="${id}"]`).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('public-offline-en'), fullPage: true });
    await context.close();
  });
});
