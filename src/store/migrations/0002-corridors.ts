import type { Kysely, Migration } from 'kysely';

export const corridors: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('org_keys')
      .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id'))
      .addColumn('algorithm', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('private_key_enc', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('corridors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('current_version', 'integer', (c) => c.notNull())
      .addColumn('created_by_org', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // Versions are immutable once written: amendments add a row, nothing updates content.
    await db.schema
      .createTable('corridor_versions')
      .addColumn('corridor_id', 'text', (c) => c.notNull().references('corridors.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('version_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('proposed_at', 'text')
      .addPrimaryKeyConstraint('corridor_versions_pk', ['corridor_id', 'version'])
      .execute();

    await db.schema
      .createTable('corridor_decisions')
      .addColumn('corridor_id', 'text', (c) => c.notNull().references('corridors.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('party_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('signed_at', 'text', (c) => c.notNull())
      .addColumn('signed_payload', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      // One signed decision per party and version: a retry cannot sign twice.
      .addPrimaryKeyConstraint('corridor_decisions_pk', ['corridor_id', 'version', 'party_id'])
      .execute();

    await db.schema
      .createTable('corridor_controls')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('corridor_id', 'text', (c) => c.notNull().references('corridors.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('incident_id', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema.createIndex('corridor_controls_corridor').on('corridor_controls').columns(['corridor_id', 'at']).execute();
  },
};
