import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoActor } from '../../src/demo/demo.service.ts';
import { answerAsDemoParty } from '../../src/demo/demo-signer.ts';

import { screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';
import { hoursFromNow } from '../helpers/time.ts';

const PHONE = { width: 390, height: 844 };
type Json = Record<string, unknown>;
interface OutboxRow {
  kind: string;
  tappedAt: string;
  body: { at?: string };
}

/**
 * A field officer on a phone loses signal mid-journey: the taps wait on the device with their
 * times and go out in order when the network returns, each stored once; a tap the server
 * refuses (the convoy aborted, the person boarded by someone else) is flagged for the user.
 */
describe('the field outbox on a phone, offline and back', () => {
  let rig: BrowserRig;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    rig = await startBrowserRig();
  });
  afterAll(async () => rig?.close());

  async function token(email: string): Promise<string> {
    const known = tokens.get(email);
    if (known) return known;
    const response = await rig.app.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
    const value = (response.json() as { token: string }).token;
    tokens.set(email, value);
    return value;
  }
  async function call(email: string, method: 'GET' | 'POST', url: string, payload?: Json) {
    return rig.app.server.inject({ method, url, headers: { authorization: `Bearer ${await token(email)}` }, ...(payload ? { payload } : {}) });
  }

  /** An evacuation on the live demo corridor, acknowledged by both parties, with two registered people listed. */
  async function convoy(): Promise<{ id: string; people: string[] }> {
    const corridors = (await call('coordinator@icrc.demo', 'GET', '/api/v1/corridors')).json() as { items: { id: string; name: string }[] };
    const live = corridors.items.find((c) => c.name === 'Enerhodar – Zaporizhzhia (live demo)');
    const notified = await call('coordinator@icrc.demo', 'POST', '/api/v1/movements', {
      kind: 'evacuation',
      corridorId: live?.id,
      departAt: hoursFromNow(50),
      arriveBy: hoursFromNow(54),
      vehicles: [{ type: 'bus' }],
      personnel: 2,
      passengers: 2,
    });
    expect(notified.statusCode, notified.body).toBe(201);
    const id = notified.json().id as string;
    const people: string[] = [];
    for (const [givenName, familyName] of [
      ['Olena', 'Tkachenko'],
      ['Mykola', 'Tkachenko'],
    ]) {
      const r = await call('coordinator@icrc.demo', 'POST', '/api/v1/people', { givenName, familyName, birthDate: '1950' });
      expect(r.statusCode, r.body).toBe(201);
      people.push(r.json().id as string);
    }
    expect((await call('coordinator@icrc.demo', 'POST', `/api/v1/movements/${id}/passengers`, { personIds: people })).statusCode).toBe(200);
    for (const liaison of ['liaison@ua.demo', 'liaison@ru.demo']) {
      // Signed with the demo party's key (the server refuses an unsigned answer).
      await answerAsDemoParty(rig.app.ctx, await demoActor(rig.app.ctx, liaison), id, { decision: 'acknowledge' });
    }
    return { id, people };
  }

  async function phone(email = 'field@icrc.demo'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await rig.browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${rig.base}/ops?lang=en`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('console').waitFor();
    // The console's own worker is in control before the network goes.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    return { context, page };
  }

  const outboxRows = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<OutboxRow[]>((resolve, reject) => {
          const open = indexedDB.open('safe-passage-ops');
          open.onsuccess = () => {
            const all = open.result.transaction('outbox').objectStore('outbox').getAll();
            all.onsuccess = () => resolve(all.result as OutboxRow[]);
            all.onerror = () => reject(all.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );

  async function checkIn(page: Page, lat: string, lon: string) {
    await page.getByLabel('Latitude').fill(lat);
    await page.getByLabel('Longitude').fill(lon);
    await page.getByTestId('checkin-submit').click();
  }

  it('keeps three check-ins and a boarding made without signal, and sends each once, in order, with its tap time', async () => {
    const { id, people } = await convoy();
    const [olena] = people as [string];
    const { context, page } = await phone();
    await page.goto(`${rig.base}/ops/movements/${id}?lang=en`);
    await page.locator('[data-testid="movement-detail"][data-status="acknowledged"]').waitFor();

    // Starting two days before the notified departure, with two people not boarded: said before it happens.
    await page.getByTestId('start').click();
    const confirmStart = page.getByTestId('confirm-start');
    await expect.poll(() => confirmStart.getByTestId('confirm-warning').count()).toBe(2);
    await confirmStart.screenshot({ path: screenshotPath('field-confirm-start-en-phone') });
    await page.getByTestId('confirm-start-confirm').click();
    await page.locator('[data-testid="movement-detail"][data-status="underway"]').waitFor();

    // The boarding door, open in a second tab of the same phone before the signal drops.
    const door = await context.newPage();
    await door.goto(`${rig.base}/ops/movements/${id}/manifest?lang=en`);
    await door.getByTestId('manifest-row').first().waitFor();

    await context.setOffline(true);
    await checkIn(page, '47.49', '34.70');
    await page.getByTestId('checkin-queued').waitFor();
    await page.waitForTimeout(1100);
    await checkIn(page, '47.47', '34.95');
    await page.waitForTimeout(1100);
    await checkIn(page, '47.60', '35.05');
    await page.waitForTimeout(1100);
    await door.locator(`[data-testid="manifest-row"][data-person-id="${olena}"]`).getByTestId('board').click();
    await door.locator(`[data-testid="manifest-row"][data-person-id="${olena}"][data-pending="board"]`).waitFor();

    await expect.poll(() => page.getByTestId('outbox-waiting').getAttribute('data-count')).toBe('4');
    await expect(page.getByTestId('outbox-waiting').textContent()).resolves.toContain('4 waiting');
    await page.screenshot({ path: screenshotPath('field-outbox-offline-en-phone'), fullPage: true });
    await door.screenshot({ path: screenshotPath('field-outbox-door-offline-en-phone') });

    // Offline, the console itself still opens from its service worker.
    const shell = await context.newPage();
    const offlineShell = await shell.goto(`${rig.base}/ops/movements/${id}?lang=en`);
    expect(offlineShell?.ok()).toBe(true);
    await shell.close();

    const queued = await outboxRows(page);
    expect(queued.map((q) => q.kind)).toEqual(['checkin', 'checkin', 'checkin', 'board']);
    const tapTimes = queued.map((q) => q.tappedAt);
    // Nothing reached the server meanwhile.
    expect((await call('field@icrc.demo', 'GET', `/api/v1/movements/${id}`)).json().checkins).toEqual([]);

    await page.waitForTimeout(1500);
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-waiting').count(), { timeout: 20_000 }).toBe(0);

    const movement = (await call('field@icrc.demo', 'GET', `/api/v1/movements/${id}`)).json() as { checkins: { at: string; lat: number }[] };
    expect(movement.checkins.map((c) => c.at)).toEqual(tapTimes.slice(0, 3));
    expect(movement.checkins.map((c) => c.lat)).toEqual([47.49, 47.47, 47.6]);
    const manifest = (await call('field@icrc.demo', 'GET', `/api/v1/movements/${id}/passengers`)).json() as { passengers: { personId: string; boardedAt: string | null }[] };
    expect(manifest.passengers.find((p) => p.personId === olena)?.boardedAt).toBe(tapTimes[3]);
    const audit = await rig.app.ctx.db.selectFrom('audit_events').select(['action']).where('subject_id', '=', id).execute();
    expect(audit.filter((a) => a.action === 'movement.checkin')).toHaveLength(3);
    expect(audit.filter((a) => a.action === 'movement.board')).toHaveLength(1);

    await door.locator(`[data-testid="manifest-row"][data-person-id="${olena}"][data-state="boarded"][data-pending=""]`).waitFor({ timeout: 15_000 });
    await page.getByTestId('checkin').nth(2).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath('field-outbox-sent-en-phone'), fullPage: true });
    await context.close();
  }, 120_000);

  it('flags taps the server refused after the signal returned (boarded by someone else, convoy aborted) and never overwrites', async () => {
    const { id, people } = await convoy();
    const [olena] = people as [string];
    const other = await convoy();
    for (const started of [id, other.id]) expect((await call('field@icrc.demo', 'POST', `/api/v1/movements/${started}/start`)).statusCode).toBe(200);
    const { context, page } = await phone();
    await page.goto(`${rig.base}/ops/movements/${id}/manifest?lang=en`);
    await page.getByTestId('manifest-row').first().waitFor();
    const detail = await context.newPage();
    await detail.goto(`${rig.base}/ops/movements/${other.id}?lang=en`);
    await detail.getByTestId('checkin-form').waitFor();

    await context.setOffline(true);
    await page.locator(`[data-testid="manifest-row"][data-person-id="${olena}"]`).getByTestId('board').click();
    await checkIn(detail, '47.48', '34.80');
    await detail.getByTestId('checkin-queued').waitFor();

    // Meanwhile, at another door and at headquarters.
    const theirs = (await call('coordinator@icrc.demo', 'POST', `/api/v1/movements/${id}/board`, { personId: olena })).json() as { passengers: { personId: string; boardedAt: string }[] };
    const theirTime = theirs.passengers.find((p) => p.personId === olena)?.boardedAt;
    expect((await call('coordinator@icrc.demo', 'POST', `/api/v1/movements/${other.id}/abort`, { reason: 'Shelling reported near Vasylivka' })).statusCode).toBe(200);

    await context.setOffline(false);
    const refused = page.getByTestId('outbox-refused');
    await expect.poll(() => refused.count(), { timeout: 20_000 }).toBe(2);
    await expect(page.locator('[data-testid="outbox-refused"][data-code="ALREADY_BOARDED"]').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid="outbox-refused"][data-code="MOVEMENT_ILLEGAL_TRANSITION"]').count()).resolves.toBe(1);
    // The door shows what the server holds: Olena boarded, at the other door's time.
    await page.locator(`[data-testid="manifest-row"][data-person-id="${olena}"][data-state="boarded"]`).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath('field-outbox-conflict-en-phone'), fullPage: true });

    // The server kept the other door's time and no check-in after the abort.
    const manifest = (await call('field@icrc.demo', 'GET', `/api/v1/movements/${id}/passengers`)).json() as { passengers: { personId: string; boardedAt: string }[] };
    expect(manifest.passengers.find((p) => p.personId === olena)?.boardedAt).toBe(theirTime);
    expect((await call('field@icrc.demo', 'GET', `/api/v1/movements/${other.id}`)).json().checkins).toEqual([]);

    // Resolved by the user: dropped, the server's record stands.
    await refused.first().getByTestId('outbox-discard').click();
    await expect.poll(() => refused.count()).toBe(1);
    await refused.first().getByTestId('outbox-discard').click();
    await expect.poll(() => page.getByTestId('outbox').count()).toBe(0);
    await context.close();
  }, 120_000);
  it('keeps a registration made without signal and registers the person once, at the time it was made', async () => {
    const { context, page } = await phone('registrar@icrc.demo');
    await page.goto(`${rig.base}/ops/people/new?lang=en`);
    await page.getByTestId('person-form').waitFor();
    await context.setOffline(true);
    await page.getByLabel('Given name').fill('Lesia');
    await page.getByLabel('Family name').fill('Offlainenko');
    await page.getByLabel('Year').fill('1975');
    await page.getByTestId('person-save').click();
    await page.getByTestId('person-queued').waitFor();
    await expect.poll(() => page.getByTestId('outbox-waiting').getAttribute('data-count')).toBe('1');
    await page.screenshot({ path: screenshotPath('field-outbox-registration-offline-en-phone') });
    const [queued] = await outboxRows(page);
    expect(queued?.kind).toBe('registration');
    await page.waitForTimeout(1500);
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-waiting').count(), { timeout: 20_000 }).toBe(0);
    const stored = await rig.app.ctx.db.selectFrom('people').select(['id', 'created_at']).where('family_name', '=', 'Offlainenko').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.created_at).toBe(queued?.tappedAt);
    await context.close();
  }, 120_000);
});
