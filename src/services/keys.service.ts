import type { Kysely } from 'kysely';
import { forbidden } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { generateSigningKeyPair } from '../domain/signature.ts';
import { findOrgKey, insertOrgKey, listOrgKeys } from '../store/keys.repository.ts';
import type { Schema } from '../store/schema.ts';
import type { ServiceContext } from './context.ts';
import { decryptWithServerKey, encryptWithServerKey } from './server-key.ts';

export const SIGNING_ALGORITHM = 'Ed25519';

export interface PublicKeyView {
  orgId: string;
  algorithm: string;
  publicKey: string;
  createdAt: string;
}

/** The organisation's signing key, made on first need (organisations older than keys get one then). */
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

export async function listPublicKeys(ctx: ServiceContext, actor: Actor): Promise<PublicKeyView[]> {
  if (!isAllowed(actor, 'key.list')) throw forbidden('read signing keys');
  return (await listOrgKeys(ctx.db)).map((k) => ({ orgId: k.org_id, algorithm: k.algorithm, publicKey: k.public_key, createdAt: k.created_at }));
}
