import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/domain/hashing.ts';
import { corridorContentText, corridorDecisionStatement, movementAnswerStatement, movementNoticeText, statementText, versionHashText } from '../../src/domain/statements.ts';
import type * as OnScreen from '../../web/src/signing/statements-on-screen.ts';
import { launchChromium } from '../helpers/browser.ts';

/** What the bundle puts on `globalThis` in the page. */
type Lib = typeof OnScreen & { statementText: typeof statementText };

// The console builds what a liaison signs in the browser; the server rebuilds it in Node. A
// signature verifies only if both make the very same bytes, so the console's own module
// (web/src/signing/statements-on-screen.ts) is bundled as the console bundles it and run in
// Chromium, on records chosen to trip a hand-rolled serialiser, then compared with Node's.

const ROOT = path.resolve(import.meta.dirname, '../..');

const CONTENTS: Record<string, unknown>[] = [
  { name: 'Маріуполь → Запоріжжя', eligibility: 'Жінки, діти, люди похилого віку; «лапки» і апостроф — Мар’яна', publicText: { ru: { title: 'Мариуполь → Запорожье' } } },
  { name: 'Emoji 🚌🏥 and a flag 🇺🇦, a ZWJ family 👨‍👩‍👧 and a combining é', conditions: 'tab\there, newline\nthere, quote " backslash \\ and \u0001' },
  { odd: [1e21, 1e-7, -0, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, 123456789012345680000, -1.5e-10, 100, 2 ** 53] },
  { route: { type: 'LineString', coordinates: [[35.56, 47.19], [35.6, -0], [[1, [2, [3, []]]], {}]] }, windows: [], parties: ['b', 'a'] },
  { '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, a: 4, A: 5, 'ä': 6, '10': 7, '9': 8, nested: { z: null, y: [true, false], x: { '': 'empty key' } } },
];

describe('statements built in Chromium and in Node are byte-identical', () => {
  let browser: Browser;
  let page: Page;
  let server: Server;

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: "export * from './web/src/signing/statements-on-screen.ts';\nexport { statementText } from './src/domain/statements.ts';", resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      format: 'iife',
      globalName: 'SafePassageSigning',
      platform: 'browser',
      write: false,
    });
    // WebCrypto's subtle API exists only in a secure context: a page from a loopback address is one.
    server = createServer((_request, response) => response.end('<!doctype html><title>statements</title>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('for corridor decisions: version hash, content hash and statement text', async () => {
    const signedAt = '2022-03-08T07:30:00.000Z';
    for (const [i, content] of CONTENTS.entries()) {
      const corridorId = `corridor-${i}`;
      const versionHash = sha256Hex(versionHashText(corridorId, 3, content));
      const node = statementText(corridorDecisionStatement({ corridorId, version: 3, contentHash: sha256Hex(corridorContentText(content)), decision: 'approve', partyId: 'party-ua', signedAt }));
      const inBrowser = await page.evaluate(
        async ({ shown, signedAt }) => {
          const lib = (globalThis as unknown as { SafePassageSigning: Lib }).SafePassageSigning;
          return lib.statementText(await lib.corridorDecisionOnScreen(shown, 'approve', 'party-ua', signedAt));
        },
        { shown: { corridorId, version: 3, content, versionHash }, signedAt },
      );
      expect(inBrowser, JSON.stringify(content)).toBe(node);
    }
  });

  it('refuses to sign when the record on screen is not the one whose hash the server gave', async () => {
    const content = CONTENTS[0]!;
    const served = sha256Hex(versionHashText('c', 1, { ...content, eligibility: 'changed after hashing' }));
    const refused = await page.evaluate(
      async ({ shown }) => {
        const lib = (globalThis as unknown as { SafePassageSigning: Lib }).SafePassageSigning;
        try {
          await lib.corridorDecisionOnScreen(shown, 'approve', 'p', '2022-03-08T07:30:00.000Z');
          return 'signed';
        } catch (error) {
          return error instanceof lib.ContentMismatchError ? 'mismatch' : String(error);
        }
      },
      { shown: { corridorId: 'c', version: 1, content, versionHash: served } },
    );
    expect(refused).toBe('mismatch');
  });

  it('for movement answers: the notification hash and statement text', async () => {
    const movement = {
      id: 'movement-1',
      kind: 'supply',
      agencyId: 'icrc',
      corridorId: null,
      route: { type: 'LineString', coordinates: [[35.1, 47.8], [35.2, -0]] },
      departAt: '2022-03-09T06:00:00.000Z',
      arriveBy: '2022-03-09T12:00:00.000Z',
      vehicles: [{ type: 'truck', plate: 'АА 1234 ВВ', markings: 'Червоний Хрест ✚' }],
      personnel: 2,
      passengers: null,
      cargo: [{ item: 'вода 💧', quantity: 1e21, unit: 't' }],
      urgent: true,
      justification: 'Лікарня без води',
    };
    const node = statementText(movementAnswerStatement({ movementId: movement.id, contentHash: sha256Hex(movementNoticeText(movement)), decision: 'acknowledge', partyId: 'party-ru', signedAt: '2022-03-08T07:30:00.000Z' }));
    const inBrowser = await page.evaluate(async ({ movement }) => {
      const lib = (globalThis as unknown as { SafePassageSigning: Lib }).SafePassageSigning;
      return lib.statementText(await lib.movementAnswerOnScreen(movement, 'acknowledge', 'party-ru', '2022-03-08T07:30:00.000Z'));
    }, { movement });
    expect(inBrowser).toBe(node);
  });
});
