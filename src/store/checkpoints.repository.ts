import type { Kysely, Selectable } from 'kysely';
import type { CheckpointsTable, CosignaturesTable, Schema } from './schema.ts';

export type CheckpointRow = Selectable<CheckpointsTable>;
export type CosignatureRow = Selectable<CosignaturesTable>;

/** The audit events' hashes after `afterSeq`, in chain order: the leaves the tree has not seen. */
export async function readAuditHashesAfter(db: Kysely<Schema>, afterSeq: number, limit: number): Promise<{ seq: number; hash: string }[]> {
  return db.selectFrom('audit_events').select(['seq', 'hash']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

export async function latestCheckpointRow(db: Kysely<Schema>): Promise<CheckpointRow | undefined> {
  return db.selectFrom('checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
}

export async function findCheckpointRow(db: Kysely<Schema>, size: number): Promise<CheckpointRow | undefined> {
  return db.selectFrom('checkpoints').selectAll().where('size', '=', size).executeTakeFirst();
}

/** The newest checkpoint that at least one witness cosigned. */
export async function latestCosignedCheckpointRow(db: Kysely<Schema>): Promise<CheckpointRow | undefined> {
  return db
    .selectFrom('checkpoints')
    .selectAll()
    .where('size', 'in', db.selectFrom('cosignatures').select('checkpoint_size'))
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Stores a checkpoint unless one of that size exists (another instance signed the same tree). */
export async function insertCheckpoint(db: Kysely<Schema>, row: CheckpointRow): Promise<void> {
  await db.insertInto('checkpoints').values(row).onConflict((oc) => oc.column('size').doNothing()).execute();
}

export async function listCosignatures(db: Kysely<Schema>, size: number): Promise<CosignatureRow[]> {
  return db.selectFrom('cosignatures').selectAll().where('checkpoint_size', '=', size).orderBy('created_at').orderBy('public_key').execute();
}

/** Stores a cosignature; a witness that cosigns the same checkpoint again keeps its first one. */
export async function insertCosignature(db: Kysely<Schema>, row: CosignatureRow): Promise<boolean> {
  const result = await db
    .insertInto('cosignatures')
    .values(row)
    .onConflict((oc) => oc.columns(['checkpoint_size', 'public_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
