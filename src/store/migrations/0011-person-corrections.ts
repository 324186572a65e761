import type { Kysely, Migration } from 'kysely';

/**
 * A registered person's record corrected after registration (issue 13 point 7): each correction
 * is a row with who, when and why, and each changed field's value before and after, so that it
 * can be undone; its audit event holds only a hash. The values are the record's own personal data
 * and are read only by the registering organisation, like the record.
 */
export const personCorrections: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('person_corrections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      // JSON {field: {from, to}} for the fields this correction changed.
      .addColumn('changes', 'text', (c) => c.notNull())
      // The correction this one takes back, and the one that took this back.
      .addColumn('undoes', 'text')
      .addColumn('undone_by', 'text')
      .execute();
    await db.schema.createIndex('person_corrections_person').on('person_corrections').columns(['person_id', 'at']).execute();
  },
};
