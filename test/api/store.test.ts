import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type Database } from '../../src/store/database.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.ts';

describe.each(DIALECTS)('store on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = await openMigratedDatabase(testDb.url);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('migrates an empty database to every table, and migrating again is a no-op', async () => {
    const again = await openMigratedDatabase(testDb.url);
    await again.close();
    for (const table of ['orgs', 'users', 'sessions', 'audit_events', 'audit_head', 'idempotency_keys', 'places'] as const) {
      await expect(database.db.selectFrom(table).selectAll().execute()).resolves.toEqual([]);
    }
  });

  it('enforces foreign keys and unique emails', async () => {
    const user = { id: 'u1', org_id: 'no-such-org', email: 'a@b.test', name: 'A', role: 'viewer', password_hash: 'x', disabled: 0, created_at: '2022-03-05T07:00:00.000Z' };
    await expect(database.db.insertInto('users').values(user).execute()).rejects.toThrow();
    await database.db.insertInto('orgs').values({ id: 'o1', name: 'O', kind: 'agency', time_zone: 'Europe/Kyiv', created_at: user.created_at }).execute();
    await database.db.insertInto('users').values({ ...user, org_id: 'o1' }).execute();
    await expect(database.db.insertInto('users').values({ ...user, id: 'u2', org_id: 'o1' }).execute()).rejects.toThrow();
  });

  it('keeps double-precision coordinates exactly', async () => {
    const lat = 47.83881234567891;
    await database.db.insertInto('places').values({ id: 'p', adm1: null, country: 'UA', lat, lon: 35.1396, names: '{}', aliases: '[]' }).execute();
    const row = await database.db.selectFrom('places').select('lat').where('id', '=', 'p').executeTakeFirstOrThrow();
    expect(row.lat).toBe(lat);
  });

  it.runIf(dialect === 'sqlite')('runs SQLite in WAL mode with foreign keys on and synchronous=FULL', async () => {
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(database.db);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    expect(sync.rows[0]?.synchronous).toBe(2); // 2 = FULL
    expect(fk.rows[0]?.foreign_keys).toBe(1);
  });
});
