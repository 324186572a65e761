import { sql, type Kysely, type Selectable } from 'kysely';
import type { PeopleTable, Schema, SitesTable } from './schema.ts';

export type PersonRecord = Selectable<PeopleTable>;
export type SiteRow = Selectable<SitesTable>;

/** A person, and the blocking keys of their core name (kept once per core name). */
export async function insertPersonWithKeys(db: Kysely<Schema>, person: PersonRecord, coreKeys: string[]): Promise<void> {
  await db.insertInto('people').values(person).execute();
  await insertNameKeys(db, person.name_core, coreKeys);
}

export async function insertNameKeys(db: Kysely<Schema>, core: string, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .insertInto('name_keys')
    .values([...new Set(keys)].map((key) => ({ key, core })))
    .onConflict((oc) => oc.columns(['key', 'core']).doNothing())
    .execute();
}

export async function findPerson(db: Kysely<Schema>, id: string): Promise<PersonRecord | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePerson(
  db: Kysely<Schema>,
  id: string,
  changes: Partial<Pick<PersonRecord, 'protection_status' | 'protection_document' | 'consent_tracing' | 'site_id' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('people').set(changes).where('id', '=', id).execute();
}

/** A correction's changes to a record, its name included (the caller indexes a new core name). */
export async function updateCorrectedPerson(db: Kysely<Schema>, id: string, changes: Partial<Omit<PersonRecord, 'id' | 'org_id' | 'created_at' | 'created_by'>>): Promise<void> {
  await db.updateTable('people').set(changes).where('id', '=', id).execute();
}

/** A merge's changes to the surviving record (never its name: the name index stays as it is). */
export async function updatePersonFields(
  db: Kysely<Schema>,
  id: string,
  changes: Partial<Omit<PersonRecord, 'id' | 'org_id' | 'given_name' | 'family_name' | 'name_core' | 'created_at' | 'created_by'>>,
): Promise<void> {
  await db.updateTable('people').set(changes).where('id', '=', id).execute();
}

/** The core names indexed under any of these blocking keys (a block holds names, not people). */
export async function findCoreNames(db: Kysely<Schema>, keys: string[], limit: number): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('name_keys').select('core').distinct().where('key', 'in', keys).limit(limit).execute();
  return rows.map((r) => r.core);
}

/** What matching needs of a person, and what a search shows. */
export type CandidateRow = Pick<
  PersonRecord,
  'id' | 'org_id' | 'given_name' | 'family_name' | 'patronymic' | 'birth_date' | 'consent_tracing' | 'site_id' | 'created_at' | 'name_core' | 'household_id'
>;
const CANDIDATE_COLUMNS = ['id', 'org_id', 'given_name', 'family_name', 'patronymic', 'birth_date', 'consent_tracing', 'site_id', 'created_at', 'name_core', 'household_id'] as const;

/**
 * People with one of these core names, optionally only of one organisation and only with one of
 * these birth years (0 = unknown). `limit` bounds the work for a very common name.
 */
export async function findPeopleByCoreNames(
  db: Kysely<Schema>,
  cores: string[],
  options: { orgId?: string | undefined; birthYears?: number[] | undefined; limit: number },
): Promise<CandidateRow[]> {
  if (cores.length === 0) return [];
  let query = db
    .selectFrom('people')
    .select(CANDIDATE_COLUMNS)
    .where('name_core', 'in', cores)
    // Not merged away, written as an expression: as a plain IS NULL, SQLite (no statistics) would
    // walk the people_merged_into index, where every unmerged person matches, instead of people_core.
    .where(sql<string>`coalesce(${sql.ref('merged_into')}, '')`, '=', '')
    .limit(options.limit);
  if (options.birthYears) query = query.where('birth_year', 'in', options.birthYears);
  // Written as an expression so that SQLite, which keeps no statistics here, cannot choose the
  // organisation's index and walk half the registry instead of the few people of these names.
  if (options.orgId) query = query.where(sql<string>`(${sql.ref('org_id')} || '')`, '=', options.orgId);
  return query.execute();
}

