import type { Kysely, Selectable } from 'kysely';
import type { OrgKeysTable, PartyKeysTable, Schema } from './schema.ts';

export type OrgKeyRow = Selectable<OrgKeysTable>;

export async function findOrgKey(db: Kysely<Schema>, orgId: string): Promise<OrgKeyRow | undefined> {
  return db.selectFrom('org_keys').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function insertOrgKey(db: Kysely<Schema>, row: OrgKeyRow): Promise<void> {
  await db.insertInto('org_keys').values(row).execute();
}

export async function listOrgKeys(db: Kysely<Schema>): Promise<OrgKeyRow[]> {
  return db.selectFrom('org_keys').selectAll().orderBy('org_id').execute();
}

export type PartyKeyRow = Selectable<PartyKeysTable>;

export async function insertPartyKey(db: Kysely<Schema>, row: PartyKeyRow): Promise<void> {
  await db.insertInto('party_keys').values(row).execute();
}

export async function findPartyKey(db: Kysely<Schema>, id: string): Promise<PartyKeyRow | undefined> {
  return db.selectFrom('party_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Read inside a signing command's transaction, so a key revoked since the signature was checked cannot sign. */
export async function isPartyKeyActive(db: Kysely<Schema>, id: string): Promise<boolean> {
  const key = await db.selectFrom('party_keys').select('status').where('id', '=', id).executeTakeFirst();
  return key?.status === 'active';
}

export async function findPartyKeyByPublicKey(db: Kysely<Schema>, publicKey: string): Promise<PartyKeyRow | undefined> {
  return db.selectFrom('party_keys').selectAll().where('public_key', '=', publicKey).executeTakeFirst();
}

/** Keys of one organisation, or of every organisation when `orgId` is null; oldest first. */
export async function listPartyKeys(db: Kysely<Schema>, orgId: string | null): Promise<PartyKeyRow[]> {
  let query = db.selectFrom('party_keys').selectAll();
  if (orgId !== null) query = query.where('org_id', '=', orgId);
  return query.orderBy('enrolled_at').orderBy('id').execute();
}

export async function listPartyKeysByIds(db: Kysely<Schema>, ids: readonly string[]): Promise<PartyKeyRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('party_keys').selectAll().where('id', 'in', [...ids]).execute();
}

/** Moves a key from `from` to its next state; false when another request moved it first. */
export async function updatePartyKeyStatus(
  db: Kysely<Schema>,
  id: string,
  from: string,
  change: Partial<Pick<PartyKeyRow, 'status' | 'approved_by' | 'approved_at' | 'revoked_by' | 'revoked_at' | 'revoke_reason'>>,
): Promise<boolean> {
  const result = await db.updateTable('party_keys').set(change).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
