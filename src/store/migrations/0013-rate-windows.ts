import type { Kysely, Migration } from 'kysely';

/**
 * Limits every instance shares (issue 14 #6): one row per bucket (a tracing target, an address,
 * everyone) and window, counted up in place. Old windows are deleted as new ones are counted.
 */
export const rateWindows: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('rate_windows')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('window', 'bigint', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rate_windows_pk', ['bucket', 'window'])
      .execute();
    await db.schema.createIndex('rate_windows_window').on('rate_windows').column('window').execute();
  },
};
