import type { Kysely, Migration } from 'kysely';
import { birthYearOf, coreNameKeys, nameCore } from '../../domain/names/index.ts';

/** What this migration reads and writes, as it was when it was written. */
interface Tables {
  people: { id: string; given_name: string; family_name: string; birth_date: string | null; name_core: string; birth_year: number };
  name_keys: { key: string; core: string };
}

/**
 * The registry's index on core names (src/domain/names/core.ts): blocking keys are stored once per
 * core name instead of once per person, and people are found by core name and birth year.
 * Replaces person_keys. Existing people are indexed here, with the name code of this release
 * (`safe-passage people reindex` rebuilds the keys after the blocking rules change).
 */
export const nameCores: Migration = {
  async up(schemaDb: Kysely<unknown>): Promise<void> {
    const db = schemaDb as unknown as Kysely<Tables>;
    await db.schema.alterTable('people').addColumn('name_core', 'text', (c) => c.notNull().defaultTo('')).execute();
    // 0 when the birth date is unknown, so that "unknown or one of these years" is one indexed IN.
    await db.schema.alterTable('people').addColumn('birth_year', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema
      .createTable('name_keys')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('core', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('name_keys_pk', ['key', 'core'])
      .execute();

    const cores = new Set<string>();
    for (const person of await db.selectFrom('people').select(['id', 'given_name', 'family_name', 'birth_date']).execute()) {
      const core = nameCore(person.given_name, person.family_name);
      cores.add(core);
      await db.updateTable('people').set({ name_core: core, birth_year: birthYearOf(person.birth_date) }).where('id', '=', person.id).execute();
    }
    for (const core of cores) {
      const keys = coreNameKeys(core);
      if (keys.length === 0) continue;
      await db
        .insertInto('name_keys')
        .values(keys.map((key) => ({ key, core })))
        .onConflict((oc) => oc.columns(['key', 'core']).doNothing())
        .execute();
    }
    await db.schema.createIndex('people_core').on('people').columns(['name_core', 'birth_year']).execute();
    await db.schema.dropTable('person_keys').execute();
  },
};
