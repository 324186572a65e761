import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPerson } from '../../src/services/people.service.ts';
import { findUserByEmail } from '../../src/store/users.repository.ts';
import { screenshotPath, startBrowserRig, type BrowserRig, signInToConsole } from '../helpers/browser.ts';

/** Issue 12 #6 on a phone: who acted is named (or given as a role at an organisation), never as a user id. */

describe('names instead of user ids in Chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startBrowserRig();
  });
  afterAll(async () => rig?.close());

  const signIn = (email: string): Promise<Page> => signInToConsole(rig.browser, rig.base, email);
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

  it('a registering agency sees its own people by name on another agency’s manifest, the rest as counts', async () => {
    const actorOf = async (email: string) => {
      const user = await findUserByEmail(rig.app.ctx.db, email);
      if (!user) throw new Error(email);
      return { userId: user.id, orgId: user.org_id, orgKind: 'agency' as const, role: user.role as 'registrar' };
    };
    const urcs = await actorOf('registrar@urcs.demo');
    const icrc = await actorOf('registrar@icrc.demo');
    const child = await registerPerson(rig.app.ctx, urcs, { givenName: 'Софія', familyName: 'Дячук', birthDate: '2014', vulnerabilities: ['unaccompanied_child'] });
    const father = await registerPerson(rig.app.ctx, urcs, { givenName: 'Орест', familyName: 'Дячук', birthDate: '1977' });
    const carried = await registerPerson(rig.app.ctx, icrc, { givenName: 'Тарас', familyName: 'Мельничук', birthDate: '1960' });

    const coordinator = await signIn('coordinator@icrc.demo');
    const movements = await fetchJson<{ items: { id: string; status: string }[] }>(coordinator, '/api/v1/movements');
    const open = movements.items.find((m) => ['submitted', 'acknowledged'].includes(m.status));
    expect(open, 'a demo movement still taking people').toBeTruthy();
    const registrar = await signIn('registrar@urcs.demo');
    const call = (page: Page, url: string, body: object) =>
      page.evaluate(async ([u, b]) => (await fetch(u as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) })).status, [url, body] as const);
    const me = await fetchJson<{ orgId: string }>(coordinator, '/api/v1/me');
    expect(await call(registrar, '/api/v1/people/shares', { personIds: [child.id, father.id], orgId: me.orgId, movementId: open!.id })).toBe(201);
    expect(await call(coordinator, `/api/v1/movements/${open!.id}/passengers`, { personIds: [child.id, father.id, carried.id] })).toBe(200);

    await registrar.goto(`${rig.base}/ops/movements/${open!.id}/manifest?lang=en`);
    const view = registrar.getByTestId('manifest-registered');
    await view.waitFor({ timeout: 15_000 });
    await expect.poll(() => view.getByTestId('manifest-row').count()).toBe(2);
    // Organisation names arrive in a request of their own, after the manifest: until then the view
    // shows a short id. Wait for the name, then read the whole view once.
    await expect.poll(async () => (await view.textContent()) ?? '').toMatch(/Your people on a movement of International Committee of the Red Cross/);
    const text = (await view.textContent()) ?? '';
    expect(text).toContain('Дячук');
    expect(text).not.toMatch(/Мельничук|Тарас|1960/);
    expect(await view.getByTestId('manifest-others').getAttribute('data-listed')).not.toBeNull();
    expect(await view.locator('[data-flag="unaccompanied_child"]').count()).toBe(1);
    await registrar.screenshot({ path: screenshotPath('field-shared-manifest-registering-en'), fullPage: true });
  }, 90_000);
});
