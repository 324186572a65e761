import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { DEMO_PASSWORD, demoActor } from '../../src/demo/demo.service.ts';
import { verifyText } from '../../src/domain/signature.ts';
import { listCorridors } from '../../src/services/corridor.service.ts';
import { getIncident } from '../../src/services/incident-record.service.ts';
import { listIncidents, reportIncident } from '../../src/services/incident.service.ts';
import { screenshotPath, startBrowserRig, type BrowserRig, signInToConsole } from '../helpers/browser.ts';
import { approveAsPartyAdmin, enrolInBrowser } from '../helpers/device-keys.ts';


describe('incidents in the console on a phone', () => {
  let rig: BrowserRig;
  let app: App;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    rig = await startBrowserRig();
    ({ app, base, browser } = rig);
  });
  afterAll(async () => rig?.close());

  const signIn = (email: string): Promise<Page> => signInToConsole(browser, base, email);

  let incidentId = '';

  it('the mediator sees a new incident on the open corridor in the alert panel and suspends it in one click, after a confirmation that says what happens', async () => {
    const mediator = await signIn('coordinator@mediator.demo');
    await mediator.goto(`${base}/ops/incidents?lang=en`);
    await mediator.getByTestId('incident-alerts').waitFor();
    await mediator.locator('[data-testid="map"][data-ready="true"]').first().waitFor();
    // The map layer is styled by type and severity: the demo's uncleared mines are hazard
    // triangles marked "!", in the critical colour; its shelling reports are discs marked "✸".
    const mine = mediator.locator('[data-testid="incident-marker"][data-type="mine"][data-state="hazard"][data-severity="critical"]').first();
    await mine.waitFor();
    expect(await mine.getByTestId('incident-glyph').textContent()).toBe('!');
    expect(await mine.evaluate((el) => [getComputedStyle(el).clipPath, getComputedStyle(el).backgroundColor])).toEqual(['polygon(50% 0px, 100% 100%, 0px 100%)', 'rgb(180, 35, 24)']);
    const shelling = mediator.locator('[data-testid="incident-marker"][data-type="shelling"][data-state="event"][data-severity="high"]').first();
    expect(await shelling.getByTestId('incident-glyph').textContent()).toBe('✸');
    expect(await shelling.evaluate((el) => [getComputedStyle(el).borderRadius, getComputedStyle(el).backgroundColor])).toEqual(['50%', 'rgb(194, 65, 12)']);
    // The Vasylivka road, cleared on 10 March, is hidden until asked for, then greyed.
    expect(await mediator.locator('[data-testid="incident-marker"][data-state="cleared"]').count()).toBe(0);
    await mediator.getByTestId('show-cleared').check();
    await mediator.locator('[data-testid="incident-marker"][data-type="blocked_road"][data-state="cleared"]').first().waitFor();
    await mediator.screenshot({ path: screenshotPath('e2e-incident-map-layers-en'), fullPage: true });
    await mediator.getByTestId('show-cleared').uncheck();
    // Give the stream a moment to open before the report goes out.
    await mediator.waitForTimeout(500);

    const coordinator = await demoActor(app.ctx, 'coordinator@mediator.demo');
    const live = (await listCorridors(app.ctx, coordinator, {})).items.find((c) => c.status === 'open');
    expect(live).toBeDefined();
    const field = await demoActor(app.ctx, 'field@urcs.demo');
    const reported = await reportIncident(app.ctx, field, { type: 'shelling', lat: 47.443, lon: 35.276, occurredAt: new Date().toISOString(), severity: 'critical', description: 'Shelling near the Vasylivka checkpoint' });
    incidentId = reported.id;
    expect(reported.affected.corridors.map((c) => c.id)).toContain(live!.id);

    const alert = mediator.locator(`[data-testid="incident-alert"][data-id="${incidentId}"]`);
    await alert.waitFor();
    // The alert counts every corridor the incident touches, in proper plurals; of them only the
    // open one can be suspended, and the confirmation says so and why the others are left.
    const touched = reported.affected.corridors.length;
    const convoys = reported.affected.movements.length;
    expect(touched).toBeGreaterThan(2);
    const convoysSaid = convoys === 0 ? '' : ` and ${convoys} convoy${convoys === 1 ? '' : 's'}`;
    expect(await alert.getByTestId('incident-alert-touches').textContent()).toBe(`Touches ${touched} corridors${convoysSaid}`);
    await alert.getByTestId('suspend-from-incident').click();
    const confirm = alert.getByTestId('confirm-suspend');
    await confirm.waitFor();
    const confirmText = (await confirm.textContent()) ?? '';
    expect(confirmText).toContain(live!.name);
    expect(confirmText).toContain('Suspend this corridor?');
    expect(await confirm.getByTestId('confirm-suspend-scope').textContent()).toBe(
      `The incident touches ${touched} corridors; 1 of them can be suspended. The other ${touched - 1} are neither agreed nor open, so they stay as they are.`,
    );
    expect(confirmText).toMatch(/This corridor will be suspended now with this incident as the reason/);
    expect(confirmText).not.toContain('(s)');
    await mediator.screenshot({ path: screenshotPath('e2e-incident-alert-confirm-en'), fullPage: true });
    await confirm.getByTestId('confirm-suspend-button').click();
    await expect.poll(() => alert.getByTestId('suspend-outcome').textContent()).toContain('Suspended: 1');
    await mediator.screenshot({ path: screenshotPath('e2e-incident-alert-suspended-en'), fullPage: true });

    const record = await getIncident(app.ctx, coordinator, incidentId);
    expect(record.suspensions.map((s) => s.corridorId)).toEqual([live!.id]);
    const after = (await listCorridors(app.ctx, coordinator, {})).items.find((c) => c.id === live!.id);
    expect(after).toMatchObject({ status: 'suspended', suspension: { incidentId } });

    // Reporting by tapping the map: the form opens at the point tapped, and the report is listed.
    await mediator.getByTestId('report-on-map').click();
    const map = mediator.locator('[data-testid="map"][data-ready="true"]').first();
    const box = await map.boundingBox();
    if (!box) throw new Error('no map box');
    await mediator.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.6);
    const form = mediator.getByTestId('report-incident-form');
    await form.waitFor();
    expect(await form.getByTestId('report-point').textContent()).toMatch(/^At \d+\.\d{4}, \d+\.\d{4}$/);
    await form.getByLabel('What happened').selectOption('blocked_road');
    await form.getByLabel('What you saw (no names of people)').fill('Road blocked by a burnt-out truck');
    await mediator.screenshot({ path: screenshotPath('e2e-incident-report-on-map-en'), fullPage: true });
    await form.getByTestId('report-incident').click();
    await mediator.getByTestId('incident-detail').waitFor();
    await expect.poll(() => mediator.getByTestId('hazard-state').textContent()).toContain('not cleared');
    await mediator.context().close();
  }, 120_000);

  it('a liaison writes its party’s statement and signs it on the device; it shows beside the other party’s, verified in the browser', async () => {
    const liaison = await signIn('liaison@ua.demo');
    const fingerprint = await enrolInBrowser(liaison, base, 'liaison phone');
    await approveAsPartyAdmin(app, 'admin@ua.demo', fingerprint);

    await liaison.goto(`${base}/ops/incidents/${incidentId}?lang=en`);
    const form = liaison.getByTestId('statement-form');
    await form.waitFor();
    await liaison.locator('[data-testid="signing-key"][data-status="active"]').waitFor();
    const words = 'Обстріл біля блокпоста у Василівці під час дії коридору. Колона зупинилася.';
    await form.getByTestId('statement-input').fill(words);
    await form.getByTestId('sign-statement').click();
    const row = liaison.locator('[data-testid="incident-statement"]').first();
    await row.waitFor();
    expect(await row.getByTestId('statement-text').textContent()).toBe(words);
    await expect.poll(() => row.getAttribute('data-verdict')).toBe('verified');
    expect(await row.getByTestId('statement-verdict').textContent()).toBe('✓ Verified in your browser');
    await row.scrollIntoViewIfNeeded();
    await liaison.screenshot({ path: screenshotPath('e2e-incident-statement-signed-en'), fullPage: true });

    const ua = await demoActor(app.ctx, 'liaison@ua.demo');
    const stored = (await getIncident(app.ctx, ua, incidentId)).statements;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ text: words, partyId: ua.orgId, key: { label: 'liaison phone' } });
    expect(verifyText(stored[0]!.signedPayload, stored[0]!.signature, stored[0]!.publicKey)).toBe(true);

    // The demo's incident of 5 March: both sides' words side by side, each verified here.
    const mariupol = (await listIncidents(app.ctx, ua, {})).find((i) => i.occurredAt === '2022-03-05T09:20:00.000Z');
    await liaison.goto(`${base}/ops/incidents?lang=uk`);
    await liaison.locator(`[data-testid="incident-item"][data-id="${mariupol!.id}"] a`).click();
    await liaison.getByTestId('incident-detail').waitFor();
    const rows = liaison.locator('[data-testid="incident-statement"]');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => liaison.locator('[data-testid="incident-statement"][data-verdict="verified"]').count()).toBe(await rows.count());
    await liaison.getByTestId('incident-statements').scrollIntoViewIfNeeded();
    await liaison.screenshot({ path: screenshotPath('e2e-incident-demo-statements-uk'), fullPage: true });
    await liaison.context().close();
  }, 120_000);
});
