import type { Kysely, Selectable } from 'kysely';
import type { PeopleTable, Schema, SitesTable } from './schema.ts';

export type PersonRecord = Selectable<PeopleTable>;
export type SiteRow = Selectable<SitesTable>;

export async function insertPersonWithKeys(db: Kysely<Schema>, person: PersonRecord, keys: string[]): Promise<void> {
  await db.insertInto('people').values(person).execute();
  if (keys.length > 0) {
    await db
      .insertInto('person_keys')
      .values([...new Set(keys)].map((key) => ({ key, person_id: person.id })))
      .execute();
  }
}

export async function findPerson(db: Kysely<Schema>, id: string): Promise<PersonRecord | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePerson(
  db: Kysely<Schema>,
  id: string,
  changes: Partial<Pick<PersonRecord, 'protection_status' | 'protection_document' | 'consent_tracing' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('people').set(changes).where('id', '=', id).execute();
}

/**
 * People sharing at least one blocking key, optionally of one organisation. `limit` bounds the
 * work for a very common name; the keys are chosen so such blocks stay small.
 */
export async function findCandidates(
  db: Kysely<Schema>,
  keys: string[],
  options: { orgId?: string | undefined; limit: number },
): Promise<PersonRecord[]> {
  if (keys.length === 0) return [];
  let query = db
    .selectFrom('people')
    .selectAll('people')
    .where('people.id', 'in', (sub) => sub.selectFrom('person_keys').select('person_keys.person_id').where('person_keys.key', 'in', keys))
    .limit(options.limit);
  if (options.orgId) query = query.where('people.org_id', '=', options.orgId);
  return query.execute();
}

export async function insertSite(db: Kysely<Schema>, row: SiteRow): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

export async function findSite(db: Kysely<Schema>, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSites(db: Kysely<Schema>): Promise<SiteRow[]> {
  return db.selectFrom('sites').selectAll().orderBy('name').execute();
}
