import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** Counts one more hit in the bucket's window and returns the count (atomic on both databases). */
export async function countHit(db: Kysely<Schema>, bucket: string, window: number): Promise<number> {
  const row = await db
    .insertInto('rate_windows')
    .values({ bucket, window, count: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window']).doUpdateSet({ count: sql<number>`rate_windows.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Prefixes are words and hex digests (no LIKE wildcards in them). How many buckets starting with the prefix have a row in the window (distinct things asked). */
export async function countBuckets(db: Kysely<Schema>, prefix: string, window: number): Promise<number> {
  const row = await db
    .selectFrom('rate_windows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('window', '=', window)
    .where('bucket', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Forgets windows that ended before `window` for buckets of the prefix (the table stays small). */
export async function deleteWindowsBefore(db: Kysely<Schema>, prefix: string, window: number): Promise<void> {
  await db.deleteFrom('rate_windows').where('window', '<', window).where('bucket', 'like', `${prefix}%`).execute();
}

/** The bucket's count in the window, without counting (0 when it has no row). */
export async function readCount(db: Kysely<Schema>, bucket: string, window: number): Promise<number> {
  const row = await db.selectFrom('rate_windows').select('count').where('bucket', '=', bucket).where('window', '=', window).executeTakeFirst();
  return row ? Number(row.count) : 0;
}
