import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';

/** Issue 12 #6 on a phone: who acted is named (or given as a role at an organisation), never as a user id. */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('names instead of user ids in Chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startBrowserRig();
  });
  afterAll(async () => rig?.close());

  async function signIn(email: string): Promise<Page> {
    const page = await (await rig.browser.newContext(PHONE)).newPage();
    await page.goto(`${rig.base}/ops?lang=en`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('console').waitFor();
    return page;
  }
  const fetchJson = <T,>(page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;

  it('a suspended corridor says who suspended it and its timeline who acted: by role to a liaison, by name to the mediator', async () => {
    const liaison = await signIn('liaison@ua.demo');
    const corridors = await fetchJson<{ items: { id: string; status: string; approvals: { userId: string }[]; suspension: { by: string } | null }[] }>(liaison, '/api/v1/corridors');
    const suspended = corridors.items.find((c) => c.status === 'suspended');
    expect(suspended, 'the demo’s suspended corridor').toBeTruthy();
    await liaison.goto(`${rig.base}/ops/corridors/${suspended!.id}?lang=en`);
    const notice = liaison.getByTestId('suspension');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/Suspended .* by \S.* at Corridor Coordination Cell/);
    await expect.poll(() => liaison.getByTestId('timeline-who').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const timeline = (await liaison.getByTestId('timeline').textContent()) ?? '';
    expect(timeline).toMatch(/by Liaison officer \(demo\)/);
    const page = (await liaison.locator('body').textContent()) ?? '';
    for (const userId of [suspended!.suspension!.by, ...suspended!.approvals.map((a) => a.userId)]) expect(page).not.toContain(userId);
    await notice.scrollIntoViewIfNeeded();
    await liaison.screenshot({ path: screenshotPath('field-names-suspended-by-en') });
    await liaison.getByTestId('timeline').scrollIntoViewIfNeeded();
    await liaison.screenshot({ path: screenshotPath('field-names-timeline-en') });

    const mediator = await signIn('coordinator@mediator.demo');
    await mediator.goto(`${rig.base}/ops/corridors/${suspended!.id}?lang=en`);
    await mediator.getByTestId('suspension').waitFor();
    await expect(mediator.getByTestId('suspension').textContent()).resolves.not.toMatch(/ at Corridor Coordination Cell/);
  }, 90_000);

  it('a movement names who acknowledged it; the agency learns the liaison’s role at the party', async () => {
    const coordinator = await signIn('coordinator@icrc.demo');
    const movements = await fetchJson<{ items: { id: string; acknowledgements: { who: { id: string } | null }[] }[] }>(coordinator, '/api/v1/movements');
    const answered = movements.items.find((m) => m.acknowledgements.length > 0);
    expect(answered, 'a demo movement a party answered').toBeTruthy();
    await coordinator.goto(`${rig.base}/ops/movements/${answered!.id}?lang=en`);
    const who = coordinator.getByTestId('ack-who').first();
    await who.waitFor();
    await expect(who.textContent()).resolves.toMatch(/^answered by Liaison officer at .+, /);
    const page = (await coordinator.locator('body').textContent()) ?? '';
    for (const a of answered!.acknowledgements) expect(page).not.toContain(a.who!.id);
    await who.scrollIntoViewIfNeeded();
    await coordinator.screenshot({ path: screenshotPath('field-names-acknowledged-by-en') });

    const liaison = await signIn('liaison@ua.demo');
    await liaison.goto(`${rig.base}/ops/movements/${answered!.id}?lang=en`);
    await liaison.getByTestId('ack-who').first().waitFor();
    const texts = await liaison.getByTestId('ack-who').allTextContents();
    expect(texts.some((t) => t.startsWith('answered by Liaison officer (demo)'))).toBe(true);
  }, 90_000);
});
