import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.ts';
import { openMigratedDatabase } from '../../src/store/database.ts';

describe.each(DIALECTS)('CLI on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('init creates the mediator and its admin on an empty database, and a rerun changes nothing', async () => {
    database = await createTestDatabase(dialect);
    const env = { DATABASE_URL: database.url };
    const args = ['init', '--org', 'Coordination Cell', '--email', 'Chief@Cell.test', '--password', 'chief-password-1'];
    const first = await runCli(args, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/admin chief@cell\.test: created/);
    const second = await runCli(args, env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already present/);

    const db = await openMigratedDatabase(database.url);
    try {
      const orgs = await db.db.selectFrom('orgs').selectAll().execute();
      const users = await db.db.selectFrom('users').selectAll().execute();
      expect(orgs).toMatchObject([{ name: 'Coordination Cell', kind: 'mediator' }]);
      expect(users).toMatchObject([{ email: 'chief@cell.test', role: 'admin' }]);
    } finally {
      await db.close();
    }
    const verify = await runCli(['audit', 'verify'], env);
    expect(verify.stdout.trim()).toBe('2 events, chain intact');
  });

  it('init refuses a short password with a clear message and exit 1, creating nothing', async () => {
    database = await createTestDatabase(dialect);
    const result = await runCli(['init', '--org', 'Cell', '--email', 'a@b.test', '--password', 'short'], { DATABASE_URL: database.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/at least 10 characters/);
    const verify = await runCli(['audit', 'verify'], { DATABASE_URL: database.url });
    expect(verify.stdout.trim()).toBe('0 events, chain intact');
  });

  it('migrate brings an empty database to the current schema, then finds nothing to do', async () => {
    database = await createTestDatabase(dialect);
    const first = await runCli(['migrate'], { DATABASE_URL: database.url });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied: 0001-foundation/);
    const second = await runCli(['migrate'], { DATABASE_URL: database.url });
    expect(second.stdout.trim()).toBe('schema is current');
  });
});

describe('CLI without a database', () => {
  it('explains a bad DATABASE_URL instead of crashing', async () => {
    const result = await runCli(['migrate'], { DATABASE_URL: 'mysql://nowhere' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL must start with/);
  });
});
