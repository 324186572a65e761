import type { Kysely, Selectable } from 'kysely';
import type { DuplicateFlagsTable, PersonSharesTable, Schema } from './schema.ts';

/** Share grants, merges and cross-organisation duplicate flags: what links people across records. */

export type ShareRow = Selectable<PersonSharesTable>;
export type FlagRow = Selectable<DuplicateFlagsTable>;
/** A flag as read: with the organisation of the other record, which the flag itself does not hold. */
export type StoredFlag = FlagRow & { other_org_id: string };

const flagsWithOtherOrg = (db: Kysely<Schema>) =>
  db
    .selectFrom('duplicate_flags')
    .innerJoin('people as other', 'other.id', 'duplicate_flags.other_person_id')
    .selectAll('duplicate_flags')
    .select('other.org_id as other_org_id');

export async function insertShares(db: Kysely<Schema>, rows: ShareRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('person_shares').values(rows).execute();
}

export async function findShare(db: Kysely<Schema>, id: string): Promise<ShareRow | undefined> {
  return db.selectFrom('person_shares').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revokeShare(db: Kysely<Schema>, id: string, at: string, by: string): Promise<number> {
  const result = await db.updateTable('person_shares').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listSharesOfPerson(db: Kysely<Schema>, personId: string): Promise<ShareRow[]> {
  return db.selectFrom('person_shares').selectAll().where('person_id', '=', personId).orderBy('granted_at').orderBy('id').execute();
}

/** Which of these people the grantee may put on this movement: a live grant for it, or for any. */
export async function sharedPersonIds(db: Kysely<Schema>, personIds: string[], granteeOrgId: string, movementId: string): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('person_shares')
    .select('person_id')
    .where('person_id', 'in', personIds)
    .where('grantee_org_id', '=', granteeOrgId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('movement_id', 'is', null), eb('movement_id', '=', movementId)]))
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Moves what hangs on a merged record to the record that answers for it. */
export async function mergePersonInto(db: Kysely<Schema>, mergedId: string, survivorId: string, at: string): Promise<void> {
  const survivorMovements = new Set(
    (await db.selectFrom('movement_passengers').select('movement_id').where('person_id', '=', survivorId).execute()).map((r) => r.movement_id),
  );
  for (const row of await db.selectFrom('movement_passengers').selectAll().where('person_id', '=', mergedId).execute()) {
    if (survivorMovements.has(row.movement_id)) {
      // Both were listed: one seat. Keep the earliest stamps of the two.
      const survivor = await db.selectFrom('movement_passengers').selectAll().where('movement_id', '=', row.movement_id).where('person_id', '=', survivorId).executeTakeFirstOrThrow();
      const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
      await db
        .updateTable('movement_passengers')
        .set({ boarded_at: earliest(survivor.boarded_at, row.boarded_at), arrived_at: earliest(survivor.arrived_at, row.arrived_at) })
        .where('movement_id', '=', row.movement_id)
        .where('person_id', '=', survivorId)
        .execute();
      await db.deleteFrom('movement_passengers').where('movement_id', '=', row.movement_id).where('person_id', '=', mergedId).execute();
    } else {
      await db.updateTable('movement_passengers').set({ person_id: survivorId }).where('movement_id', '=', row.movement_id).where('person_id', '=', mergedId).execute();
    }
  }
  await db.updateTable('person_shares').set({ person_id: survivorId }).where('person_id', '=', mergedId).execute();
  await db.updateTable('people').set({ merged_into: survivorId, updated_at: at }).where('id', '=', mergedId).execute();
  // Records merged into the merged one before now answer to the survivor directly.
  await db.updateTable('people').set({ merged_into: survivorId }).where('merged_into', '=', mergedId).execute();
}

export async function insertFlag(db: Kysely<Schema>, row: FlagRow): Promise<boolean> {
  const result = await db
    .insertInto('duplicate_flags')
    .values(row)
    .onConflict((oc) => oc.columns(['person_id', 'other_person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findFlag(db: Kysely<Schema>, id: string): Promise<StoredFlag | undefined> {
  return flagsWithOtherOrg(db).where('duplicate_flags.id', '=', id).executeTakeFirst();
}

export async function listFlags(db: Kysely<Schema>, options: { open: boolean; orgId?: string | undefined }): Promise<StoredFlag[]> {
  let query = flagsWithOtherOrg(db).where('duplicate_flags.resolved_at', options.open ? 'is' : 'is not', null);
  if (options.orgId) query = query.where('duplicate_flags.flagged_org_id', '=', options.orgId);
  return query.orderBy('duplicate_flags.flagged_at').orderBy('duplicate_flags.id').limit(500).execute();
}

export async function resolveFlag(db: Kysely<Schema>, id: string, outcome: string, reason: string, at: string, by: string): Promise<number> {
  const result = await db.updateTable('duplicate_flags').set({ outcome, resolution_reason: reason, resolved_at: at, resolved_by: by }).where('id', '=', id).where('resolved_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
