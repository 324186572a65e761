import type { Kysely, Selectable } from 'kysely';
import type { AnnouncementsTable, Schema } from './schema.ts';

export type AnnouncementRow = Selectable<AnnouncementsTable>;

/** The corridor's latest automatic announcement: what the public was last told by the system. */
export async function latestAutoAnnouncement(db: Kysely<Schema>, corridorId: string): Promise<AnnouncementRow | undefined> {
  return db
    .selectFrom('announcements')
    .selectAll()
    .where('corridor_id', '=', corridorId)
    .where('seq', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts the row; false when another writer already took its (corridor, seq). */
export async function insertAnnouncement(db: Kysely<Schema>, row: AnnouncementRow): Promise<boolean> {
  const inserted = await db
    .insertInto('announcements')
    .values(row)
    .onConflict((oc) => oc.columns(['corridor_id', 'seq']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function listAnnouncements(db: Kysely<Schema>, options: { corridorId?: string; limit: number }): Promise<AnnouncementRow[]> {
  let query = db.selectFrom('announcements').selectAll();
  if (options.corridorId) query = query.where('corridor_id', '=', options.corridorId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}
