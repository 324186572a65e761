import type { Kysely, Migration } from 'kysely';

/** The people registry: full registration, sites (gathering points, reception centres), name keys. */
export const peopleRegistry: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('sites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision')
      .addColumn('lon', 'double precision')
      .addColumn('contact', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    // One column at a time: SQLite adds a single column per ALTER TABLE.
    const columns: [string, 'text' | 'integer'][] = [
      ['patronymic', 'text'],
      ['sex', 'text'],
      ['vulnerabilities', 'text'],
      ['household_id', 'text'],
      ['site_id', 'text'],
      ['consent_tracing', 'integer'],
      ['protection_status', 'text'],
      ['protection_document', 'text'],
      ['updated_at', 'text'],
      // The record id of a person imported from another PFIF repository, so a re-import adds nothing.
      ['pfif_record_id', 'text'],
    ];
    for (const [name, type] of columns) {
      await db.schema.alterTable('people').addColumn(name, type).execute();
    }

    await db.schema.createIndex('people_pfif_record_id').on('people').column('pfif_record_id').unique().execute();

    // Blocking keys: a person is found through a few short phonetic keys of the name, so a search
    // among a million records reads one small block, not the whole registry.
    await db.schema
      .createTable('person_keys')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addPrimaryKeyConstraint('person_keys_pk', ['key', 'person_id'])
      .execute();
    await db.schema.createIndex('person_keys_person').on('person_keys').column('person_id').execute();
  },
};
