import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import { cosignCheckpoint, formatSignedNote, parseSignedNote, signNote, verifierKey } from '../../src/domain/checkpoint.ts';
import type { EvidenceBundle } from '../../src/domain/evidence/format.ts';
import { verifyEvidenceBundle, type VerifyOptions } from '../../src/domain/evidence/verify.ts';
import type { EvidenceReport } from '../../src/domain/evidence/report.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { EVIDENCE_PEOPLE, evidenceScenario, fetchEvidence, type EvidenceScenario } from '../helpers/evidence.ts';
import { rewriteAuditEvent } from '../helpers/audit-rewrite.ts';
import { forgetTree } from '../../src/services/transparency-log.service.ts';

type Mutable = EvidenceBundle & Record<string, unknown>;

/** A fresh Ed25519 key: raw public bytes and a signer, as a witness or a forger holds it. */
function newKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url'));
  return { raw, base64: Buffer.from(raw).toString('base64'), sign: (m: Uint8Array) => Promise.resolve(new Uint8Array(sign(null, m, privateKey))) };
}

const codes = (r: EvidenceReport) => r.failures.map((f) => `${f.code} ${f.path}`);

describe.each(DIALECTS)('the evidence bundle on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let s: EvidenceScenario;
  let good: string;
  let logKey: string;
  const witness = newKey();

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0, witnessKeys: [witness.base64] });
    admin = await t.login(ADMIN.email, ADMIN.password);
    s = await evidenceScenario(t, admin, `Evidence-${dialect}`);
    ({ text: good, logKey } = await fetchEvidence(t, admin, s.corridorId));
  });
  afterAll(async () => t?.close());

  const verify = (text: string, options: VerifyOptions = { logKey }) => verifyEvidenceBundle(text, options);
  const tampered = async (change: (b: Mutable) => void | Promise<void>, options?: VerifyOptions) => {
    const b = JSON.parse(good) as Mutable;
    await change(b);
    return verify(canonicalJson(b), options);
  };

  it('holds the whole record of a corridor, and verifies offline with the pinned log key', async () => {
    const b = JSON.parse(good) as EvidenceBundle;
    expect(b.format).toBe('safe-passage/evidence-bundle/1');
    expect(good).toBe(canonicalJson(b));
    expect(b.versions).toHaveLength(1);
    expect(b.decisions.map((d) => [d.partyId, d.decision])).toEqual(expect.arrayContaining([[s.parties[0], 'approve'], [s.parties[1], 'approve']]));
    expect(b.keys.map((k) => k.orgId).sort()).toEqual([...s.parties].sort());
    for (const k of b.keys) expect(k).toMatchObject({ status: 'active', approvedBy: expect.any(String), approvedAt: expect.any(String), revokedAt: null });
    expect(b.movements).toHaveLength(1);
    expect(b.movements[0]!.notice.passengers).toBe(2);
    expect(b.movements[0]!.answers.map((a) => a.decision)).toEqual(['acknowledge', 'acknowledge']);
    expect(b.incidents.map((i) => i.id)).toEqual([s.incidentId]);
    expect(b.incidents[0]!.statements).toHaveLength(2);
    expect(b.controls.map((c) => c.type)).toEqual(['suspend', 'resume']);
    expect(b.timeline.map((e) => e.type)).toEqual(['drafted', 'proposed', 'approved', 'approved', 'suspended', 'resumed']);
    expect(b.log.events.filter((e) => e.kind === 'redacted').length).toBeGreaterThanOrEqual(2);
    expect(b.log.verifierKey).toBe(logKey);

    const report = await verify(good);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.check === 'proofs')?.checked).toBe(b.log.events.length);
    // Without a pinned key it still verifies, and says the key came from the bundle itself.
    const unpinned = await verify(good, {});
    expect(unpinned.ok).toBe(true);
    expect(unpinned.warnings.map((w) => w.code)).toContain('LOG_KEY_UNPINNED');
  });

  it('is refused to whoever may not take it: an agency (403), nobody (401), a liaison of a party not on the corridor (404, the same answer as for an unknown id)', async () => {
    const url = `/api/v1/corridors/${s.corridorId}/evidence`;
    const agency = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: `Evidence outsider agency ${dialect}`, kind: 'agency' } })).json().id as string;
    await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId: agency, email: `x@ev-out-${dialect}.test`, name: 'X', password: 'evidence-pass-1', role: 'coordinator' } });
    const outsider = await t.login(`x@ev-out-${dialect}.test`, 'evidence-pass-1');
    expect((await t.as(outsider, { method: 'GET', url })).statusCode).toBe(403);
    expect((await t.as(null, { method: 'GET', url })).statusCode).toBe(401);
    const party = await t.as(s.liaisons[1]!, { method: 'GET', url });
    expect(party.statusCode).toBe(200);
    expect(party.headers['content-disposition']).toContain(`evidence-${s.corridorId}.json`);

    // A party organisation the corridor does not list may take evidence of its own corridors
    // (scope `listed`), but may not even learn that this one exists: 404, as for an unknown id.
    const other = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: `Evidence third party ${dialect}`, kind: 'party' } });
    expect(other.statusCode, other.body).toBe(201);
    const user = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId: other.json().id, email: `l@ev-third-${dialect}.test`, name: 'L', password: 'evidence-pass-1', role: 'liaison' } });
    expect(user.statusCode, user.body).toBe(201);
    const thirdLiaison = await t.login(`l@ev-third-${dialect}.test`, 'evidence-pass-1');
    const refused = await t.as(thirdLiaison, { method: 'GET', url });
    expect(refused.statusCode, refused.body).toBe(404);
    expect(refused.headers['content-disposition']).toBeUndefined();
    expect(refused.body).not.toContain('"format"');
    const unknown = await t.as(s.liaisons[0]!, { method: 'GET', url: '/api/v1/corridors/no-such-corridor/evidence' });
    expect(unknown.statusCode).toBe(404);
    const answerOf = (r: typeof unknown) => ({ code: (r.json() as { code?: string }).code, detail: (r.json() as { detail?: string }).detail });
    expect(answerOf(refused)).toEqual(answerOf(unknown));
    expect(answerOf(refused).code).toBe('CORRIDOR_NOT_FOUND');
  });

  it('carries no personal data: no name, birth date or person id of the people on the manifest', async () => {
    for (const person of EVIDENCE_PEOPLE) {
      for (const word of [person.givenName, person.familyName, person.birthDate]) expect(good).not.toContain(word);
    }
    for (const id of s.personIds) expect(good).not.toContain(id);
    const b = JSON.parse(good) as EvidenceBundle;
    const actions = b.log.events.flatMap((e) => (e.kind === 'event' ? [e.action] : []));
    expect(actions).not.toContain('movement.manifest');
    expect(actions).not.toContain('movement.board');
  });

  it('fails a changed field, naming it', async () => {
    const r = await tampered((b) => {
      (b.versions[0]!.content as { maxVehicles: number }).maxVehicles += 1;
    });
    expect(codes(r)).toContain('HASH_MISMATCH versions[0].versionHash');
    const lat = await tampered((b) => {
      b.incidents[0]!.lat += 0.01;
    });
    expect(lat.failures.map((f) => f.code)).toContain('EVENT_MISSING');
    expect(lat.failures.find((f) => f.code === 'EVENT_MISSING')?.path).toBe('incidents[0]');
  });

  it('fails a removed approval: its audit event stays and matches no decision', async () => {
    const r = await tampered((b) => {
      b.decisions.splice(1, 1);
    });
    const unmatched = r.failures.find((f) => f.code === 'EVENT_UNMATCHED');
    expect(unmatched?.message).toMatch(/corridor\.approve about corridor/);
    expect(unmatched?.path).toMatch(/^log\.events\[\d+\]$/);
  });

  it('fails a forged signature, naming the decision and the key', async () => {
    const forger = newKey();
    const r = await tampered(async (b) => {
      const d = b.decisions[1]!;
      d.signature = Buffer.from(await forger.sign(new TextEncoder().encode(d.statement))).toString('base64');
    });
    const failure = r.failures.find((f) => f.code === 'SIGNATURE_INVALID');
    expect(failure?.path).toBe('decisions[1].signature');
    expect(failure?.message).toContain(`does not verify with key ${(JSON.parse(good) as EvidenceBundle).decisions[1]!.keyId}`);
  });

  it('fails an edited statement and an edited incident text', async () => {
    const r = await tampered((b) => {
      b.decisions[0]!.statement = b.decisions[0]!.statement.replace('"approve"', '"reject"');
    });
    expect(codes(r)).toContain('STATEMENT_MISMATCH decisions[0].statement');
    const text = await tampered((b) => {
      b.incidents[0]!.statements[1]!.text += ' Мы ни при чём.';
    });
    expect(codes(text)).toContain('HASH_MISMATCH incidents[0].statements[1].textHash');
  });

  it('fails reordered events', async () => {
    const r = await tampered((b) => {
      const [a, c] = [b.log.events[2]!, b.log.events[3]!];
      b.log.events[2] = c;
      b.log.events[3] = a;
    });
    expect(codes(r)).toContain('EVENT_ORDER log.events[3].seq');
  });

  it('fails a truncated or an altered proof', async () => {
    const truncated = await tampered((b) => {
      b.log.events[0]!.proof.pop();
    });
    expect(codes(truncated)).toContain('PROOF_INVALID log.events[0].proof');
    const altered = await tampered((b) => {
      const proof = b.log.events[4]!.proof;
      proof[0] = `${proof[0]!.slice(0, -1)}${proof[0]!.endsWith('0') ? '1' : '0'}`;
    });
    expect(codes(altered)).toContain('PROOF_INVALID log.events[4].proof');
  });

  it('fails a checkpoint signed by a key other than the pinned log key', async () => {
    const forger = newKey();
    const b = JSON.parse(good) as Mutable;
    const note = parseSignedNote(b.log.checkpoint.note);
    if (!note.ok) throw new Error(note.reason);
    b.log.checkpoint.note = formatSignedNote(note.value.body, [await signNote(note.value.body, b.log.origin, forger.raw, forger.sign)]);
    b.log.verifierKey = await verifierKey(b.log.origin, forger.raw);
    const pinned = await verify(canonicalJson(b));
    expect(codes(pinned)).toContain('CHECKPOINT_SIGNATURE log.checkpoint.note');
    expect(pinned.failures.find((f) => f.code === 'CHECKPOINT_SIGNATURE')?.message).toContain(logKey);
    // Unpinned, the forged key would be taken on the bundle's word: hence the warning.
    expect((await verify(canonicalJson(b), {})).warnings.map((w) => w.code)).toContain('LOG_KEY_UNPINNED');
  });

  it('checks witnesses: a cosignature by a given witness passes, a witness who never cosigned is named', async () => {
    const b = JSON.parse(good) as EvidenceBundle;
    const body = b.log.checkpoint.note.slice(0, b.log.checkpoint.note.indexOf('\n\n') + 1);
    const line = await cosignCheckpoint(body, 'evidence-witness', witness.raw, Math.floor(Date.now() / 1000), witness.sign);
    const posted = await t.as(null, { method: 'POST', url: '/api/v1/public/checkpoint/cosignatures', payload: { checkpoint: body, cosignature: line } });
    expect(posted.statusCode, posted.body).toBe(201);
    const { text } = await fetchEvidence(t, admin, s.corridorId);
    const cosigned = JSON.parse(text) as EvidenceBundle;
    // Changes since made a newer checkpoint: the cosigned one is carried as an earlier one, with its consistency proof.
    const at = cosigned.log.earlier.findIndex((c) => c.note.startsWith(body));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(cosigned.log.earlier[at]!.cosignerKeys).toEqual([witness.base64]);
    expect((await verify(text, { logKey, witnessKeys: [witness.base64] })).failures).toEqual([]);
    const stranger = newKey().base64;
    expect(codes(await verify(text, { logKey, witnessKeys: [stranger] }))).toContain('WITNESS_MISSING options.witness[0]');
    // A cosignature whose key is swapped for another in the bundle verifies with none.
    const swapped = JSON.parse(text) as EvidenceBundle;
    swapped.log.earlier[at]!.cosignerKeys = [stranger];
    expect(codes(await verify(canonicalJson(swapped)))).toContain(`COSIGNATURE_INVALID log.earlier[${at}].note`);
  });

  it('any single-byte change to the file fails verification (fast-check; seed printed by the run)', async () => {
    const bytes = new TextEncoder().encode(good);
    const decoder = new TextDecoder();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const changed = bytes.slice();
        changed[at] = (changed[at]! + delta) % 256;
        const report = await verifyEvidenceBundle(decoder.decode(changed), { logKey });
        expect(report.ok, `byte ${at} changed by ${delta}`).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('fails a bundle from a rewritten, re-rooted log: not consistent with the checkpoint pinned before', async () => {
    const before = JSON.parse(good) as EvidenceBundle;
    const pinned = before.log.checkpoint.note;
    // The operator rewrites an early event of the corridor in the database and re-chains every hash after it.
    const first = before.log.events.find((e) => e.kind === 'event' && e.action === 'corridor.draft');
    await rewriteAuditEvent(t.app.ctx.db, first!.seq, { at: '2022-03-01T00:00:00.000Z' });
    forgetTree(t.app.ctx.db);
    expect((await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: `After the rewrite ${dialect}`, kind: 'agency' } })).statusCode).toBe(201);
    const { text } = await fetchEvidence(t, admin, s.corridorId);
    const after = JSON.parse(text) as EvidenceBundle;
    expect(after.log.checkpoint.note).not.toBe(pinned);
    const report = await verify(text, { logKey, knownCheckpoints: [pinned] });
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => f.code)).toEqual(expect.arrayContaining(['FORK', 'CONSISTENCY_INVALID']));
    expect(report.failures.find((f) => f.code === 'FORK')?.path).toBe('options.known[0]');
  });
});
