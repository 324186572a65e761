import { generateKeyPairSync, sign } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosignCheckpoint } from '../../src/domain/checkpoint.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { NARROW_PHONE, PHONE_CONTEXT, overflowing, screenshotPath, startBrowserRig, type BrowserRig } from '../helpers/browser.ts';

describe("the transparency log's state in the console (Chromium)", () => {
  let rig: BrowserRig;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    rig = await startBrowserRig();
    ({ base, browser } = rig);
  });
  afterAll(async () => rig?.close());

  const inject = (options: InjectOptions) => rig.app.server.inject(options);
  const login = async (email: string) => (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } })).json().token as string;

  it("shows on a phone the log's size, last checkpoint, root and the party that cosigned it, each readable at 360 px", async () => {
    // The Ukrainian liaison enrols a key of its own, its admin approves it, and it witnesses.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const liaison = await login('liaison@ua.demo');
    const enrolled = await inject({ method: 'POST', url: '/api/v1/keys', headers: { authorization: `Bearer ${liaison}` }, payload: { publicKey: raw.toString('base64'), label: 'witness laptop' } });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const approved = await inject({ method: 'POST', url: `/api/v1/keys/${enrolled.json().id}/approve`, headers: { authorization: `Bearer ${await login('admin@ua.demo')}` } });
    expect(approved.statusCode, approved.body).toBe(200);
    // The coordinator signs in first, so the checkpoint cosigned below is the one the console shows.
    const page = await browser.newPage(PHONE_CONTEXT);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/ops?lang=en`);
    await page.getByLabel('Email').fill('coordinator@mediator.demo');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('console').waitFor();

    rig.app.ctx.config.checkpointIntervalMs = 0;
    const checkpoint = (await inject({ method: 'GET', url: '/api/v1/public/checkpoint', headers: { accept: 'application/json' } })).json() as { body: string; size: number; rootHex: string };
    rig.app.ctx.config.checkpointIntervalMs = 3_600_000;
    const line = await cosignCheckpoint(checkpoint.body, 'ua-liaison-witness', new Uint8Array(raw), Math.floor(Date.now() / 1000), (m) => Promise.resolve(new Uint8Array(sign(null, m, privateKey))));
    const posted = await inject({ method: 'POST', url: '/api/v1/public/checkpoint/cosignatures', payload: { checkpoint: checkpoint.body, cosignature: line } });
    expect(posted.statusCode, posted.body).toBe(201);

    await page.reload();
    const card = page.getByTestId('audit-log-card');
    await card.getByTestId('audit-log-witness').first().waitFor();
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 15_000 });
    await expect(card.getByTestId('audit-log-size').textContent()).resolves.toBe(String(checkpoint.size));
    await expect(card.textContent()).resolves.toContain(checkpoint.rootHex.slice(0, 16));
    await expect(card.getByTestId('audit-log-witness').textContent()).resolves.toMatch(/^Cosigned by Ukraine: Government liaison \(demo\) \(ua-liaison-witness\), /);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('e2e-tlog-state-en') });
    await page.setViewportSize(NARROW_PHONE);
    expect(await overflowing(page, '[data-testid="audit-log-card"]')).toEqual([]);
    // Readable there too: the signing time and the root's abbreviation each keep to one line.
    const lines = (selector: string) =>
      card.locator(selector).first().evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.bottom))).size;
      });
    await expect(lines('dd:nth-of-type(2)')).resolves.toBe(1);
    await expect(lines('code')).resolves.toBe(1);

    // A later change makes a newer checkpoint no witness has cosigned yet: the card says so and
    // still names the newest cosigned one with its witness.
    rig.app.ctx.config.checkpointIntervalMs = 0;
    await login('liaison@ru.demo');
    const newer = (await inject({ method: 'GET', url: '/api/v1/public/checkpoint', headers: { accept: 'application/json' } })).json() as { size: number };
    rig.app.ctx.config.checkpointIntervalMs = 3_600_000;
    expect(newer.size).toBeGreaterThan(checkpoint.size);
    await page.reload();
    await card.getByTestId('audit-log-no-witness').waitFor();
    await expect(card.getByTestId('audit-log-size').textContent()).resolves.toBe(String(newer.size));
    await expect(card.getByTestId('audit-log-last-cosigned').textContent()).resolves.toContain(`holds ${checkpoint.size} events`);
    await expect(card.getByTestId('audit-log-witness').textContent()).resolves.toContain('ua-liaison-witness');

    // The switch fetches the Ukrainian strings first (web/src/i18n/index.ts): wait for them.
    await page.getByRole('button', { name: 'УКР' }).click();
    await expect.poll(() => card.textContent()).toContain('Журнал аудиту');
    await expect(card.getByTestId('audit-log-witness').textContent()).resolves.toMatch(/^Співпідписав /);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
