import type { Kysely, Migration } from 'kysely';
import { familyNameKeys } from '../../domain/registry-search.ts';

/** What this migration reads and writes, as it was when it was written. */
interface Tables {
  people: { id: string; family_name: string; name_core: string };
  sites: { id: string; contact: string; contacts: string | null };
  name_keys: { key: string; core: string };
}

/**
 * Field work on the registry (issue 12):
 * - sites keep their contact details in uk, ru and en (`contacts`, JSON); a site made before
 *   holds its one contact text in all three;
 * - a person merged into another keeps their row, pointing at the record that answers for them;
 * - share grants let another agency put a person on its movement;
 * - cross-organisation duplicate flags, resolved by the mediator's tracing desk;
 * - core names are also found by their family name alone (familyNameKeys).
 */
export const fieldRegistry: Migration = {
  async up(schemaDb: Kysely<unknown>): Promise<void> {
    const db = schemaDb as unknown as Kysely<Tables>;
    await db.schema.alterTable('sites').addColumn('contacts', 'text').execute();
    await db.schema.alterTable('sites').addColumn('updated_at', 'text').execute();
    for (const site of await db.selectFrom('sites').select(['id', 'contact']).execute()) {
      await db
        .updateTable('sites')
        .set({ contacts: JSON.stringify({ uk: site.contact, ru: site.contact, en: site.contact }) })
        .where('id', '=', site.id)
        .execute();
    }

    await db.schema.alterTable('people').addColumn('merged_into', 'text').execute();
    await db.schema.createIndex('people_household').on('people').columns(['household_id']).execute();
    await db.schema.createIndex('people_merged_into').on('people').columns(['merged_into']).execute();

    await db.schema
      .createTable('person_shares')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('owner_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('grantee_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      // Null: any movement of the grantee; else only that one.
      .addColumn('movement_id', 'text', (c) => c.references('movements.id'))
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
      .execute();
    await db.schema.createIndex('person_shares_person').on('person_shares').columns(['person_id', 'grantee_org_id']).execute();

    await db.schema
      .createTable('duplicate_flags')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('other_person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('score', 'double precision', (c) => c.notNull())
      .addColumn('flagged_org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('flagged_at', 'text', (c) => c.notNull())
      .addColumn('flagged_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('resolved_at', 'text')
      .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
      .addColumn('outcome', 'text')
      .execute();
    await db.schema.createIndex('duplicate_flags_pair').unique().on('duplicate_flags').columns(['person_id', 'other_person_id']).execute();

    const seen = new Set<string>();
    for (const person of await db.selectFrom('people').select(['family_name', 'name_core']).execute()) {
      const keys = familyNameKeys(person.family_name).filter((key) => !seen.has(`${key}|${person.name_core}`));
      keys.forEach((key) => seen.add(`${key}|${person.name_core}`));
      if (keys.length === 0) continue;
      await db
        .insertInto('name_keys')
        .values(keys.map((key) => ({ key, core: person.name_core })))
        .onConflict((oc) => oc.columns(['key', 'core']).doNothing())
        .execute();
    }
  },
};
