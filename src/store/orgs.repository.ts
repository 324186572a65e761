import type { Kysely, Selectable } from 'kysely';
import type { OrgsTable, Schema } from './schema.ts';

export type OrgRow = Selectable<OrgsTable>;

export async function insertOrg(db: Kysely<Schema>, org: OrgRow): Promise<void> {
  await db.insertInto('orgs').values(org).execute();
}

export async function findOrgById(db: Kysely<Schema>, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrgByName(db: Kysely<Schema>, name: string): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Orgs in id order after `afterId`; `limit + 1` rows so the caller can tell whether more follow. */
export async function listOrgs(
  db: Kysely<Schema>,
  options: { afterId?: string | undefined; onlyId?: string | undefined; limit: number },
): Promise<OrgRow[]> {
  let query = db.selectFrom('orgs').selectAll().orderBy('id').limit(options.limit + 1);
  if (options.afterId) query = query.where('id', '>', options.afterId);
  if (options.onlyId) query = query.where('id', '=', options.onlyId);
  return query.execute();
}

export async function countOrgs(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('orgs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  // PostgreSQL returns count(*) as a bigint string.
  return Number(row.n);
}

/** Organisation id → IANA time zone, for showing windows in the parties' own clocks. */
export async function listOrgTimeZones(db: Kysely<Schema>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('orgs').select(['id', 'time_zone']).execute();
  return new Map(rows.map((r) => [r.id, r.time_zone]));
}

export async function listOrgIdsOfKind(db: Kysely<Schema>, kind: string): Promise<Set<string>> {
  const rows = await db.selectFrom('orgs').select('id').where('kind', '=', kind).execute();
  return new Set(rows.map((r) => r.id));
}
