import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoActor } from '../../src/demo/demo.service.ts';
import { answerAsDemoParty } from '../../src/demo/demo-signer.ts';

import { screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';
import { hoursFromNow } from '../helpers/time.ts';

const PHONE = { width: 390, height: 844 };
type Json = Record<string, unknown>;

/** At the bus door on a phone: a mis-tap is undone with a reason, and final steps ask first. */
describe('corrections and confirmations on a phone', () => {
  let rig: BrowserRig;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    rig = await startBrowserRig();
  });
  afterAll(async () => rig?.close());

  async function call(email: string, method: 'GET' | 'POST', url: string, payload?: Json) {
    let token = tokens.get(email);
    if (!token) {
      token = (await rig.app.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } })).json().token as string;
      tokens.set(email, token);
    }
    return rig.app.server.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  }

  it('undoes a boarding with a reason, records "did not board", refuses an early arrival, and confirms complete and abort', async () => {
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
    const id = notified.json().id as string;
    const people: string[] = [];
    for (const givenName of ['Hanna', 'Taras']) {
      people.push((await call('coordinator@icrc.demo', 'POST', '/api/v1/people', { givenName, familyName: 'Melnyk', birthDate: '1961' })).json().id as string);
    }
    const [hanna, taras] = people as [string, string];
    await call('coordinator@icrc.demo', 'POST', `/api/v1/movements/${id}/passengers`, { personIds: people });
    // Signed with the demo party's key (the server refuses an unsigned answer).
    for (const liaison of ['liaison@ua.demo', 'liaison@ru.demo']) await answerAsDemoParty(rig.app.ctx, await demoActor(rig.app.ctx, liaison), id, { decision: 'acknowledge' });
    expect((await call('field@icrc.demo', 'POST', `/api/v1/movements/${id}/start`)).statusCode).toBe(200);

    const context = await rig.browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${rig.base}/ops?lang=en`);
    await page.getByLabel('Email').fill('field@icrc.demo');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('console').waitFor();
    await page.goto(`${rig.base}/ops/movements/${id}/manifest?lang=en`);
    const row = (personId: string) => page.locator(`[data-testid="manifest-row"][data-person-id="${personId}"]`);
    await row(hanna).waitFor();

    // A mis-tap: Hanna is not on the bus yet.
    await row(hanna).getByTestId('board').click();
    await page.locator(`[data-testid="manifest-row"][data-person-id="${hanna}"][data-state="boarded"]`).waitFor();
    await row(hanna).getByTestId('undo').click();
    const undo = row(hanna).getByTestId('confirm-undo');
    await expect(undo.textContent()).resolves.toContain('Undo the boarding of Hanna Melnyk?');
    // No reason, no undo.
    await expect(undo.getByTestId('confirm-undo-confirm').isDisabled()).resolves.toBe(true);
    await undo.getByTestId('undo-reason').fill('Tapped the wrong row');
    await row(hanna).screenshot({ path: screenshotPath('field-undo-confirm-en-phone') });
    await undo.getByTestId('confirm-undo-confirm').click();
    await page.locator(`[data-testid="manifest-row"][data-person-id="${hanna}"][data-state="listed"]`).waitFor();
    await expect(row(hanna).getByTestId('corrections').textContent()).resolves.toContain('Tapped the wrong row');

    // Taras stays behind: a state, with its reason.
    await row(taras).getByTestId('not-board').click();
    await row(taras).getByTestId('not-board-reason').fill('Stayed with his wife');
    await row(taras).getByTestId('confirm-not-board-confirm').click();
    await page.locator(`[data-testid="manifest-row"][data-person-id="${taras}"][data-state="did_not_board"]`).waitFor();
    await expect(row(taras).getByTestId('not-boarded').textContent()).resolves.toContain('Stayed with his wife');

    // Hanna boards for real; "arrived" waits for the convoy to be there.
    await row(hanna).getByTestId('board').click();
    await page.locator(`[data-testid="manifest-row"][data-person-id="${hanna}"][data-state="boarded"]`).waitFor();
    await row(hanna).getByTestId('arrive').click();
    await expect(row(hanna).getByRole('alert').textContent()).resolves.toContain('has not checked in near its destination');
    await expect(row(hanna).getAttribute('data-state')).resolves.toBe('boarded');
    await page.screenshot({ path: screenshotPath('field-undo-manifest-en-phone'), fullPage: true });

    // Who and why, on the server.
    const manifest = (await call('coordinator@icrc.demo', 'GET', `/api/v1/movements/${id}/passengers`)).json() as {
      notBoarded: number;
      passengers: { personId: string; corrections: { undone: string; reason: string; byUserId: string }[] }[];
    };
    const me = (await call('field@icrc.demo', 'GET', '/api/v1/me')).json() as { id: string };
    expect(manifest.notBoarded).toBe(1);
    expect(manifest.passengers.find((p) => p.personId === hanna)?.corrections).toEqual([expect.objectContaining({ undone: 'board', reason: 'Tapped the wrong row', byUserId: me.id })]);

    // Complete and Abort sit apart from the check-in, and each asks first.
    await page.goto(`${rig.base}/ops/movements/${id}?lang=en`);
    await page.getByTestId('checkin-form').waitFor();
    const form = await page.getByTestId('checkin-submit').boundingBox();
    const end = await page.getByTestId('end-actions').boundingBox();
    expect(form && end && end.y - (form.y + form.height)).toBeGreaterThan(30);
    await page.getByTestId('complete').click();
    const complete = page.getByTestId('confirm-complete');
    await expect(complete.getByTestId('confirm-warning').count()).resolves.toBe(1);
    await page.getByTestId('end-actions').screenshot({ path: screenshotPath('field-confirm-complete-en-phone') });
    await complete.getByTestId('confirm-complete-cancel').click();
    await expect(page.getByTestId('movement-detail').getAttribute('data-status')).resolves.toBe('underway');

    await page.getByTestId('abort').click();
    const abort = page.getByTestId('abort-form');
    await expect(abort.getByTestId('abort-form-confirm').isDisabled()).resolves.toBe(true);
    await abort.getByLabel('Reason for aborting (required)').fill('Road blocked at Vasylivka');
    await page.getByTestId('end-actions').screenshot({ path: screenshotPath('field-confirm-abort-en-phone') });
    await abort.getByTestId('abort-form-confirm').click();
    await page.locator('[data-testid="movement-detail"][data-status="aborted"]').waitFor();
    await context.close();
  }, 120_000);
});
