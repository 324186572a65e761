import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';

const CYRILLIC = /^[\p{Script=Cyrillic}\s\-’,/()]+$/u;
const LATIN = /^[A-Za-z\s\-,/()]+$/;

interface ListedCorridor {
  id: string;
  status: string;
  origin: { name: string } | null;
  destination: { name: string } | null;
  notice: { emphasis: string };
}

async function signIn(page: Page, base: string, lang: string): Promise<void> {
  await page.goto(`${base}/ops/corridors?lang=${lang}`);
  await page.getByTestId('signin-form').waitFor();
  await page.locator('input[type="email"]').fill('coordinator@mediator.demo');
  await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
  await page.locator('[data-testid="signin-form"] button[type="submit"]').click();
  await page.getByTestId('corridor-list').waitFor();
}

/** Names written on the map and visible now: corridor labels, then main towns. */
async function visibleNames(page: Page) {
  const pins = await page.locator('.sp-map [data-marker-label]').evaluateAll((els) =>
    els.filter((el) => !el.closest('.sp-label--hidden')).map((el) => el.textContent ?? ''),
  );
  const towns = await page
    .locator('.sp-map .sp-town:not(.sp-town--hidden) .sp-town__label:not(.sp-town__label--hidden)')
    .evaluateAll((els) => els.map((el) => el.textContent ?? ''));
  return { pins, towns };
}

describe('maps name corridor ends, gathering points and main towns in the reader\'s language, offline', () => {
  let rig: BrowserRig;
  let browser: Browser;
  let base: string;
  let mariupol: ListedCorridor;

  beforeAll(async () => {
    rig = await startBrowserRig();
    ({ browser, base } = rig);
    const inject = rig.app.server.inject.bind(rig.app.server);
    const login = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'coordinator@mediator.demo', password: DEMO_PASSWORD } });
    const auth = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
    const list = (await inject({ method: 'GET', url: '/api/v1/corridors?limit=100', headers: auth })).json() as { items: ListedCorridor[] };
    const found = list.items.find((c) => c.origin?.name === 'Mariupol' && c.destination?.name === 'Zaporizhzhia' && c.notice.emphasis === 'muted');
    expect(found, 'a stopped Mariupol – Zaporizhzhia corridor in the demo').toBeDefined();
    mariupol = found!;
  });
  afterAll(async () => rig?.close());

  const expected = {
    uk: { script: CYRILLIC, ends: ['Маріуполь', 'Запоріжжя'], town: ['Бердянськ', 'Мелітополь', 'Дніпро'] },
    en: { script: LATIN, ends: ['Mariupol', 'Zaporizhzhia'], town: ['Berdiansk', 'Melitopol', 'Dnipro'] },
  } as const;

  for (const lang of ['uk', 'en'] as const) {
    it(`corridor map in ${lang}: ends labelled, towns named, a stopped corridor greyed and dashed`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await signIn(page, base, lang);
      await page.goto(`${base}/ops/corridors/${mariupol.id}?lang=${lang}`);
      await page.locator('.corridor-detail__map [data-testid="map"][data-ready="true"]').waitFor();
      await page.locator('.corridor-detail__map [data-marker-label]').first().waitFor({ state: 'attached' });
      // Let the map settle on the corridor (focus, then declutter on moveend).
      await page.waitForTimeout(500);
      const { pins, towns } = await visibleNames(page);
      for (const end of expected[lang].ends) expect(pins, `${lang} ends`).toContain(end);
      expect(towns.length, `${lang} towns named`).toBeGreaterThanOrEqual(2);
      expect(towns.some((t) => (expected[lang].town as readonly string[]).includes(t)), towns.join(', ')).toBe(true);
      for (const name of [...towns, ...pins.filter((p) => expected[lang].ends.some((e) => e === p))]) expect(name).toMatch(expected[lang].script);
      // The other script never shows among the towns.
      for (const name of towns) expect(name).not.toMatch(lang === 'uk' ? /[A-Za-z]/ : /\p{Script=Cyrillic}/u);
      // The corridor's notice says muted: its route is drawn greyed and dashed, its gathering point greyed.
      const route = page.locator('.corridor-detail__map path.sp-route').first();
      await expect(route.getAttribute('class')).resolves.toMatch(/sp-notice--muted/);
      await expect(page.locator('.corridor-detail__map path.sp-marker--muted').count()).resolves.toBeGreaterThan(0);
      await page.locator('.corridor-detail__map').screenshot({ path: screenshotPath(`map-labels-${lang}`) });
      await page.close();
    });
  }

  it('an open corridor is drawn strongest on the corridor list map', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, base, 'uk');
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor();
    await page.locator('path.sp-route.sp-notice--open').first().waitFor({ state: 'attached' });
    // Kyiv ends corridors here: its corridor label names it, in place of the town's own.
    const { pins, towns } = await visibleNames(page);
    expect([...pins, ...towns]).toContain('Київ');
    expect(towns).toContain('Харків');
    await page.close();
  });
});
