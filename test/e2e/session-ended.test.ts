import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { SESSION_COOKIE } from '../../src/http/auth.ts';
import { startBrowserRig, type BrowserRig } from '../helpers/browser.ts';

// A session revoked elsewhere (signed out on another device, expired, an admin's revocation): the
// console's next call gets a 401 and web/src/ops/session.tsx sends the user back to sign-in, once.
describe('console session ended by the server', () => {
  let rig: BrowserRig;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    rig = await startBrowserRig();
    ({ base, browser } = rig);
  });
  afterAll(async () => rig?.close());

  it('returns to sign-in with "your session has ended" on the next call, and a new sign-in works', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    const signIn = async () => {
      await page.getByLabel('Email').fill('coordinator@mediator.demo');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('console').waitFor();
    };
    await page.goto(`${base}/ops/corridors?lang=en`);
    await page.getByTestId('signin-form').waitFor();
    await signIn();
    await page.getByTestId('corridor-list').waitFor();

    // Revoked through the API with the console's own token, as another client would.
    const token = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
    expect(token).toBeTruthy();
    const revoked = await fetch(`${base}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(204);

    // The console does not know yet; its next calls (orgs, movements, corridors) all come back 401.
    await page.getByTestId('nav-movements').click();
    await page.getByTestId('signin-form').waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Your session has ended');
    expect(await page.getByTestId('console').count()).toBe(0);

    // A new session starts clean: the console stays after calls that now succeed.
    await signIn();
    await page.getByTestId('nav-movements').click();
    await page.getByTestId('movement-list').waitFor();
    await page.getByTestId('nav-corridors').click();
    await page.getByTestId('corridor-list').waitFor();
    expect(await page.getByTestId('console').count()).toBe(1);
    expect(await page.getByTestId('signin-form').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
