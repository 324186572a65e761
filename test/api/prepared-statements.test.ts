import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/store/database.ts';
import { precompiled } from '../../src/store/precompiled.ts';
import { createTestDatabase } from '../helpers/databases.ts';

const ORG_NAME = precompiled((db, id: string) => db.selectFrom('orgs').select('name').where('id', '=', id));

describe.runIf(process.env.TEST_DATABASE_URL)('precompiled queries on PostgreSQL', () => {
  it('run as one named prepared statement per connection, with each call’s own arguments, and other SQL unnamed', async () => {
    const database = await createTestDatabase('postgres');
    const { db, close } = openDatabase(database.url);
    try {
      await migrateToLatest(db);
      await db
        .insertInto('orgs')
        .values([
          { id: 'o1', kind: 'mediator', name: 'Mediator', time_zone: 'Europe/Kyiv', created_at: '2022-03-01T00:00:00.000Z' },
          { id: 'o2', kind: 'agency', name: 'Агенція', time_zone: 'Europe/Kyiv', created_at: '2022-03-01T00:00:00.000Z' },
        ])
        .execute();
      // One transaction is one connection: the statements it prepared are visible to it.
      const seen = await db.transaction().execute(async (trx) => {
        const names = [await ORG_NAME.first(trx, 'o1'), await ORG_NAME.first(trx, 'o2'), await ORG_NAME.first(trx, 'nobody')];
        await trx.selectFrom('orgs').select('id').where('id', '=', 'o1').execute();
        const prepared = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
        return { names, prepared: prepared.rows };
      });
      expect(seen.names).toEqual([{ name: 'Mediator' }, { name: 'Агенція' }, undefined]);
      const ours = seen.prepared.filter((p) => p.statement.includes('"orgs"'));
      expect(ours).toHaveLength(1);
      expect(ours[0]!.name).toMatch(/^sp_precompiled_\d+$/);
      expect(ours[0]!.statement).toContain('select "name" from "orgs"');
    } finally {
      await close();
      await database.drop();
    }
  });
});
