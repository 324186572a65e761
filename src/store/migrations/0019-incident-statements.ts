import type { Kysely, Migration } from 'kysely';

/**
 * Incidents complete (issue 11 #1, #2): each party's signed statement on an incident, the
 * corridors and movements an incident touched when it was reported, and who cleared a hazard.
 */
export const incidentStatements: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('incident_statements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
      .addColumn('party_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      // The party's own words exactly as signed: never trimmed, translated or edited.
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('text_hash', 'text', (c) => c.notNull())
      .addColumn('signed_at', 'text', (c) => c.notNull())
      .addColumn('signed_payload', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull().references('party_keys.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // One statement per party and signing time: the same signed request sent twice is one statement.
    await db.schema.createIndex('incident_statements_unique').on('incident_statements').columns(['incident_id', 'party_id', 'signed_at']).unique().execute();

    await db.schema
      .createTable('incident_effects')
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('distance_meters', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_effects_pk', ['incident_id', 'subject_type', 'subject_id'])
      .execute();
    // The evidence bundle asks the other way round: which incidents touched this corridor.
    await db.schema.createIndex('incident_effects_subject').on('incident_effects').columns(['subject_type', 'subject_id']).execute();

    await db.schema.alterTable('incidents').addColumn('cleared_by', 'text').execute();
    await db.schema.alterTable('incidents').addColumn('cleared_note', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('incident_effects').execute();
    await db.schema.dropTable('incident_statements').execute();
    await db.schema.alterTable('incidents').dropColumn('cleared_note').execute();
    await db.schema.alterTable('incidents').dropColumn('cleared_by').execute();
  },
};
