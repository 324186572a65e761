import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';

describe('staff console and public page in Chromium', () => {
  let rig: BrowserRig;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    rig = await startBrowserRig();
    ({ base, browser } = rig);
  });
  afterAll(async () => rig?.close());

  it('signs in with a demo login, sees the map of Ukraine, and works in uk, ru and en', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // The signed-out /me and the wrong password are 401s by design; anything else is a fault.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
    });

    await page.goto(`${base}/ops?lang=en`);
    await page.getByTestId('signin-form').waitFor();
    await page.getByLabel('Email').fill('coordinator@mediator.demo');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signin-error').textContent()).resolves.toMatch(/Wrong email or password/);

    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('console').waitFor();
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 15_000 });
    // The offline base layer: the outline plus 27 oblasts, drawn as SVG paths, Crimea included.
    expect(await page.locator('[data-testid="map"] path.leaflet-interactive, [data-testid="map"] path').count()).toBeGreaterThanOrEqual(28);
    await expect(page.getByTestId('org-name').textContent()).resolves.toContain('Corridor Coordination Cell');
    await page.screenshot({ path: screenshotPath('ops-console-en') });

    // A language switch first fetches that language's strings (web/src/i18n/index.ts): wait for it.
    await page.getByRole('button', { name: 'УКР' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('uk');
    await expect(page.getByTestId('signout').textContent()).resolves.toMatch(/[А-Яа-яІіЇїЄєҐґ]/);
    await page.screenshot({ path: screenshotPath('ops-console-uk') });

    await page.getByRole('button', { name: 'РУС' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
    await page.screenshot({ path: screenshotPath('ops-console-ru') });

    // The choice survives a reload; the session lives in the HttpOnly cookie, not in storage.
    await page.reload();
    await page.getByTestId('console').waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
    const storage = await page.evaluate(() => JSON.stringify(window.localStorage));
    expect(storage).not.toMatch(/token|sp_session/i);
    expect(await page.evaluate(() => document.cookie)).not.toContain('sp_session');

    await page.getByTestId('signout').click();
    await page.getByTestId('signin-form').waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the public page on a phone: the corridor open now, its window with the zone named', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/?lang=uk`);
    const open = page.locator('[data-testid="corridor-card"][data-status="open"]');
    await open.first().waitFor();
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/Безпечний прохід/);
    const text = (await open.first().textContent()) ?? '';
    // The server-rendered page names places in the page's language.
    expect(text).toContain('Енергодар');
    expect(text).toMatch(/за київським часом/);
    // Only agreed corridors reach the public: the rejected unilateral one never does. (By id: on
    // this Ukrainian page its English name could never appear anyway.)
    const versions = await rig.app.ctx.db.selectFrom('corridor_versions').select(['corridor_id', 'content']).execute();
    const unilateral = versions.find((v) => (JSON.parse(v.content) as { name: string }).name.startsWith('Kyiv – Gomel'))?.corridor_id;
    expect(unilateral).toBeDefined();
    expect(await page.locator(`[data-testid="corridor-card"][data-id="${unilateral}"]`).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('public-open-uk-phone'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
