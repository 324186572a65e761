import type { Kysely, Selectable } from 'kysely';
import type { IdempotencyKeysTable, Schema } from './schema.ts';

export type IdempotencyRow = Selectable<IdempotencyKeysTable>;

export async function findIdempotencyKey(
  db: Kysely<Schema>,
  scope: string,
  key: string,
): Promise<IdempotencyRow | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
}

/** Claims the key for a request in progress; false when another request already holds it. */
export async function claimIdempotencyKey(
  db: Kysely<Schema>,
  row: Pick<IdempotencyRow, 'scope' | 'key' | 'request_hash' | 'created_at'>,
): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ ...row, status_code: null, content_type: null, response_body: null })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function completeIdempotencyKey(
  db: Kysely<Schema>,
  scope: string,
  key: string,
  response: { statusCode: number; contentType: string | null; body: string },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: response.statusCode, content_type: response.contentType, response_body: response.body })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}

export async function releaseIdempotencyKey(db: Kysely<Schema>, scope: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
}

export async function deleteIdempotencyKeysBefore(db: Kysely<Schema>, cutoffIso: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', cutoffIso).execute();
}
