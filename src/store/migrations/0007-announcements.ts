import type { Kysely, Migration } from 'kysely';

/**
 * Announcements to the public: one automatic row per public status change of a corridor (and per
 * agreed version), and any the mediator writes by hand. `seq` numbers a corridor's automatic
 * announcements; being unique, it lets several instances that see the same change at once write
 * it only once (the loser's insert does nothing). Manual rows have no seq.
 */
export const announcements: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('announcements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('corridor_id', 'text', (c) => c.notNull().references('corridors.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer')
      .addColumn('texts', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .execute();
    await db.schema.createIndex('announcements_auto_seq').unique().on('announcements').columns(['corridor_id', 'seq']).execute();
    await db.schema.createIndex('announcements_created').on('announcements').columns(['created_at', 'id']).execute();
  },
};
