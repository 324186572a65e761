import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import type { EvidenceBundle } from '../../src/domain/evidence/format.ts';
import { verifyEvidenceBundle } from '../../src/domain/evidence/verify.ts';
import { NARROW_PHONE, PHONE_CONTEXT, overflowing, screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';

/**
 * The console's evidence download on a corridor's page: shown to whom the server's policy lets
 * take the bundle (its /me actions), and the file it gives verifies with the domain verifier.
 */
describe("the console's evidence download per corridor (Chromium)", () => {
  let rig: BrowserRig;
  let corridorId: string;
  let logKey: string;

  beforeAll(async () => {
    rig = await startBrowserRig();
    const inject = rig.app.server.inject.bind(rig.app.server);
    const token = (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'coordinator@mediator.demo', password: DEMO_PASSWORD } })).json().token as string;
    const ua = (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'liaison@ua.demo', password: DEMO_PASSWORD } })).json().user.orgId as string;
    const items = (await inject({ method: 'GET', url: '/api/v1/corridors', headers: { authorization: `Bearer ${token}` } })).json().items as { id: string; parties: string[]; status: string }[];
    corridorId = items.find((c) => c.parties.includes(ua) && c.status !== 'draft')!.id;
    logKey = (await inject({ method: 'GET', url: '/api/v1/public/log/key' })).body.trim();
  }, 60_000);
  afterAll(async () => rig?.close());

  // The liaison's journey runs on a phone (as the field holds it), the mediator's on a desk.
  async function corridorPageAs(email: string, device: 'phone' | 'desk'): Promise<Page> {
    const context = await rig.browser.newContext({ ...(device === 'phone' ? PHONE_CONTEXT : { viewport: { width: 1280, height: 900 } }), acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${rig.base}/ops?lang=en`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('console').waitFor();
    await page.goto(`${rig.base}/ops/corridors/${corridorId}?lang=en`);
    await page.getByTestId('timeline').waitFor();
    return page;
  }

  for (const [email, device] of [['liaison@ua.demo', 'phone'], ['coordinator@mediator.demo', 'desk']] as const) {
    it(`gives ${email} the corridor's bundle on a ${device}, which verifies with the domain verifier`, async () => {
      const page = await corridorPageAs(email, device);
      const section = page.getByTestId('evidence');
      await expect(section.getByRole('heading').textContent()).resolves.toBe('Evidence bundle');
      await expect(page.getByTestId('evidence-verify-link').getAttribute('href')).resolves.toBe('/en/verify');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evidence-download').click()]);
      expect(download.suggestedFilename()).toBe(`evidence-${corridorId}.json`);
      const text = fs.readFileSync((await download.path())!, 'utf8');
      expect((JSON.parse(text) as EvidenceBundle).corridorId).toBe(corridorId);
      const report = await verifyEvidenceBundle(text, { logKey });
      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);
      if (device === 'phone') {
        await section.scrollIntoViewIfNeeded();
        await page.screenshot({ path: screenshotPath('e2e-evidence-download-en') });
        // Nothing of the section is cut off on the narrowest phone either.
        await page.setViewportSize(NARROW_PHONE);
        await section.scrollIntoViewIfNeeded();
        expect(await overflowing(page, '[data-testid="evidence"]')).toEqual([]);
      }
      await page.context().close();
    });
  }

  it('offers no download to an agency, whom the policy does not let take the bundle', async () => {
    const page = await corridorPageAs('coordinator@icrc.demo', 'phone');
    await expect(page.getByTestId('evidence').count()).resolves.toBe(0);
    await page.context().close();
  });
});
