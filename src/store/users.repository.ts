import type { Kysely, Selectable } from 'kysely';
import type { Schema, UsersTable } from './schema.ts';

export type UserRow = Selectable<UsersTable>;

export async function insertUser(db: Kysely<Schema>, user: UserRow): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function findUserByEmail(db: Kysely<Schema>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Kysely<Schema>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUsersByIds(db: Kysely<Schema>, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

export async function listUsers(
  db: Kysely<Schema>,
  options: { orgId?: string | undefined; afterId?: string | undefined; limit: number },
): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll().orderBy('id').limit(options.limit + 1);
  if (options.orgId) query = query.where('org_id', '=', options.orgId);
  if (options.afterId) query = query.where('id', '>', options.afterId);
  return query.execute();
}
