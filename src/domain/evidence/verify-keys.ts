import { fingerprintOfDigest } from '../statements.ts';
import { canonicalBase64 } from './crypto.ts';
import type { EvidenceBundle, EvidenceKey, EvidenceSignature } from './format.ts';
import type { Findings } from './report.ts';

/**
 * Keys: every signature's key has its enrolment record in the bundle, belongs to the signing
 * party, holds the public key the signature names, and was approved by the party's admin before
 * the signing time and not revoked by then. (That the log saw the approval before the signature
 * is checked with the audit events, verify-facts.ts.)
 */

export interface SignatureRef {
  path: string;
  partyId: string;
  signed: EvidenceSignature;
}

export function signaturesOf(b: EvidenceBundle): SignatureRef[] {
  return [
    ...b.decisions.map((d, i) => ({ path: `decisions[${i}]`, partyId: d.partyId, signed: d })),
    ...b.movements.flatMap((m, i) => m.answers.map((a, j) => ({ path: `movements[${i}].answers[${j}]`, partyId: a.partyId, signed: a }))),
    ...b.incidents.flatMap((inc, i) => inc.statements.map((s, j) => ({ path: `incidents[${i}].statements[${j}]`, partyId: s.partyId, signed: s }))),
  ];
}

function expectedStatus(k: EvidenceKey): string {
  // Migration 0012 retired every server-held key with a time and a reason, by no user.
  if (k.serverHeld) return 'retired';
  if (k.revokedAt !== null) return 'revoked';
  return k.approvedAt !== null ? 'active' : 'pending';
}

async function checkKeyRecord(k: EvidenceKey, path: string, findings: Findings): Promise<void> {
  findings.count('keys');
  if (k.algorithm !== 'Ed25519') findings.fail('keys', `${path}.algorithm`, 'KEY_ALGORITHM', `is ${k.algorithm}; only Ed25519 keys sign`);
  const raw = canonicalBase64(k.publicKey, 32);
  if (!raw) return void findings.fail('keys', `${path}.publicKey`, 'KEY_MALFORMED', 'is not base64 of a 32-byte Ed25519 key');
  const fingerprint = fingerprintOfDigest(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', raw))).hex;
  if (fingerprint !== k.fingerprint) findings.fail('keys', `${path}.fingerprint`, 'FINGERPRINT_MISMATCH', `is ${k.fingerprint} but the key's is ${fingerprint}`);
  if (k.status !== expectedStatus(k)) findings.fail('keys', `${path}.status`, 'KEY_STATUS', `is ${k.status} but the enrolment record says ${expectedStatus(k)}`);
  if ((k.approvedAt === null) !== (k.approvedBy === null)) findings.fail('keys', `${path}.approvedBy`, 'KEY_RECORD', 'an approval names both who and when');
  if (!k.serverHeld && (k.revokedAt === null) !== (k.revokedBy === null)) findings.fail('keys', `${path}.revokedBy`, 'KEY_RECORD', 'a revocation names both who and when');
  if (k.revokedAt === null && k.revokeReason !== null) findings.fail('keys', `${path}.revokeReason`, 'KEY_RECORD', 'a key not revoked has no revocation reason');
  if (k.serverHeld) findings.warn('keys', path, 'KEY_SERVER_HELD', `key ${k.id} was held by the server before party-held keys (docs/signing.md): what it signed says so`);
}

export async function checkKeys(b: EvidenceBundle, findings: Findings): Promise<void> {
  const ids = new Set<string>();
  for (const [i, k] of b.keys.entries()) {
    if (ids.has(k.id)) findings.fail('keys', `keys[${i}].id`, 'KEY_DUPLICATE', `key ${k.id} is listed twice`);
    ids.add(k.id);
    await checkKeyRecord(k, `keys[${i}]`, findings);
  }
  const used = new Set<string>();
  for (const { path, partyId, signed } of signaturesOf(b)) {
    findings.count('keys');
    used.add(signed.keyId);
    const index = b.keys.findIndex((k) => k.id === signed.keyId);
    const key = b.keys[index];
    if (!key) {
      findings.fail('keys', `${path}.keyId`, 'KEY_MISSING', `key ${signed.keyId} has no enrolment record in the bundle`);
      continue;
    }
    if (key.publicKey !== signed.publicKey) findings.fail('keys', `${path}.publicKey`, 'KEY_MISMATCH', `is not the public key enrolled as ${key.id} (keys[${index}])`);
    if (key.orgId !== partyId) findings.fail('keys', `${path}.keyId`, 'KEY_OTHER_PARTY', `key ${key.id} belongs to ${key.orgId}, not to the signing party ${partyId}`);
    if (key.serverHeld) continue;
    if (key.approvedAt === null || key.approvedAt > signed.signedAt) {
      findings.fail('keys', `${path}.signedAt`, 'KEY_NOT_APPROVED', `signed at ${signed.signedAt} with key ${key.id}, which was ${key.approvedAt === null ? 'never approved' : `approved only at ${key.approvedAt}`}`);
    }
    if (key.revokedAt !== null && key.revokedAt <= signed.signedAt) {
      findings.fail('keys', `${path}.signedAt`, 'KEY_REVOKED', `signed at ${signed.signedAt} with key ${key.id}, revoked at ${key.revokedAt}`);
    }
  }
  for (const [i, k] of b.keys.entries()) if (!used.has(k.id)) findings.fail('keys', `keys[${i}]`, 'KEY_UNUSED', `key ${k.id} signed nothing in the bundle`);
}
