import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { App } from '../../src/app.ts';
import { demoActor } from '../../src/demo/demo.service.ts';
import { approveKey, listKeys } from '../../src/services/keys.service.ts';

/**
 * A liaison, signed in on `page`, makes a key in this browser and enrols it from Signing keys.
 * Returns the fingerprint the console shows (computed in the browser from the public key).
 */
export async function enrolInBrowser(page: Page, base: string, label = 'liaison laptop'): Promise<string> {
  await page.goto(`${base}/ops/keys?lang=en`);
  const card = page.getByTestId('device-key');
  await card.locator('[data-testid="enrol-key"]').waitFor();
  await page.getByLabel('Name of this device (for your admin)').fill(label);
  await page.getByTestId('enrol-key').click();
  await page.locator('[data-testid="device-key"][data-status="pending"]').waitFor();
  const fingerprint = await card.getByTestId('device-fingerprint').textContent();
  expect(fingerprint).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} ([a-z]+ ){7}[a-z]+$/);
  return fingerprint!;
}

/** The party's admin approves the pending key with this fingerprint, through the service (the admin's own browser is tested elsewhere). */
export async function approveAsPartyAdmin(app: App, adminEmail: string, fingerprint: string): Promise<string> {
  const admin = await demoActor(app.ctx, adminEmail);
  const { items } = await listKeys(app.ctx, admin);
  const key = items.find((k) => k.status === 'pending' && fingerprint.startsWith(k.fingerprint));
  if (!key) throw new Error(`no pending key with fingerprint ${fingerprint}`);
  await approveKey(app.ctx, admin, key.id);
  return key.id;
}
