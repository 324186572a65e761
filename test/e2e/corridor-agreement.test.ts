import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { verifyText } from '../../src/domain/signature.ts';
import type { Signatures } from '../../src/http/schemas/signing.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { PHONE_CONTEXT, screenshotPath, signInToConsole, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';
import { kyivParts } from '../helpers/time.ts';

describe('a corridor agreed end to end in Chromium', () => {
  let rig: BrowserRig;
  let app: App;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    rig = await startBrowserRig();
    ({ app, base, browser } = rig);
  });
  afterAll(async () => rig?.close());

  async function tokenOf(email: string): Promise<string> {
    return (await app.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } })).json().token as string;
  }

  /**
   * The liaison makes a key in this browser and enrols it; the party's admin, in another browser,
   * sees the same fingerprint (the test plays the phone call) and approves it. Returns the fingerprint.
   */
  async function enrolOnDevice(liaison: Page, adminEmail: string, shot: string): Promise<string> {
    await liaison.getByTestId('go-enrol').first().click();
    const card = liaison.getByTestId('device-key');
    await card.waitFor();
    await liaison.getByLabel('Name of this device (for your admin)').fill('liaison laptop');
    await liaison.getByTestId('enrol-key').click();
    await liaison.locator('[data-testid="device-key"][data-status="pending"]').waitFor();
    const fingerprint = await card.getByTestId('device-fingerprint').textContent();
    expect(fingerprint).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} ([a-z]+ ){7}[a-z]+$/);
    await card.screenshot({ path: screenshotPath(`e2e-signing-enrol-pending-${shot}`) });
    // What IndexedDB keeps on this device is a CryptoKey that WebCrypto will not export.
    const kept = await liaison.evaluate(
      () =>
        new Promise<{ type: string; algorithm: string; extractable: boolean; exported: string }>((resolve, reject) => {
          const open = indexedDB.open('safe-passage-signing');
          open.onerror = () => reject(open.error ?? new Error('no IndexedDB'));
          open.onsuccess = () => {
            const all = open.result.transaction('device-keys').objectStore('device-keys').getAll();
            all.onerror = () => reject(all.error ?? new Error('no device key'));
            all.onsuccess = () => {
              const key = (all.result as { privateKey: CryptoKey }[])[0]!.privateKey;
              crypto.subtle.exportKey('pkcs8', key).then(
                () => resolve({ type: key.type, algorithm: key.algorithm.name, extractable: key.extractable, exported: 'exported' }),
                (error: unknown) => resolve({ type: key.type, algorithm: key.algorithm.name, extractable: key.extractable, exported: (error as Error).name }),
              );
            };
          };
        }),
    );
    expect(kept).toEqual({ type: 'private', algorithm: 'Ed25519', extractable: false, exported: 'InvalidAccessError' });

    const admin = await signIn(adminEmail, adminEmail === 'admin@ua.demo' ? DESKTOP : PHONE_CONTEXT);
    await admin.goto(`${base}/ops/keys?lang=en`);
    const pending = admin.locator('[data-testid="party-key"][data-status="pending"]');
    await pending.waitFor();
    await expect(pending.getByTestId('key-fingerprint').textContent()).resolves.toBe(fingerprint);
    await pending.getByTestId('approve-key').click();
    const confirm = admin.getByTestId('confirm-key');
    await expect(confirm.getByTestId('confirm-fingerprint').textContent()).resolves.toBe(fingerprint);
    await admin.screenshot({ path: screenshotPath(`e2e-signing-admin-approves-key-${shot}`), fullPage: true });
    await confirm.getByTestId('confirm-key-confirm').click();
    await admin.locator('[data-testid="party-key"][data-status="active"] [data-testid="key-approved"]').first().waitFor();
    await admin.context().close();
    return fingerprint!;
  }

  const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
  const signIn = (email: string, context = DESKTOP): Promise<Page> => signInToConsole(browser, base, email, context);

  it('a coordinator drafts it on the map, both liaisons approve, and the public page shows it open without a reload', async () => {
    const name = 'Vasylivka – Zaporizhzhia (browser test)';
    const publicPage = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await publicPage.goto(`${base}/?lang=en`);
    await publicPage.locator('main').waitFor();
    expect(await publicPage.getByText(name).count()).toBe(0);

    // The mediator's coordinator drafts the corridor, drawing the route by clicking on the map.
    const coordinator = await signIn('coordinator@mediator.demo');
    await coordinator.goto(`${base}/ops/corridors/new?lang=en`);
    const form = coordinator.getByTestId('corridor-form');
    await form.waitFor();
    await coordinator.getByLabel('Name', { exact: true }).fill(name);
    await coordinator.getByLabel('Evacuation of civilians').check();
    await coordinator.getByLabel('Origin', { exact: true }).fill('Vasylivka');
    await coordinator.getByLabel('Origin latitude').fill('47.443');
    await coordinator.getByLabel('Origin longitude').fill('35.276');
    await coordinator.getByLabel('Destination', { exact: true }).fill('Zaporizhzhia');
    await coordinator.getByLabel('Destination latitude').fill('47.8388');
    await coordinator.getByLabel('Destination longitude').fill('35.1396');

    const map = coordinator.locator('[data-testid="map"][data-ready="true"]').first();
    await map.waitFor({ timeout: 15_000 });
    const box = await map.boundingBox();
    if (!box) throw new Error('the map has no size');
    await coordinator.getByTestId('route-draw').click();
    for (const [fx, fy] of [[0.62, 0.62], [0.64, 0.58], [0.66, 0.55]] as const) {
      await coordinator.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    }
    await expect(coordinator.getByTestId('route-summary').getAttribute('data-points')).resolves.toBe('3');
    await coordinator.getByTestId('route-draw').click();

    await coordinator.getByTestId('gp-place').click();
    await coordinator.mouse.click(box.x + box.width * 0.63, box.y + box.height * 0.6);
    await coordinator.getByLabel('Name of gathering point 1').fill('Vasylivka bus station');
    await coordinator.getByLabel('Latitude of gathering point 1').fill('47.44');
    await coordinator.getByLabel('Longitude of gathering point 1').fill('35.28');

    const start = kyivParts(new Date(Date.now() - 60 * 60_000));
    const end = kyivParts(new Date(Date.now() + 6 * 60 * 60_000));
    await coordinator.getByLabel('Window 1: start date').fill(start.date);
    await coordinator.getByLabel('Window 1: start time').fill(start.time);
    await coordinator.getByLabel('Window 1: end date').fill(end.date);
    await coordinator.getByLabel('Window 1: end time').fill(end.time);
    await coordinator.getByLabel('Ukraine: Government liaison (demo)').check();
    await coordinator.getByLabel('Russian Federation: Ministry of Defence liaison (demo)').check();
    await coordinator.getByLabel('Buses').check();
    await coordinator.getByLabel('Who may leave (eligibility)').fill('Everyone');

    // Without the public texts in all three languages it cannot be proposed: each language says what it lacks.
    await coordinator.getByTestId('propose').click();
    await coordinator.getByTestId('confirm-propose-confirm').click();
    const refused = coordinator.getByTestId('propose-errors');
    await refused.waitFor();
    await expect(refused.locator('[data-path="/publicText/ru/title"]').count()).resolves.toBe(1);
    await expect(refused.locator('[data-path="/publicText/uk/gatheringPoints/0/name"]').count()).resolves.toBe(1);
    await expect(coordinator.getByTestId('public-text-ru').getAttribute('data-missing')).resolves.toBe('4');
    const words = {
      uk: ['Василівка → Запоріжжя', 'Усі цивільні', 'Документи, вода, ліки, теплий одяг, заряджений телефон. Без зброї.', 'Автостанція Василівки'],
      ru: ['Васильевка → Запорожье', 'Все мирные жители', 'Документы, вода, лекарства, тёплая одежда, заряженный телефон. Без оружия.', 'Автостанция Васильевки'],
      en: [name, 'All civilians', '📄 Documents, water, medicines, warm clothes, a charged phone. No weapons.', 'Vasylivka bus station'],
    } as const;
    for (const [lang, [title, eligibility, bring, point]] of Object.entries(words)) {
      const group = coordinator.getByTestId(`public-text-${lang}`);
      await group.getByLabel('Public title').fill(title);
      await group.getByLabel('Who may leave').fill(eligibility);
      await group.getByLabel('What to bring').fill(bring);
      await group.getByLabel('Gathering point 1: name').fill(point);
      await expect(group.getAttribute('data-missing')).resolves.toBe('0');
    }
    await coordinator.screenshot({ path: screenshotPath('e2e-corridor-drafted-on-map-en'), fullPage: true });
    await coordinator.getByTestId('propose').click();
    // Proposing asks first, saying what it does.
    await coordinator.getByTestId('confirm-propose').screenshot({ path: screenshotPath('field-confirm-propose-en') });
    await coordinator.getByTestId('confirm-propose-confirm').click();

    const detail = coordinator.getByTestId('corridor-detail');
    await detail.waitFor();
    const id = await detail.getAttribute('data-id');
    expect(id).toBeTruthy();
    await expect(coordinator.getByTestId('corridor-status').getAttribute('data-status')).resolves.toBe('proposed');
    const stored = (await app.server.inject({ method: 'GET', url: '/api/v1/public/corridors' })).json();
    expect(stored.items.map((c: { id: string }) => c.id)).not.toContain(id);

    // Each liaison, in its own browser, makes a key on the device, has its party's admin approve
    // it after comparing the fingerprint, and signs the version shown to them on the device.
    // The Ukrainian side works at a desk, the Russian side on phones.
    for (const [email, admin, shot] of [['liaison@ua.demo', 'admin@ua.demo', 'en'], ['liaison@ru.demo', 'admin@ru.demo', 'en-phone']] as const) {
      const liaison = await signIn(email, shot === 'en' ? DESKTOP : PHONE_CONTEXT);
      await liaison.goto(`${base}/ops/corridors/${id}?lang=en`);
      await liaison.getByTestId('approval-panel').waitFor();
      // They sign what the public will read, in every language.
      await expect(liaison.getByTestId('public-text-version-ru').textContent()).resolves.toContain('Васильевка → Запорожье');
      await expect(liaison.getByTestId('public-text-version-uk').textContent()).resolves.toContain('Автостанція Василівки');
      if (email === 'liaison@ua.demo') {
        await liaison.getByTestId('public-text-versions').screenshot({ path: screenshotPath('e2e-corridor-public-texts-signed-en') });
      }
      // Without a key on this device nothing can be signed, and the panel leads to enrolment.
      const noKey = liaison.getByTestId('approval-panel').getByTestId('signing-key');
      await expect(noKey.getAttribute('data-status')).resolves.toBe('none');
      await expect(liaison.getByTestId('approve').isDisabled()).resolves.toBe(true);
      // The decision's end of the panel, where the liaison is sent to enrol (the whole panel is taller than a screen).
      await liaison.locator('.approval-panel__decide').screenshot({ path: screenshotPath(`e2e-signing-no-key-${shot}`) });
      const fingerprint = await enrolOnDevice(liaison, admin, shot);

      await liaison.goto(`${base}/ops/corridors/${id}?lang=en`);
      const panel = liaison.getByTestId('approval-panel');
      await panel.locator('[data-testid="signing-key"][data-status="active"]').waitFor();
      // The panel names the key that will sign, with the fingerprint the admin approved.
      await expect(panel.getByTestId('signing-fingerprint').textContent()).resolves.toBe(fingerprint);
      await liaison.getByTestId('approve').click();
      // The signature is final: the confirmation restates the version and its hash first.
      const confirm = liaison.getByTestId('confirm-decision');
      await expect(confirm.textContent()).resolves.toMatch(/Approve version \d+ for /);
      await expect(confirm.getByTestId('confirm-hash').textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
      await confirm.screenshot({ path: screenshotPath(email === 'liaison@ua.demo' ? 'field-confirm-approve-en' : 'e2e-signing-confirm-approve-en-phone') });
      await confirm.getByTestId('confirm-decision-confirm').click();
      const signed = liaison.getByTestId('signed-decision');
      await signed.waitFor();
      // The bytes signed in the browser are the bytes the server rebuilt from its own record.
      const here = await signed.getByTestId('device-statement').textContent();
      await expect(signed.getByTestId('signed-payload').textContent()).resolves.toBe(here);
      expect(JSON.parse(here!)).toMatchObject({ statement: 'safe-passage/corridor-decision/1', corridorId: id, decision: 'approve' });
      await signed.screenshot({ path: screenshotPath(`e2e-signing-signed-on-device-${shot}`) });
      await liaison.context().close();
    }

    // Each approval verifies with nothing but the enrolled public key, and the console says so
    // after checking it itself.
    const signatures = (await app.server.inject({ method: 'GET', url: `/api/v1/corridors/${id}/signatures`, headers: { authorization: `Bearer ${await tokenOf('coordinator@mediator.demo')}` } })).json() as Signatures;
    expect(signatures.items).toHaveLength(2);
    for (const { approval, key } of signatures.items) {
      expect(key?.status).toBe('active');
      expect(key?.serverHeld).toBe(false);
      expect(verifyText(approval.signedPayload, approval.signature, key!.publicKey)).toBe(true);
    }
    await coordinator.goto(`${base}/ops/corridors/${id}?lang=en`);
    const rows = coordinator.getByTestId('signature-row');
    await coordinator.locator('[data-testid="signature-row"][data-verdict="verified"]').nth(1).waitFor();
    await expect(rows.count()).resolves.toBe(2);
    await coordinator.getByTestId('signatures-panel').screenshot({ path: screenshotPath('e2e-signatures-verified-in-browser-en') });
    // The mediator sees which keys each party holds, and since when.
    await coordinator.goto(`${base}/ops/keys?lang=en`);
    await coordinator.getByTestId('party-keys').nth(1).waitFor();
    await expect(coordinator.getByTestId('party-keys').count()).resolves.toBe(2);
    await expect(coordinator.locator('[data-testid="party-key"][data-status="active"] [data-testid="key-approved"]').count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(coordinator.getByTestId('approve-key').count()).resolves.toBe(0);
    await coordinator.screenshot({ path: screenshotPath('e2e-signing-mediator-sees-party-keys-en'), fullPage: true });
    await coordinator.goto(`${base}/ops/corridors/${id}?lang=en`);

    // The public page, never reloaded, now shows the corridor open.
    // The public page titles it from its public words, not the staff's working name.
    const card = publicPage.locator(`[data-testid="corridor-card"][data-id="${id}"]`);
    await card.waitFor({ timeout: 15_000 });
    await expect(card.getAttribute('data-status')).resolves.toBe('open');
    await publicPage.screenshot({ path: screenshotPath('e2e-corridor-open-on-public-page-en-phone'), fullPage: true });
    await expect(coordinator.getByTestId('corridor-status').getAttribute('data-status')).resolves.toBe('open');

    // Were the server to change the words of the version after the parties signed it, the
    // signatures would still verify over their statements, but not over these words: the console
    // recomputes the content hash from the version it is served and says so.
    const signedVersion = signatures.items[0]!.approval.version;
    const row = await app.ctx.db.selectFrom('corridor_versions').select('content').where('corridor_id', '=', id!).where('version', '=', signedVersion).executeTakeFirstOrThrow();
    const changed = { ...(JSON.parse(row.content) as Record<string, unknown>), eligibility: 'Men of fighting age only' };
    await app.ctx.db.updateTable('corridor_versions').set({ content: JSON.stringify(changed) }).where('corridor_id', '=', id!).where('version', '=', signedVersion).execute();
    await coordinator.reload();
    await coordinator.locator('[data-testid="signature-row"][data-verdict="failed"]').nth(1).waitFor();
    await expect(coordinator.locator('[data-testid="signature-row"][data-verdict="verified"]').count()).resolves.toBe(0);
    await coordinator.getByTestId('signatures-panel').screenshot({ path: screenshotPath('e2e-signatures-content-changed-en') });
    // Eight browser contexts (liaisons, admins) and texts in three languages: long on two shared cores.
  }, 180_000);
});
