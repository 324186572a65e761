import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPerson } from '../../src/services/people.service.ts';
import { findUserByEmail } from '../../src/store/users.repository.ts';
import { screenshotPath, startBrowserRig, type BrowserRig, signInToConsole, PHONE_CONTEXT as PHONE } from '../helpers/browser.ts';

/** Issue 12 #3, #5, #6 on a phone: sites, the registry's usability, each role's start page. */

describe('field work on a phone in Chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startBrowserRig();
  });
  afterAll(async () => rig?.close());

  const signIn = (email: string): Promise<Page> => signInToConsole(rig.browser, rig.base, email);

  const actorOf = async (email: string) => {
    const user = await findUserByEmail(rig.app.ctx.db, email);
    if (!user) throw new Error(email);
    return { userId: user.id, orgId: user.org_id, orgKind: 'agency' as const, role: user.role as 'registrar' };
  };

  it('a coordinator creates a site with contact details in three languages', async () => {
    const page = await signIn('coordinator@icrc.demo');
    await page.goto(`${rig.base}/ops/people/sites?lang=en`);
    await page.getByTestId('sites-page').waitFor();
    await expect.poll(() => page.getByTestId('site-item').count()).toBe(1);
    const form = page.getByTestId('site-form');
    await form.getByLabel('Name').fill('Orikhiv gathering point');
    await form.getByTestId('site-kind').selectOption('gathering_point');
    await form.getByLabel('Українська').fill('Оріхів, школа № 1; +380 00 000 0003');
    await form.getByLabel('Русский').fill('Орехов, школа № 1; +380 00 000 0003');
    await form.getByLabel('English').fill('Orikhiv, school no. 1; +380 00 000 0003');
    await form.getByTestId('site-save').click();
    await expect.poll(() => page.getByTestId('site-item').count()).toBe(2);
    await expect(page.getByTestId('site-list').textContent()).resolves.toContain('Orikhiv, school no. 1');
    await page.screenshot({ path: screenshotPath('field-sites-en'), fullPage: true });
  });

  it('a registrar lands on today’s site, writes the family name first, and sees why a record is not traceable', async () => {
    const page = await signIn('registrar@icrc.demo');
    const start = page.getByTestId('start-page');
    await start.waitFor();
    expect(await start.getAttribute('data-start')).toBe('registrar');
    await expect.poll(() => page.getByTestId('start-site').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('field-start-registrar-en'), fullPage: true });

    await page.goto(`${rig.base}/ops/people/new?lang=en`);
    await page.getByTestId('person-form').waitFor();
    // Family name first, as on Ukrainian documents.
    const labels = await page.locator('[data-testid="person-form"] input[type="text"]').evaluateAll((inputs) =>
      inputs.slice(0, 3).map((i) => document.querySelector(`label[for="${i.id}"]`)?.textContent ?? ''),
    );
    expect(labels).toEqual(['Family name', 'Given name', 'Patronymic']);
    await page.getByLabel('Family name').fill('Шевченко');
    await page.getByLabel('Given name').fill('Марія');
    await page.screenshot({ path: screenshotPath('field-registration-family-first-en'), fullPage: true });
    await page.getByTestId('person-save').click();
    const saved = page.getByTestId('person-saved');
    await saved.waitFor();
    const id = await saved.getAttribute('data-id');

    await page.goto(`${rig.base}/ops/people/${id}?lang=en`);
    const traceable = page.getByTestId('person-traceable');
    await traceable.waitFor();
    expect(await traceable.getAttribute('data-traceable')).toBe('false');
    await expect(traceable.textContent()).resolves.toMatch(/no consent.*no birth date/);
    await traceable.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('field-person-traceable-en') });

    // The family name alone finds her, in Latin letters too.
    await page.goto(`${rig.base}/ops/people?lang=en`);
    await page.getByTestId('people-search').fill('Shevchenko');
    await expect.poll(() => page.locator(`[data-testid="people-result"][data-id="${id}"]`).count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: screenshotPath('field-search-family-name-en'), fullPage: true });
  });

  it('adds a whole household in one step; every manifest row shows its flags, unaccompanied child first', async () => {
    const registrar = await actorOf('registrar@icrc.demo');
    const mother = await registerPerson(rig.app.ctx, registrar, { givenName: 'Оксана', familyName: 'Бойко', birthDate: '1988', householdId: 'ZP-0417' });
    await registerPerson(rig.app.ctx, registrar, { givenName: 'Іван', familyName: 'Бойко', birthDate: '2015', householdId: 'ZP-0417', vulnerabilities: ['medical', 'unaccompanied_child'] });
    await registerPerson(rig.app.ctx, registrar, { givenName: 'Ганна', familyName: 'Бойко', birthDate: '1941', householdId: 'ZP-0417', vulnerabilities: ['elderly'] });
    const page = await signIn('coordinator@icrc.demo');
    const movements = (await page.evaluate(async () => (await fetch('/api/v1/movements')).json())) as { items: { id: string; status: string }[] };
    const open = movements.items.find((m) => ['submitted', 'acknowledged'].includes(m.status));
    expect(open, 'a demo movement still taking people').toBeTruthy();
    await page.goto(`${rig.base}/ops/movements/${open!.id}/manifest?lang=en`);
    await page.getByTestId('manifest').waitFor();
    await page.getByTestId('manifest-add').fill('Бойко');
    const candidate = page.locator(`[data-testid="manifest-candidate"][data-id="${mother.id}"]`);
    await candidate.waitFor({ timeout: 15_000 });
    await candidate.getByTestId('manifest-add-household').click();
    await expect.poll(() => page.getByTestId('manifest-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    const flags = await page.locator('[data-testid="manifest-row"]').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('[data-flag]')].map((f) => f.getAttribute('data-flag'))),
    );
    expect(flags).toContainEqual(['unaccompanied_child', 'medical']);
    expect(flags).toContainEqual(['elderly']);
    await page.getByTestId('row-flags').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('field-manifest-household-flags-en') });
  });

  it('a liaison lands on the decisions waiting, with deadlines; nothing says coming soon', async () => {
    const liaison = await signIn('liaison@ua.demo');
    const start = liaison.getByTestId('start-page');
    await start.waitFor();
    expect(await start.getAttribute('data-start')).toBe('liaison');
    await expect.poll(() => liaison.getByTestId('start-decision').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await liaison.getByTestId('start-acks').waitFor();
    await expect(liaison.getByTestId('start-decision').first().textContent()).resolves.toMatch(/version 1/);
    await liaison.screenshot({ path: screenshotPath('field-start-liaison-en'), fullPage: true });
    expect(await liaison.locator('body').textContent()).not.toMatch(/coming soon/i);
  }, 90_000);

  it('signatures name the signer: a liaison’s own colleague by name, the other party’s by role', async () => {
    const liaison = await signIn('liaison@ua.demo');
    const corridors = (await liaison.evaluate(async () => (await fetch('/api/v1/corridors')).json())) as { items: { id: string; approvals: { partyId: string }[] }[] };
    const signed = corridors.items.find((c) => c.approvals.length === 2);
    expect(signed, 'a demo corridor both parties signed').toBeTruthy();
    await liaison.goto(`${rig.base}/ops/corridors/${signed!.id}?lang=en`);
    const approvals = liaison.getByTestId('approvals');
    await approvals.waitFor();
    await expect.poll(async () => approvals.textContent(), { timeout: 15_000 }).toContain('signed by Liaison officer (demo)');
    expect(await approvals.textContent()).toMatch(/signed by Liaison officer at Russian Federation/);
    expect(await approvals.textContent()).not.toMatch(/signed by user/);
    await approvals.scrollIntoViewIfNeeded();
    await liaison.screenshot({ path: screenshotPath('field-signatures-named-en') });
  }, 90_000);

  it('a field officer lands on today’s convoys; incidents and announcements are listed', async () => {
    const field = await signIn('field@icrc.demo');
    await field.getByTestId('start-today').waitFor();
    expect(await field.getByTestId('start-page').getAttribute('data-start')).toBe('field');
    await field.screenshot({ path: screenshotPath('field-start-field-en'), fullPage: true });

    await field.goto(`${rig.base}/ops/incidents?lang=en`);
    await field.getByTestId('incidents-section').waitFor();
    await expect.poll(() => field.getByTestId('incident-item').count()).toBeGreaterThan(0);
    await field.goto(`${rig.base}/ops/announcements?lang=en`);
    await field.getByTestId('announcements-section').waitFor();
    expect(await field.locator('body').textContent()).not.toMatch(/coming soon/i);
  }, 90_000);

  it('the public tracing form says what a year or a full date can match', async () => {
    const page = await (await rig.browser.newContext(PHONE)).newPage();
    await page.goto(`${rig.base}/trace?lang=en`);
    const form = page.getByTestId('tracing-form');
    await form.waitFor();
    await expect(form.textContent()).resolves.toContain('the year alone finds only people registered with just the year');
    expect(await form.textContent()).not.toContain('The year alone is enough');
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('field-tracing-hint-en') });
  });
});
