import type { Kysely, Migration } from 'kysely';

/**
 * The tracing desk's reason for resolving a "possibly registered by another organisation" flag
 * (issue 12 #4): audit payloads are hashed, never stored, so the reason is kept with the flag.
 */
export const flagReasons: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('duplicate_flags').addColumn('resolution_reason', 'text').execute();
  },
};
