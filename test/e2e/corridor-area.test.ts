import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { startBrowserRig, type BrowserRig } from '../helpers/browser.ts';

/** The console draws each corridor's area as the server computed it: it carries no buffering library. */
describe('console: a corridor’s area comes from the server', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startBrowserRig();
  });
  afterAll(async () => rig?.close());

  it('draws the area of every corridor with a route on the list’s map, and the one on its page', async () => {
    const inject = rig.app.server.inject.bind(rig.app.server);
    const login = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'coordinator@mediator.demo', password: DEMO_PASSWORD } });
    const auth = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
    const items = (await inject({ method: 'GET', url: '/api/v1/corridors?limit=100', headers: auth })).json().items as { id: string; area: unknown }[];
    const withArea = items.filter((c) => c.area !== null);
    expect(withArea.length).toBeGreaterThan(0);

    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${rig.base}/ops/corridors?lang=en`);
    await page.getByTestId('signin-form').waitFor();
    await page.locator('input[type="email"]').fill('coordinator@mediator.demo');
    await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.locator('[data-testid="signin-form"] button[type="submit"]').click();
    await page.getByTestId('corridor-list').waitFor();
    await page.locator('[data-testid="map"] path.sp-buffer').first().waitFor();
    expect(await page.locator('[data-testid="map"] path.sp-buffer').count()).toBe(withArea.length);

    await page.goto(`${rig.base}/ops/corridors/${withArea[0]!.id}?lang=en`);
    await page.locator('[data-testid="map"] path.sp-buffer').first().waitFor();
    expect(await page.locator('[data-testid="map"] path.sp-buffer').count()).toBe(1);
    // No chunk of the console holds jsts (what @turf/buffer pulled in).
    for (const url of requested.filter((u) => u.endsWith('.js'))) {
      expect(await (await fetch(url)).text(), url).not.toMatch(/jsts|BufferOp/);
    }
    await page.close();
  });
});
