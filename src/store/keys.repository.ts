import type { Kysely, Selectable } from 'kysely';
import type { OrgKeysTable, Schema } from './schema.ts';

export type OrgKeyRow = Selectable<OrgKeysTable>;

export async function findOrgKey(db: Kysely<Schema>, orgId: string): Promise<OrgKeyRow | undefined> {
  return db.selectFrom('org_keys').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function insertOrgKey(db: Kysely<Schema>, row: OrgKeyRow): Promise<void> {
  await db.insertInto('org_keys').values(row).execute();
}

export async function listOrgKeys(db: Kysely<Schema>): Promise<OrgKeyRow[]> {
  return db.selectFrom('org_keys').selectAll().orderBy('org_id').execute();
}