/** A household's members (not merged away), optionally of one organisation, in registration order. */
export async function findPeopleInHousehold(db: Kysely<Schema>, householdId: string, orgId: string | undefined): Promise<CandidateRow[]> {
  let query = db.selectFrom('people').select(CANDIDATE_COLUMNS).where('household_id', '=', householdId).where('merged_into', 'is', null);
  if (orgId) query = query.where('org_id', '=', orgId);
  return query.orderBy('created_at').orderBy('id').limit(200).execute();
}

/** The ids of the records merged into this one. */
export async function findMergedIds(db: Kysely<Schema>, id: string): Promise<string[]> {
  return (await db.selectFrom('people').select('id').where('merged_into', '=', id).orderBy('id').execute()).map((r) => r.id);
}

/** Every core name in the registry, for rebuilding the name index. */
export async function listCoreNames(db: Kysely<Schema>): Promise<string[]> {
  return (await db.selectFrom('people').select('name_core').distinct().execute()).map((r) => r.name_core);
}

/** Every person's name fields and stored core name, for recomputing the core names. */
export async function listPeopleCores(db: Kysely<Schema>): Promise<Array<Pick<PersonRecord, 'id' | 'given_name' | 'family_name' | 'name_core'>>> {
  return db.selectFrom('people').select(['id', 'given_name', 'family_name', 'name_core']).execute();
}

export async function setNameCore(db: Kysely<Schema>, id: string, core: string): Promise<void> {
  await db.updateTable('people').set({ name_core: core }).where('id', '=', id).execute();
}

export async function clearNameKeys(db: Kysely<Schema>): Promise<void> {
  await db.deleteFrom('name_keys').execute();
}

export async function insertSite(db: Kysely<Schema>, row: SiteRow): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

export async function updateSite(db: Kysely<Schema>, id: string, changes: Partial<Omit<SiteRow, 'id' | 'org_id' | 'created_at'>>): Promise<void> {
  await db.updateTable('sites').set(changes).where('id', '=', id).execute();
}

export async function findSite(db: Kysely<Schema>, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSites(db: Kysely<Schema>): Promise<SiteRow[]> {
  return db.selectFrom('sites').selectAll().orderBy('name').execute();
}

export type MatchingRow = Pick<PersonRecord, 'id' | 'given_name' | 'family_name' | 'patronymic' | 'birth_date'>;

/** One page of the registry in id order, after `afterId`, for a pass over everyone. */
export async function readPeoplePage(db: Kysely<Schema>, afterId: string, limit: number, orgId?: string): Promise<MatchingRow[]> {
  let query = db
    .selectFrom('people')
    .select(['id', 'given_name', 'family_name', 'patronymic', 'birth_date'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit);
  if (orgId) query = query.where('org_id', '=', orgId);
  return query.execute();
}

/** Which of these PFIF record ids were imported already. */
export async function findImportedRecordIds(db: Kysely<Schema>, recordIds: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  // In slices: SQLite takes at most 32,766 parameters in one statement.
  for (let i = 0; i < recordIds.length; i += 500) {
    const rows = await db.selectFrom('people').select('pfif_record_id').where('pfif_record_id', 'in', recordIds.slice(i, i + 500)).execute();
    for (const r of rows) if (r.pfif_record_id !== null) found.push(r.pfif_record_id);
  }
  return found;
}

export type TracingExportRow = Pick<PersonRecord, 'id' | 'given_name' | 'family_name' | 'patronymic' | 'sex' | 'birth_date' | 'created_at'> & {
  site_name: string | null;
  org_name: string;
};

/** People who consented to tracing, with where and by whom they were registered (a PFIF export's rows), by id. */
export async function listConsentedForTracing(db: Kysely<Schema>): Promise<TracingExportRow[]> {
  return db
    .selectFrom('people')
    .leftJoin('sites', 'sites.id', 'people.site_id')
    .innerJoin('orgs', 'orgs.id', 'people.org_id')
    .select(['people.id', 'people.given_name', 'people.family_name', 'people.patronymic', 'people.sex', 'people.birth_date', 'people.created_at', 'sites.name as site_name', 'orgs.name as org_name'])
    .where('people.consent_tracing', '=', 1)
    .orderBy('people.id')
    .execute();
}
