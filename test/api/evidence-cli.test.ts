import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import type { EvidenceBundle } from '../../src/domain/evidence/format.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { evidenceScenario, fetchEvidence } from '../helpers/evidence.ts';

/** `safe-passage evidence verify` as a court clerk runs it: the real bin, a file, no database, no network. */
describe.each(DIALECTS)('safe-passage evidence verify on a bundle from %s', (dialect) => {
  let t: TestApp;
  let dir: string;
  let file: string;
  let logKey: string;
  let text: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0 });
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const s = await evidenceScenario(t, admin, `Evcli-${dialect}`);
    ({ text, logKey } = await fetchEvidence(t, admin, s.corridorId));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-cli-'));
    file = path.join(dir, 'bundle.json');
    fs.writeFileSync(file, text);
  });
  afterAll(async () => {
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // No DATABASE_URL and an unroutable proxy: the command must need neither.
  const offline = { DATABASE_URL: 'sqlite:/nonexistent/dir/none.db', HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' };

  it('exits 0 on a good bundle with the pinned log key, listing each check', async () => {
    const r = await runCli(['evidence', 'verify', file, '--log-key', logKey], offline);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ok {3}decisions \(\d+ checked\)$/m);
    expect(r.stdout).toMatch(/^ok {3}proofs \(\d+ checked\)$/m);
    expect(r.stdout).toContain('evidence bundle verified');
    const unpinned = await runCli(['evidence', 'verify', file], offline);
    expect(unpinned.code).toBe(0);
    expect(unpinned.stdout).toContain('warning LOG_KEY_UNPINNED');
  });

  it('exits 1 naming each failure of a tampered bundle, and 2 for a file it cannot read', async () => {
    const b = JSON.parse(text) as EvidenceBundle;
    b.decisions[0]!.signedAt = b.decisions[0]!.signedAt.replace(/\.\d{3}Z$/, '.999Z');
    b.log.events[1]!.proof = b.log.events[1]!.proof.slice(1);
    const bad = path.join(dir, 'tampered.json');
    fs.writeFileSync(bad, canonicalJson(b));
    const r = await runCli(['evidence', 'verify', bad, '--log-key', logKey, '--witness', Buffer.alloc(32, 7).toString('base64')], offline);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('FAIL SIGNATURE_INVALID: decisions[0].signature: does not verify with key');
    expect(r.stderr).toContain('FAIL PROOF_INVALID: log.events[1].proof');
    expect(r.stderr).toContain('FAIL WITNESS_MISSING: options.witness[0]');
    expect(r.stdout).toMatch(/^FAIL decisions/m);
    expect(r.stdout).toContain('NOT verified');
    const missing = await runCli(['evidence', 'verify', path.join(dir, 'none.json')], offline);
    expect(missing.code).toBe(2);
  });
});
