import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath, startBrowserRig, type BrowserRig, signInToConsole } from '../helpers/browser.ts';

describe('registration with a duplicate warning in Chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startBrowserRig();
  });
  afterAll(async () => rig?.close());

  const signIn = (email: string): Promise<Page> => signInToConsole(rig.browser, rig.base, email, { viewport: { width: 1024, height: 900 } });

  async function fillName(page: Page, given: string, family: string, year: string): Promise<void> {
    await page.getByLabel('Given name').fill(given);
    await page.getByLabel('Family name').fill(family);
    await page.getByLabel('Year').fill(year);
  }

  it('warns of the Cyrillic registration while the Latin spelling is typed, before saving', async () => {
    const page = await signIn('registrar@icrc.demo');
    await page.goto(`${rig.base}/ops/people/new?lang=en`);
    await page.getByTestId('person-form').waitFor();
    await fillName(page, 'Олександр', 'Шевченко', '1956');
    await page.getByLabel('Patronymic').fill('Петрович');
    await page.getByTestId('person-save').click();
    const saved = page.getByTestId('person-saved');
    await saved.waitFor();
    const firstId = await saved.getAttribute('data-id');
    expect(firstId).toBeTruthy();

    await page.goto(`${rig.base}/ops/people/new?lang=en`);
    await page.getByTestId('person-form').waitFor();
    await fillName(page, 'Oleksandr', 'Shevchenko', '1956');
    const warning = page.locator(`[data-testid="duplicate-item"][data-id="${firstId}"]`);
    await warning.first().waitFor({ timeout: 15_000 });
    await expect(warning.first().textContent()).resolves.toContain('Шевченко');
    await page.screenshot({ path: screenshotPath('e2e-registration-duplicate-en') });

    // Another spelling of a different person (the feminine form) is not offered as a duplicate.
    await page.getByLabel('Given name').fill('Oleksandra');
    await expect.poll(async () => page.locator(`[data-testid="duplicate-item"][data-id="${firstId}"]`).count(), { timeout: 15_000 }).toBe(0);

    // The person's record: consent to tracing is given and withdrawn as the person says.
    await page.goto(`${rig.base}/ops/people/${firstId}?lang=en`);
    const consent = page.getByTestId('person-consent-value');
    await consent.waitFor();
    const initially = await consent.getAttribute('data-consent');
    await page.getByTestId('consent-toggle').click();
    await expect.poll(() => consent.getAttribute('data-consent')).toBe(initially === 'true' ? 'false' : 'true');
    await page.getByTestId('consent-toggle').click();
    await expect.poll(() => consent.getAttribute('data-consent')).toBe(initially);
    await page.getByTestId('consent-control').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('e2e-person-consent-en') });
  });

  it('says the server’s field errors in the user’s language, from their codes', async () => {
    const page = await signIn('registrar@icrc.demo');
    await page.goto(`${rig.base}/ops/people/new?lang=uk`);
    await page.getByTestId('person-form').waitFor();
    await page.getByLabel('Ім’я').fill('Олена');
    // Dashes only: the server refuses a name without a letter (NEEDS_LETTER).
    await page.getByLabel('Прізвище').fill('---');
    await page.getByTestId('person-save').click();
    await page.getByText('Має містити хоча б одну літеру.').first().waitFor({ timeout: 15_000 });
    // Said by the family name's field, not in the server's English.
    await expect(page.getByLabel('Прізвище').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByText('must match format').count()).resolves.toBe(0);
    await expect(page.getByTestId('person-saved').count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('e2e-registration-field-error-uk') });
  });
});
