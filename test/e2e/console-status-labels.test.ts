import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';
import { corridorBody } from '../helpers/corridors.ts';
import { hoursFromNow } from '../helpers/time.ts';

/** Every way the console could say "open now", in its three languages. */
const OPEN_NOW = /Open now|Відкрито зараз|Открыто сейчас/;

describe('console: a suspended or draft corridor inside its window is never "open now"', () => {
  let rig: BrowserRig;
  let browser: Browser;
  let base: string;
  const ids: Record<'suspended' | 'draft', string> = { suspended: '', draft: '' };

  beforeAll(async () => {
    rig = await startBrowserRig();
    ({ browser, base } = rig);
    const inject = rig.app.server.inject.bind(rig.app.server);
    const login = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'coordinator@mediator.demo', password: DEMO_PASSWORD } });
    const auth = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
    const list = (await inject({ method: 'GET', url: '/api/v1/corridors?limit=100', headers: auth })).json() as { items: { id: string; status: string; parties: string[] }[] };
    const open = list.items.filter((c) => c.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    // The demo's open corridor gets suspended inside its window; a draft is made inside one too.
    const parties = open[0]!.parties;
    const draft = await inject({
      method: 'POST',
      url: '/api/v1/corridors',
      headers: auth,
      payload: corridorBody(parties, { name: 'Draft inside its window', windows: [{ start: hoursFromNow(-1), end: hoursFromNow(5) }] }),
    });
    expect(draft.statusCode, draft.body).toBe(201);
    ids.draft = (draft.json() as { id: string }).id;
    ids.suspended = open[0]!.id;
    const suspend = await inject({ method: 'POST', url: `/api/v1/corridors/${ids.suspended}/suspend`, headers: auth, payload: { reason: 'Shelling near the gathering point' } });
    expect(suspend.statusCode, suspend.body).toBe(200);
  });
  afterAll(async () => rig?.close());

  for (const lang of ['en', 'uk'] as const) {
    it(`list and detail in ${lang}`, async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`${base}/ops/corridors?lang=${lang}`);
      await page.getByTestId('signin-form').waitFor();
      await page.locator('input[type="email"]').fill('coordinator@mediator.demo');
      await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
      await page.locator('[data-testid="signin-form"] button[type="submit"]').click();
      await page.getByTestId('corridor-list').waitFor();

      for (const which of ['suspended', 'draft'] as const) {
        const row = page.locator(`[data-testid="corridor-row"][data-id="${ids[which]}"]`);
        await row.waitFor();
        await expect(row.getAttribute('data-status')).resolves.toBe(which);
        expect(await row.textContent()).not.toMatch(OPEN_NOW);
      }

      await page.goto(`${base}/ops/corridors/${ids.suspended}?lang=${lang}`);
      await page.getByTestId('corridor-status').waitFor();
      await expect(page.getByTestId('corridor-status').getAttribute('data-status')).resolves.toBe('suspended');
      await page.getByTestId('suspension').waitFor();
      expect(await page.getByTestId('windows').textContent()).not.toMatch(OPEN_NOW);
      await page.screenshot({ path: screenshotPath(`ops-corridor-suspended-${lang}-phone`), fullPage: true });

      await page.goto(`${base}/ops/corridors/${ids.draft}?lang=${lang}`);
      await page.getByTestId('windows').waitFor();
      const windows = await page.getByTestId('windows').textContent();
      expect(windows).not.toMatch(OPEN_NOW);
      // The window is there, labelled as planned and not agreed.
      expect(windows).toMatch(lang === 'en' ? /Planned time \(not agreed\)/ : /Запланований час \(не погоджено\)/);
      await page.close();
    });
  }
});
