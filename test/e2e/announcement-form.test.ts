import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';

describe('console: the mediator writes an announcement on a corridor page', () => {
  let rig: BrowserRig;
  let browser: Browser;
  let base: string;
  let openId = '';

  beforeAll(async () => {
    rig = await startBrowserRig();
    ({ browser, base } = rig);
    const inject = rig.app.server.inject.bind(rig.app.server);
    const list = (await inject({ method: 'GET', url: '/api/v1/public/corridors' })).json() as { items: { id: string; status: string }[] };
    openId = list.items.find((c) => c.status === 'open')?.id ?? '';
    expect(openId).not.toBe('');
  });
  afterAll(async () => rig?.close());

  it('counts SMS parts while typing, publishes in three languages and lists it, with poster links', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/ops/corridors/${openId}?lang=uk`);
    await page.getByTestId('signin-form').waitFor();
    await page.locator('input[type="email"]').fill('coordinator@mediator.demo');
    await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.locator('[data-testid="signin-form"] button[type="submit"]').click();
    const section = page.getByTestId('announcements');
    await section.waitFor();
    await section.locator('li[data-kind="auto"]').first().waitFor();
    expect(await section.locator('a[href*="poster.pdf?lang=ru"]').count()).toBe(1);

    const uk = 'Автобуси від пункту збору вирушають о 09:30 за київським часом. Не запізнюйтеся.';
    await section.locator('textarea[lang="uk"]').fill(uk);
    expect(await section.getByTestId('sms-uk').textContent()).toBe('Частин SMS: 2 (UCS-2)');
    await section.locator('textarea[lang="ru"]').fill('Автобусы уходят в 09:30 по киевскому времени.');
    await section.locator('textarea[lang="en"]').fill('Buses leave the gathering point at 09:30 Kyiv time.');
    expect(await section.getByTestId('sms-en').textContent()).toBe('Частин SMS: 1 (GSM-7)');
    await section.locator('button[type="submit"]').click();
    await section.locator('li[data-kind="manual"]').first().waitFor();
    expect(await section.locator('li[data-kind="manual"]').first().textContent()).toContain(uk);
    await page.screenshot({ path: screenshotPath('ops-corridor-announcement-uk'), fullPage: true });
    await page.close();

    const inject = rig.app.server.inject.bind(rig.app.server);
    const items = (await inject({ method: 'GET', url: '/api/v1/public/announcements?lang=en' })).json().items as { corridorId: string; text: string }[];
    expect(items.some((a) => a.corridorId === openId && a.text === 'Buses leave the gathering point at 09:30 Kyiv time.')).toBe(true);
  });
});
