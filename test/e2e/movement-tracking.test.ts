import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';
import { approveAsPartyAdmin, enrolInBrowser } from '../helpers/device-keys.ts';
import { kyivParts } from '../helpers/time.ts';

describe('a convoy notified, acknowledged and followed in Chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startBrowserRig();
  });
  afterAll(async () => rig?.close());

  async function signIn(email: string, path: string): Promise<Page> {
    const page = await (await rig.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${rig.base}/ops?lang=en`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('console').waitFor();
    await page.goto(`${rig.base}${path}${path.includes('?') ? '&' : '?'}lang=en`);
    return page;
  }

  it('an agency notifies, both liaisons acknowledge, and a check-in moves the convoy on the mediator’s map', async () => {
    const mediator = await signIn('coordinator@mediator.demo', '/ops/movements');
    await mediator.getByTestId('convoy-map').waitFor();

    // The agency sees the deconfliction warnings before it submits.
    const agency = await signIn('coordinator@icrc.demo', '/ops/movements/new');
    await agency.getByTestId('movement-form').waitFor();
    await agency.getByTestId('movement-kind').selectOption('supply');
    const corridor = agency.getByTestId('movement-corridor');
    await corridor.locator('option', { hasText: 'Enerhodar – Zaporizhzhia (live demo)' }).first().waitFor({ state: 'attached' });
    const value = await corridor.locator('option', { hasText: 'Enerhodar – Zaporizhzhia (live demo)' }).first().getAttribute('value');
    await corridor.selectOption(value ?? '');
    const depart = kyivParts(new Date(Date.now() + 50 * 3_600_000));
    const arrive = kyivParts(new Date(Date.now() + 54 * 3_600_000));
    await agency.getByLabel('Departure date').fill(depart.date);
    await agency.getByLabel('Departure time').fill(depart.time);
    await agency.getByLabel('Arrival date').fill(arrive.date);
    await agency.getByLabel('Arrival time').fill(arrive.time);
    await agency.getByLabel('Vehicle 1: type').selectOption('truck');
    await agency.getByLabel('Personnel (count)').fill('2');
    await agency.getByLabel('Cargo line 1: item').fill('water');
    await agency.getByLabel('Cargo line 1: quantity').fill('12');
    await agency.getByLabel('Cargo line 1: unit').fill('t');
    // The live corridor's window closes long before this departure.
    await agency.locator('[data-testid="warning"][data-code="OUTSIDE_WINDOW"]').waitFor({ timeout: 15_000 });
    await agency.screenshot({ path: screenshotPath('e2e-movement-warnings-en') });
    await agency.getByTestId('movement-submit').click();
    const detail = agency.getByTestId('movement-detail');
    await detail.waitFor();
    const id = await detail.getAttribute('data-id');
    expect(id).toBeTruthy();
    await expect(detail.getAttribute('data-status')).resolves.toBe('submitted');

    // Each liaison answers in the console, signing on the device with a key enrolled there and
    // approved by the party's admin.
    for (const [email, admin] of [['liaison@ua.demo', 'admin@ua.demo'], ['liaison@ru.demo', 'admin@ru.demo']] as const) {
      const liaison = await signIn(email, '/ops/movements');
      const pending = liaison.locator(`[data-testid="ack-item"][data-id="${id}"]`);
      await pending.waitFor();
      await expect(pending.getByTestId('acknowledge').isDisabled()).resolves.toBe(true);
      await approveAsPartyAdmin(rig.app, admin, await enrolInBrowser(liaison, rig.base));
      await liaison.goto(`${rig.base}/ops/movements?lang=en`);
      const item = liaison.locator(`[data-testid="ack-item"][data-id="${id}"]`);
      await item.locator('[data-testid="signing-key"][data-status="active"]').waitFor();
      await expect(item.getByTestId('ack-countdown').textContent()).resolves.toBeTruthy();
      await item.getByTestId('acknowledge').click();
      await liaison.locator('[data-testid="ack-recorded"][data-decision="acknowledge"]').waitFor();
      await liaison.context().close();
    }

    const field = await signIn('field@icrc.demo', `/ops/movements/${id}`);
    await field.getByTestId('movement-detail').waitFor();
    await expect(field.getByTestId('movement-detail').getAttribute('data-status')).resolves.toBe('acknowledged');
    await field.getByTestId('start').click();
    await field.getByTestId('confirm-start-confirm').click();
    await field.locator('[data-testid="movement-detail"][data-status="underway"]').waitFor();
    await field.getByLabel('Latitude').fill('47.47');
    await field.getByLabel('Longitude').fill('34.95');
    await field.getByTestId('checkin-submit').click();
    await field.getByTestId('checkin-sent').waitFor();

    // The mediator's page was never reloaded: the marker appears where the check-in says.
    const marker = mediator.locator(`[data-testid="convoy-marker"][data-marker-id="${id}:position"]`);
    await marker.waitFor({ timeout: 15_000 });
    await expect(marker.getAttribute('data-lat')).resolves.toBe('47.47');
    await expect(marker.getAttribute('data-lon')).resolves.toBe('34.95');
    await mediator.screenshot({ path: screenshotPath('e2e-movement-convoy-map-en') });

    await field.getByLabel('Latitude').fill('47.6');
    await field.getByLabel('Longitude').fill('35.05');
    await field.getByTestId('checkin-submit').click();
    await expect.poll(() => marker.getAttribute('data-lat'), { timeout: 15_000 }).toBe('47.6');
    // Four signed-in browsers and a confirmation step: more than the default on a busy machine.
  }, 120_000);
});
