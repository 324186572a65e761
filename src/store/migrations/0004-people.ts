import type { Kysely, Migration } from 'kysely';

/** A minimal registry of people, for passenger manifests; the people capability extends it. */
export const people: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('given_name', 'text', (c) => c.notNull())
      .addColumn('family_name', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema.createIndex('people_org').on('people').column('org_id').execute();

    await db.schema
      .createTable('movement_passengers')
      .addColumn('movement_id', 'text', (c) => c.notNull().references('movements.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('boarded_at', 'text')
      .addColumn('arrived_at', 'text')
      .addPrimaryKeyConstraint('movement_passengers_pk', ['movement_id', 'person_id'])
      .execute();
  },
};
