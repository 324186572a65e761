import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import type { EvidenceBundle } from '../../src/domain/evidence/format.ts';
import { verifyEvidenceBundle } from '../../src/domain/evidence/verify.ts';
import type { EvidenceReport } from '../../src/domain/evidence/report.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createTwoParties } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { fetchEvidence } from '../helpers/evidence.ts';
import { createAgreedCorridor, partyAdminToken } from '../helpers/signing.ts';

/**
 * Issue 15's last point: a bundle carries each signing key's enrolment (who enrolled it, who
 * approved it and when, its revocation), and the verifier refuses a signature made by a key that
 * was pending or revoked at its signing time. A key revoked after it signed (rotation) leaves
 * what it signed verifiable.
 */
const codes = (r: EvidenceReport) => r.failures.map((f) => `${f.code} ${f.path}`);
const minus = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString();

describe.each(DIALECTS)("the evidence bundle's key enrolments on %s", (dialect) => {
  let t: TestApp;
  let good: string;
  let logKey: string;
  let revokedKeyId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0 });
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const { parties, liaisons } = await createTwoParties(t, admin, `EvKeys-${dialect}`);
    const corridorId = await createAgreedCorridor(t, admin, parties, liaisons);
    // The first party rotates: its admin revokes the key after it signed the approval.
    const first = (JSON.parse((await fetchEvidence(t, admin, corridorId)).text) as EvidenceBundle).decisions.find((d) => d.partyId === parties[0])!;
    revokedKeyId = first.keyId;
    const revoked = await t.as(await partyAdminToken(t, parties[0]!), { method: 'POST', url: `/api/v1/keys/${revokedKeyId}/revoke`, payload: { reason: 'laptop replaced' } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    ({ text: good, logKey } = await fetchEvidence(t, admin, corridorId));
  });
  afterAll(async () => t?.close());

  const tampered = (change: (b: EvidenceBundle) => void) => {
    const b = JSON.parse(good) as EvidenceBundle;
    change(b);
    return verifyEvidenceBundle(canonicalJson(b), { logKey });
  };
  const keyOf = (b: EvidenceBundle) => b.keys.find((k) => k.id === revokedKeyId)!;

  it('holds each key with who enrolled and approved it and when, and its revocation; a key revoked after signing still verifies', async () => {
    const b = JSON.parse(good) as EvidenceBundle;
    expect(b.keys).toHaveLength(2);
    for (const k of b.keys) {
      expect(k.enrolledBy).toEqual(expect.any(String));
      expect(k.approvedBy).toEqual(expect.any(String));
      expect(k.approvedBy).not.toBe(k.enrolledBy);
      expect(Date.parse(k.enrolledAt)).toBeLessThanOrEqual(Date.parse(k.approvedAt!));
    }
    const revoked = keyOf(b);
    expect(revoked).toMatchObject({ status: 'revoked', revokedBy: expect.any(String), revokeReason: 'laptop replaced' });
    const decision = b.decisions.find((d) => d.keyId === revokedKeyId)!;
    expect(Date.parse(revoked.revokedAt!)).toBeGreaterThanOrEqual(Date.parse(decision.signedAt));
    const report = await verifyEvidenceBundle(good, { logKey });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('refuses a signature by a key revoked before its signing time, naming the signature and the key', async () => {
    const r = await tampered((b) => {
      const d = b.decisions.find((x) => x.keyId === revokedKeyId)!;
      keyOf(b).revokedAt = minus(d.signedAt, 60_000);
    });
    const i = (JSON.parse(good) as EvidenceBundle).decisions.findIndex((d) => d.keyId === revokedKeyId);
    expect(codes(r)).toContain(`KEY_REVOKED decisions[${i}].signedAt`);
    expect(r.failures.find((f) => f.code === 'KEY_REVOKED')?.message).toContain(`with key ${revokedKeyId}, revoked at`);
  });

  it('refuses a signature by a key still pending at its signing time: never approved, or approved only later', async () => {
    const i = (JSON.parse(good) as EvidenceBundle).decisions.findIndex((d) => d.keyId === revokedKeyId);
    const never = await tampered((b) => {
      Object.assign(keyOf(b), { approvedAt: null, approvedBy: null });
    });
    expect(codes(never)).toContain(`KEY_NOT_APPROVED decisions[${i}].signedAt`);
    expect(never.failures.find((f) => f.code === 'KEY_NOT_APPROVED')?.message).toContain('never approved');
    const later = await tampered((b) => {
      const d = b.decisions[i]!;
      keyOf(b).approvedAt = new Date(Date.parse(d.signedAt) + 60_000).toISOString();
    });
    expect(codes(later)).toContain(`KEY_NOT_APPROVED decisions[${i}].signedAt`);
    expect(later.failures.find((f) => f.code === 'KEY_NOT_APPROVED')?.message).toContain('approved only at');
  });

  it("refuses a removed enrolment record and a key's status that contradicts its record", async () => {
    const missing = await tampered((b) => {
      b.keys = b.keys.filter((k) => k.id !== revokedKeyId);
    });
    expect(missing.failures.map((f) => f.code)).toContain('KEY_MISSING');
    const status = await tampered((b) => {
      keyOf(b).status = 'active';
    });
    expect(status.failures.map((f) => f.code)).toContain('KEY_STATUS');
  });
});
