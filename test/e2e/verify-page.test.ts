import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import type { EvidenceBundle } from '../../src/domain/evidence/format.ts';
import { screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = { width: 360, height: 740 };

/**
 * The static /verify page: a journalist's phone checks a real bundle with the domain verifier in
 * Chromium, and after the page has loaded not one request leaves the page (the file stays local).
 */
describe('the /verify page checks an evidence bundle in the browser (Chromium, phone)', () => {
  let rig: BrowserRig;
  let good: string;
  let logKey: string;

  beforeAll(async () => {
    rig = await startBrowserRig();
    // A real bundle over HTTP, as the mediator downloads it: the demo corridor with incident statements.
    const login = await fetch(`${rig.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'coordinator@mediator.demo', password: DEMO_PASSWORD }) });
    const token = ((await login.json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };
    const corridors = (await (await fetch(`${rig.base}/api/v1/corridors`, { headers: auth })).json()) as { items: { id: string }[] };
    for (const c of corridors.items) {
      const text = await (await fetch(`${rig.base}/api/v1/corridors/${c.id}/evidence`, { headers: auth })).text();
      if ((JSON.parse(text) as EvidenceBundle).incidents.some((i) => i.statements.length > 0)) {
        good = text;
        break;
      }
    }
    expect(good).toBeDefined();
    logKey = (await (await fetch(`${rig.base}/api/v1/public/log/key`)).text()).trim();
  }, 60_000);
  afterAll(async () => rig?.close());

  /** Opens the page and, once it has loaded, records every request it makes from then on. */
  async function open(path: string): Promise<{ page: Page; after: string[]; problems: string[] }> {
    const page = await rig.browser.newPage({ viewport: PHONE });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${rig.base}${path}`, { waitUntil: 'networkidle' });
    const after: string[] = [];
    page.on('request', (request) => after.push(request.url()));
    return { page, after, problems };
  }

  const setFile = (page: Page, name: string, text: string) => page.getByTestId('verify-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const report = (page: Page) => page.getByTestId('verify-report');
  const codesOn = (page: Page) => page.getByTestId('verify-finding').evaluateAll((items) => items.map((i) => `${i.getAttribute('data-code')} ${i.querySelector('code')?.textContent}`));
  const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it('says "verified" for the bundle as served, and names a changed field', async () => {
    const { page, after, problems } = await open('/en/verify');
    await expect(page.title()).resolves.toBe('Check an evidence bundle — Safe Passage');
    await setFile(page, 'evidence.json', good);
    await expect.poll(() => report(page).getAttribute('data-ok'), { timeout: 30_000 }).toBe('true');
    await expect(page.getByTestId('verify-verdict').textContent()).resolves.toContain('Verified: every check passed');
    await expect(page.getByTestId('verify-check-decisions').getAttribute('data-state')).resolves.toBe('ok');
    // Without a log key it says the bundle's own key was used; with the pinned one it does not.
    await expect(page.getByTestId('verify-warnings').textContent()).resolves.toContain("No log key was given: the bundle's own was used");
    await page.getByText('Keys you compared yourself (optional)').click();
    await page.getByLabel('Log key').fill(logKey);
    await page.getByRole('button', { name: 'Check again with these keys' }).click();
    await page.getByTestId('verify-warnings').waitFor({ state: 'detached' });
    await expect.poll(() => report(page).getAttribute('data-ok'), { timeout: 30_000 }).toBe('true');
    expect(await fitsPhone(page)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: screenshotPath('verify-good-en'), fullPage: true });

    // A changed field: one more vehicle in the agreed version.
    const b = JSON.parse(good) as EvidenceBundle;
    (b.versions[0]!.content as { maxVehicles: number }).maxVehicles += 1;
    await setFile(page, 'evidence-changed.json', canonicalJson(b));
    await expect.poll(() => report(page).getAttribute('data-ok'), { timeout: 30_000 }).toBe('false');
    await expect.poll(() => codesOn(page), { timeout: 30_000 }).toContain('HASH_MISMATCH versions[0].versionHash');
    await expect(page.getByTestId('verify-failures').textContent()).resolves.toContain('A hash does not match the content: the content was changed.');
    await expect(page.getByTestId('verify-check-versions').getAttribute('data-state')).resolves.toBe('failed');
    await addAxe(page);

    expect(after).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('names an edited statement in Ukrainian, the file dropped on the page, with no request after load', async () => {
    const { page, after, problems } = await open('/uk/verify');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('uk');
    const b = JSON.parse(good) as EvidenceBundle;
    const i = b.incidents.findIndex((x) => x.statements.length > 0);
    b.incidents[i]!.statements[0]!.text += ' (виправлено)';
    await page.getByTestId('verify-drop').evaluate((zone, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'evidence-edited.json', { type: 'application/json' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, canonicalJson(b));
    await expect.poll(() => report(page).getAttribute('data-ok'), { timeout: 30_000 }).toBe('false');
    await expect.poll(() => codesOn(page), { timeout: 30_000 }).toContain(`HASH_MISMATCH incidents[${i}].statements[0].textHash`);
    await expect(page.getByTestId('verify-verdict').textContent()).resolves.toMatch(/НЕ перевірено\. Помилок: \d+/);
    await expect(page.getByTestId('verify-failures').textContent()).resolves.toContain('Хеш не відповідає вмісту: вміст змінено.');
    await expect(page.getByTestId('verify-check-incidents').getAttribute('data-state')).resolves.toBe('failed');
    expect(await fitsPhone(page)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: screenshotPath('verify-tampered-uk'), fullPage: true });

    // The language switch changes the words, not the answer, and asks the server nothing.
    await page.getByRole('button', { name: 'РУС' }).click();
    await expect(page.getByTestId('verify-failures').textContent()).resolves.toContain('Хеш не соответствует содержимому: содержимое изменено.');
    expect(new URL(page.url()).pathname).toBe('/ru/verify');
    await addAxe(page);

    expect(after).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('is served at /verify and /ru/verify too', async () => {
    for (const path of ['/verify?lang=ru', '/ru/verify']) {
      const { page } = await open(path);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Проверка пакета доказательств');
      await page.close();
    }
  }, 30_000);
});

/** No serious or critical accessibility problem (axe-core, run from the test's own copy: no request). */
async function addAxe(page: Page): Promise<void> {
  const script = await import('node:fs').then((fs) => fs.readFileSync(AXE, 'utf8'));
  await page.evaluate(script);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    return (await axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
  expect(violations).toEqual([]);
}
