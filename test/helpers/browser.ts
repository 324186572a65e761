import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { vi } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/demo.service.ts';
import { createTestDatabase } from './databases.ts';

// A browser journey on a loaded 2-core CI machine takes up to ~25 s; the suite's 30 s would leave it
// no margin, so every file that drives Chromium (they all import this module) gets 90 s.
export const BROWSER_TEST_TIMEOUT_MS = 90_000;
vi.setConfig({ testTimeout: BROWSER_TEST_TIMEOUT_MS });

/** Debian's Chromium, never a downloaded browser (the machines reach no browser CDN). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A phone as the field tests hold it: 390 × 844, touch, a dense screen. */
export const PHONE_CONTEXT: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** The narrowest phone the console is laid out for (as the public and verify pages test it). */
export const NARROW_PHONE = { width: 360, height: 740 } as const;

/**
 * What inside `selector` sticks out at the current viewport: the page scrolls sideways, or an
 * element's box or its own content runs past the viewport's right edge. Empty when it all fits.
 */
export function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).first().evaluate((root) => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const box = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}`;
      if (box.width > 0 && box.right > width + 0.5) out.push(`${name} ends at ${Math.round(box.right)} > ${width}`);
      else if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.push(`${name} clips its content: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  });
}

/** A demo user signed into the English console in a browser context of its own, the console shown. */
export async function signInToConsole(browser: Browser, base: string, email: string, context: BrowserContextOptions = PHONE_CONTEXT): Promise<Page> {
  const page = await (await browser.newContext(context)).newPage();
  await page.goto(`${base}/ops?lang=en`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('console').waitFor();
  return page;
}

// Browser tests take their screenshots through this one helper (committed pictures change on purpose only).
export { screenshotPath } from './screenshots.ts';

/** The demo system on a fresh SQLite file, listening on a free port, and Chromium: what every browser test needs. */
export interface BrowserRig {
  app: App;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserRig(): Promise<BrowserRig> {
  const database = await createTestDatabase('sqlite');
  const app = await createApp({ ...loadConfig({}), databaseUrl: database.url }, { logger: false });
  await seedDemo(app.ctx);
  const base = await app.server.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    app,
    base,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
}
