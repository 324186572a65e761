import type { Kysely, Selectable } from 'kysely';
import { precompiled } from './precompiled.ts';
import type { OrgsTable, Schema, SessionsTable, UsersTable } from './schema.ts';

export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(db: Kysely<Schema>, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export interface SessionWithUser {
  user: Selectable<UsersTable>;
  org: Selectable<OrgsTable>;
  expiresAt: string;
}

// Every authenticated request runs it: compiled once (store/precompiled.ts).
const FIND_LIVE_SESSION = precompiled((db, tokenHash: string, nowIso: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'sessions.expires_at',
      'users.id as user_id',
      'users.org_id',
      'users.email',
      'users.name as user_name',
      'users.role',
      'users.password_hash',
      'users.disabled',
      'users.created_at as user_created_at',
      'orgs.name as org_name',
      'orgs.kind',
      'orgs.time_zone',
      'orgs.created_at as org_created_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', nowIso),
);

/** The live session for a token hash with its user and org, or undefined when expired or unknown. */
export async function findLiveSession(
  db: Kysely<Schema>,
  tokenHash: string,
  nowIso: string,
): Promise<SessionWithUser | undefined> {
  const row = await FIND_LIVE_SESSION.first(db, tokenHash, nowIso);
  if (!row) return undefined;
  return {
    expiresAt: row.expires_at,
    user: {
      id: row.user_id,
      org_id: row.org_id,
      email: row.email,
      name: row.user_name,
      role: row.role,
      password_hash: row.password_hash,
      disabled: row.disabled,
      created_at: row.user_created_at,
    },
    org: { id: row.org_id, name: row.org_name, kind: row.kind, time_zone: row.time_zone, created_at: row.org_created_at },
  };
}

export async function deleteSession(db: Kysely<Schema>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<Schema>, nowIso: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
}
