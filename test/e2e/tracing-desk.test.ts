import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPerson } from '../../src/services/people.service.ts';
import { findUserByEmail } from '../../src/store/users.repository.ts';
import { screenshotPath, startBrowserRig, type BrowserRig, signInToConsole } from '../helpers/browser.ts';

/**
 * Issue 12's remaining field gaps on a phone: a registration flags a likely duplicate in another
 * agency for the tracing desk; the desk resolves it by ids, organisations and score, saying why;
 * the mediator's coordinator reaches sites; a household already on the list says so.
 */

describe('tracing desk and field gaps on a phone in Chromium', () => {
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

  it('a registration flags another agency’s likely duplicate; the tracing desk resolves it with a reason, never showing names', async () => {
    const theirs = await registerPerson(rig.app.ctx, await actorOf('registrar@urcs.demo'), { givenName: 'Олена', familyName: 'Мельничук', birthDate: '1984-05-05' });

    const registrar = await signIn('registrar@icrc.demo');
    await registrar.goto(`${rig.base}/ops/people/new?lang=en`);
    await registrar.getByTestId('person-form').waitFor();
    await registrar.getByLabel('Family name').fill('Мельничук');
    await registrar.getByLabel('Given name').fill('Олена');
    const form = registrar.getByTestId('person-form');
    await form.getByLabel('Year', { exact: true }).fill('1984');
    await form.getByLabel('Month', { exact: true }).fill('05');
    await form.getByLabel('Day', { exact: true }).fill('05');
    await registrar.getByTestId('person-save').click();
    const flagged = registrar.getByTestId('flagged-elsewhere');
    await flagged.waitFor({ timeout: 15_000 });
    await expect(flagged.textContent()).resolves.toContain(theirs.id);
    const mine = await registrar.getByTestId('person-saved').getAttribute('data-id');

    const desk = await signIn('registrar@mediator.demo');
    await desk.goto(`${rig.base}/ops/people?lang=en`);
    await desk.getByTestId('people-desk').click();
    const item = desk.locator(`[data-testid="desk-flag"]`).filter({ hasText: theirs.id });
    await item.waitFor({ timeout: 15_000 });
    const text = (await item.textContent()) ?? '';
    expect(text).toContain(mine);
    expect(text).toMatch(/ICRC|International Committee/i);
    expect(text).not.toMatch(/Мельничук|Олена|Melnychuk/);
    const records = await item.getByTestId('desk-record').count();
    expect(records, 'the desk may open both records').toBe(2);
    // Nothing wider than the phone.
    expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await item.getByTestId('desk-outcome-different_people').check();
    await item.getByTestId('desk-reason').fill('Different fathers on the two passports; checked by phone with URCS');
    await item.scrollIntoViewIfNeeded();
    await desk.screenshot({ path: screenshotPath('field-tracing-desk') });
    await item.getByTestId('desk-submit').click();
    await expect.poll(() => desk.locator(`[data-testid="desk-flag"]`).filter({ hasText: theirs.id }).count(), { timeout: 15_000 }).toBe(0);

    await desk.getByTestId('desk-show-resolved').click();
    const done = desk.locator(`[data-testid="desk-flag"][data-outcome="different_people"]`).filter({ hasText: theirs.id });
    await done.waitFor({ timeout: 15_000 });
    await expect(done.getByTestId('desk-resolution').textContent()).resolves.toMatch(/Different people.*Different fathers on the two passports/);
    await done.scrollIntoViewIfNeeded();
    await desk.screenshot({ path: screenshotPath('field-tracing-desk-resolved') });
  });

  it('the mediator’s coordinator reaches the sites page from the navigation', async () => {
    const page = await signIn('coordinator@mediator.demo');
    await page.getByTestId('nav-sites').click();
    await page.getByTestId('sites-page').waitFor();
    await page.getByTestId('site-form').waitFor();
    expect(await page.getByTestId('nav-people').count()).toBe(0);
  });

  it('a household tapped again when everyone is on the list says so', async () => {
    const registrar = await actorOf('registrar@icrc.demo');
    const first = await registerPerson(rig.app.ctx, registrar, { givenName: 'Степан', familyName: 'Ковтун', birthDate: '1950', householdId: 'ZP-0999' });
    await registerPerson(rig.app.ctx, registrar, { givenName: 'Ліда', familyName: 'Ковтун', birthDate: '1952', householdId: 'ZP-0999' });
    const page = await signIn('coordinator@icrc.demo');
    const movements = (await page.evaluate(async () => (await fetch('/api/v1/movements')).json())) as { items: { id: string; status: string }[] };
    const open = movements.items.find((m) => ['submitted', 'acknowledged'].includes(m.status));
    expect(open, 'a demo movement still taking people').toBeTruthy();
    await page.goto(`${rig.base}/ops/movements/${open!.id}/manifest?lang=en`);
    await page.getByTestId('manifest').waitFor();
    await page.getByTestId('manifest-add').fill('Ковтун');
    const candidate = page.locator(`[data-testid="manifest-candidate"][data-id="${first.id}"]`);
    await candidate.waitFor({ timeout: 15_000 });
    await candidate.getByTestId('manifest-add-household').click();
    const note = page.getByTestId('manifest-household-done');
    await expect.poll(() => note.getAttribute('data-added'), { timeout: 15_000 }).toBe('2');
    await expect.poll(() => candidate.getAttribute('data-listed'), { timeout: 15_000 }).toBe('true');
    // Everyone listed: the button is still there, and says what it did.
    await candidate.getByTestId('manifest-add-household').click();
    await expect.poll(() => note.getAttribute('data-added'), { timeout: 15_000 }).toBe('0');
    await expect(note.textContent()).resolves.toContain('already on the list');
  });
});
