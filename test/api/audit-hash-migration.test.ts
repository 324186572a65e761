import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/services/audit.service.ts';
import { appendAuditEvents, readAuditEvents } from '../../src/store/audit.repository.ts';
import { migrateToLatest, openDatabase, type Database } from '../../src/store/database.ts';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.ts';

/**
 * Migration 0022 drops the unique index on audit_events.hash (a random key: every append rewrote
 * a random page of it). The chain must come through unchanged and go on growing after it.
 */

async function allEvents(database: Database) {
  const events = [];
  for await (const event of readAuditEvents(database.db)) events.push(event);
  return events;
}

/** The indexes on audit_events that cover `hash`, by name. */
async function hashIndexes(database: Database): Promise<string[]> {
  if (database.dialect === 'postgres') {
    const { rows } = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'audit_events' and indexdef like '%(hash)%'`.execute(database.db);
    return rows.map((r) => r.indexname);
  }
  const { rows: indexes } = await sql<{ name: string }>`select name from pragma_index_list('audit_events')`.execute(database.db);
  const covering: string[] = [];
  for (const { name } of indexes) {
    const { rows: columns } = await sql<{ name: string }>`select name from pragma_index_info(${name})`.execute(database.db);
    if (columns.some((c) => c.name === 'hash')) covering.push(name);
  }
  return covering;
}

const event = (i: number) => ({
  at: `2022-03-07T10:00:0${i}.000Z`,
  actorUserId: 'u',
  actorOrgId: 'o',
  action: 'movement.checkin',
  subjectType: 'movement',
  subjectId: `m${i % 2}`,
  payloadHash: String(i).repeat(64).slice(0, 64),
});

describe.each(DIALECTS)('migration 0022 (audit hash unindexed) on %s', (dialect) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.drop();
    test = undefined;
  });

  it('keeps every event and its seq, drops the index on hash, and the chain verifies and grows after it', async () => {
    test = await createTestDatabase(dialect);
    const database = openDatabase(test.url);
    try {
      const { error } = await new Migrator({ db: database.db, provider: migrationProvider }).migrateTo('0021-raw-decision-keys');
      if (error) throw error;
      await database.db.transaction().execute((trx) => appendAuditEvents(trx, [0, 1, 2, 3].map(event)));
      const before = await allEvents(database);
      expect(before).toHaveLength(4);
      expect(await hashIndexes(database)).toHaveLength(1);

      expect(await migrateToLatest(database.db)).toEqual(['0022-audit-hash-unindexed']);

      expect(await allEvents(database)).toEqual(before);
      expect(await hashIndexes(database)).toEqual([]);
      expect(await verifyAuditLog(database)).toMatchObject({ ok: true, count: 4, headHash: before[3]!.hash });
      await database.db.transaction().execute((trx) => appendAuditEvents(trx, [4, 5].map(event)));
      expect((await allEvents(database)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(await verifyAuditLog(database)).toMatchObject({ ok: true, count: 6 });
      // The subject index is still there: the evidence reads events by subject.
      const plan = dialect === 'sqlite' ? await sql<{ detail: string }>`explain query plan select * from audit_events where subject_type = 'movement' and subject_id = 'm1'`.execute(database.db) : null;
      if (plan) expect(plan.rows.map((r) => r.detail).join(' ')).toContain('audit_events_subject');
    } finally {
      await database.close();
    }
  });
});
