import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed, scopeOf } from '../domain/policy.ts';
import { generateSigningKeyPair, verifyText } from '../domain/signature.ts';
import { base64ToBytes, fingerprintOfDigest, normaliseSignedAt, signedAtProblem, statementText, type SignedStatement } from '../domain/statements.ts';
import {
  findOrgKey,
  findPartyKey,
  findPartyKeyByPublicKey,
  insertOrgKey,
  insertPartyKey,
  listOrgKeys,
  listPartyKeys,
  updatePartyKeyStatus,
  type PartyKeyRow,
} from '../store/keys.repository.ts';
import { isUniqueViolation } from '../store/errors.ts';
import type { Schema } from '../store/schema.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';
import { decryptWithServerKey, encryptWithServerKey } from './server-key.ts';

export const SIGNING_ALGORITHM = 'Ed25519';

export type PartyKeyStatus = 'pending' | 'active' | 'revoked' | 'retired';

export interface PublicKeyView {
  orgId: string;
  algorithm: string;
  publicKey: string;
  createdAt: string;
}

/** A party key as anyone allowed to see it gets it: the public half and its history, never more. */
export interface PartyKeyView {
  id: string;
  orgId: string;
  algorithm: string;
  /** base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  fingerprint: string;
  fingerprintWords: string;
  label: string | null;
  status: PartyKeyStatus;
  /** Made and held by the server before parties held their own keys: the mediator could have signed with it. */
  serverHeld: boolean;
  enrolledBy: string | null;
  enrolledAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

const rule = (code: string, message: string, path?: string) =>
  new DomainError('rule', code, message, path ? [{ path, message }] : []);
const conflict = (code: string, message: string) => new DomainError('conflict', code, message);

/** The fingerprint of a raw public key: short hex and words, from its SHA-256. */
export function fingerprintOf(rawPublicKey: Uint8Array): { hex: string; words: string } {
  return fingerprintOfDigest(createHash('sha256').update(rawPublicKey).digest());
}

export function presentPartyKey(row: PartyKeyRow): PartyKeyView {
  const raw = base64ToBytes(row.public_key) ?? new Uint8Array();
  return {
    id: row.id,
    orgId: row.org_id,
    algorithm: row.algorithm,
    publicKey: row.public_key,
    fingerprint: row.fingerprint,
    fingerprintWords: fingerprintOf(raw).words,
    label: row.label,
    status: row.status as PartyKeyStatus,
    serverHeld: row.server_held === 1,
    enrolledBy: row.enrolled_by,
    enrolledAt: row.enrolled_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    revokedBy: row.revoked_by,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
  };
}

// ── The operator's key ───────────────────────────────────────────────────────

/**
 * The mediator's (operator's) own signing key, for checkpoints and CAP alerts, made on first need.
 * Only the operator's: a party's key is never made or held here (see `enrolKey`).
 */
export async function ensureOrgKey(
  trx: Kysely<Schema>,
  ctx: Pick<ServiceContext, 'serverKey'>,
  orgId: string,
  nowIso: string,
): Promise<{ publicKey: string; privateKey: Buffer }> {
  const existing = await findOrgKey(trx, orgId);
  if (existing) {
    return { publicKey: existing.public_key, privateKey: decryptWithServerKey(ctx.serverKey, existing.private_key_enc) };
  }
  const pair = generateSigningKeyPair();
  const publicKey = pair.publicKey.toString('base64');
  await insertOrgKey(trx, {
    org_id: orgId,
    algorithm: SIGNING_ALGORITHM,
    public_key: publicKey,
    private_key_enc: encryptWithServerKey(ctx.serverKey, pair.privateKey),
    created_at: nowIso,
  });
  return { publicKey, privateKey: pair.privateKey };
}

// ── Party keys ───────────────────────────────────────────────────────────────

/** `GET /api/v1/keys`: a party or agency its own organisation's keys; the mediator every party's, with the operator's key. */
export async function listKeys(ctx: ServiceContext, actor: Actor): Promise<{ items: PartyKeyView[]; operatorKeys: PublicKeyView[] }> {
  if (!isAllowed(actor, 'key.list', actor.orgId)) throw forbidden('read signing keys');
  const everyOrg = scopeOf(actor, 'key.list') === 'all';
  const items = (await listPartyKeys(ctx.db, everyOrg ? null : actor.orgId)).map(presentPartyKey);
  const operatorKeys = (await listOrgKeys(ctx.db)).map((k) => ({ orgId: k.org_id, algorithm: k.algorithm, publicKey: k.public_key, createdAt: k.created_at }));
  return { items, operatorKeys };
}

/** A liaison enrols the public half of a key made on its own device; it signs nothing until its admin approves. */
export async function enrolKey(ctx: ServiceContext, actor: Actor, input: { publicKey: string; label?: string | undefined }): Promise<PartyKeyView> {
  if (!isAllowed(actor, 'key.enrol', actor.orgId)) throw forbidden('enrol a signing key');
  const raw = base64ToBytes(input.publicKey.trim());
  if (!raw || raw.length !== 32) {
    throw new DomainError('invalid', 'KEY_INVALID', 'The public key must be the base64 of a raw 32-byte Ed25519 key.', [
      { path: '/publicKey', message: 'base64 of 32 bytes' },
    ]);
  }
  const publicKey = Buffer.from(raw).toString('base64');
  if (await findPartyKeyByPublicKey(ctx.db, publicKey)) throw conflict('KEY_EXISTS', 'This public key is enrolled already.');
  try {
    return await runCommand(ctx, actor, async (trx, nowIso) => {
      const row: PartyKeyRow = {
        id: newId(),
        org_id: actor.orgId,
        algorithm: SIGNING_ALGORITHM,
        public_key: publicKey,
        fingerprint: fingerprintOf(raw).hex,
        label: input.label?.trim() || null,
        status: 'pending',
        server_held: 0,
        enrolled_by: actor.userId,
        enrolled_at: nowIso,
        approved_by: null,
        approved_at: null,
        revoked_by: null,
        revoked_at: null,
        revoke_reason: null,
      };
      await insertPartyKey(trx, row);
      return {
        result: presentPartyKey(row),
        audit: { action: 'key.enrol', subjectType: 'key', subjectId: row.id, payload: { orgId: row.org_id, publicKey, fingerprint: row.fingerprint } },
        event: { type: 'key.changed', subjectType: 'key', subjectId: row.id, orgId: row.org_id, data: { change: 'enrolled' } },
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('KEY_EXISTS', 'This public key is enrolled already.');
    throw error;
  }
}

async function changeKey(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  how: { action: 'key.approve' | 'key.revoke'; from: PartyKeyStatus[]; reason?: string | undefined },
): Promise<PartyKeyView> {
  const key = await findPartyKey(ctx.db, id);
  // A key of another organisation stays unseen, as the list does not show it.
  if (!key || !isAllowed(actor, 'key.list', key.org_id)) throw notFound('key');
  if (!isAllowed(actor, how.action, key.org_id)) throw forbidden(how.action === 'key.approve' ? 'approve this key' : 'revoke this key');
  if (!how.from.includes(key.status as PartyKeyStatus)) {
    throw conflict('KEY_STATE', `The key is ${key.status}; it cannot be ${how.action === 'key.approve' ? 'approved' : 'revoked'}.`);
  }
  return runCommand(ctx, actor, async (trx, nowIso) => {
    const change =
      how.action === 'key.approve'
        ? { status: 'active', approved_by: actor.userId, approved_at: nowIso }
        : { status: 'revoked', revoked_by: actor.userId, revoked_at: nowIso, revoke_reason: how.reason?.trim() || null };
    if (!(await updatePartyKeyStatus(trx, id, key.status, change))) throw conflict('KEY_STATE', 'The key has just changed; reload it.');
    const row = { ...key, ...change };
    return {
      result: presentPartyKey(row),
      audit: { action: how.action, subjectType: 'key', subjectId: id, payload: { orgId: key.org_id, fingerprint: key.fingerprint, reason: how.reason ?? null } },
      event: { type: 'key.changed', subjectType: 'key', subjectId: id, orgId: key.org_id, data: { change: row.status } },
    };
  });
}

/** The party's own admin confirms a pending key (after comparing its fingerprint with the liaison in person or by phone). */
export function approveKey(ctx: ServiceContext, actor: Actor, id: string): Promise<PartyKeyView> {
  return changeKey(ctx, actor, id, { action: 'key.approve', from: ['pending'] });
}

/** Revoked keys sign nothing afterwards; what they signed before stays verifiable with their public half. */
export function revokeKey(ctx: ServiceContext, actor: Actor, id: string, reason?: string): Promise<PartyKeyView> {
  return changeKey(ctx, actor, id, { action: 'key.revoke', from: ['pending', 'active'], reason });
}

// ── Checking a party's signature ─────────────────────────────────────────────

export interface PartySignature {
  keyId: string;
  signedAt: string;
  signature: string;
}

/**
 * Checks that `statementFor(signedAt)`, rebuilt by the server from the record it holds, was signed
 * by an active key of the actor's own party, at a plausible time. Returns what to store.
 */
export async function checkPartySignature(
  db: Kysely<Schema>,
  actor: Actor,
  now: Date,
  input: PartySignature,
  notBefore: string | null,
  statementFor: (signedAt: string) => SignedStatement,
): Promise<{ key: PartyKeyRow; signedAt: string; signedPayload: string }> {
  const signedAt = normaliseSignedAt(input.signedAt);
  if (!signedAt) throw new DomainError('invalid', 'SIGNED_AT_INVALID', 'signedAt must be an RFC 3339 instant with a zone.', [{ path: '/signedAt', message: 'RFC 3339 with Z or an offset' }]);
  const problem = signedAtProblem(signedAt, now, notBefore);
  if (problem) throw rule('SIGNED_AT_IMPLAUSIBLE', `The signing time ${problem}.`, '/signedAt');
  const key = await findPartyKey(db, input.keyId);
  if (!key || key.org_id !== actor.orgId) throw rule('KEY_UNKNOWN', 'No key of your party has this id.', '/keyId');
  if (key.status !== 'active') throw conflict('KEY_NOT_ACTIVE', `This key is ${key.status}; only an active key of your party can sign.`);
  const signedPayload = statementText(statementFor(signedAt));
  if (!verifyText(signedPayload, input.signature, key.public_key)) {
    throw rule('SIGNATURE_INVALID', 'The signature does not match the statement of this record at this time with this key.', '/signature');
  }
  return { key, signedAt, signedPayload };
}
