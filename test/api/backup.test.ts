import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../src/store/database.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.ts';

async function countsOf(url: string): Promise<{ orgs: number; users: number; audit: number }> {
  const db = await openMigratedDatabase(url);
  try {
    const count = async (table: 'orgs' | 'users' | 'audit_events') =>
      Number((await db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { orgs: await count('orgs'), users: await count('users'), audit: await count('audit_events') };
  } finally {
    await db.close();
  }
}

describe.each(DIALECTS)('safe-passage backup and restore on %s', (dialect) => {
  const made: TestDatabase[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-passage-backup-'));
  afterEach(async () => {
    for (const database of made.splice(0)) await database.drop();
  });

  it('restores a backup into an empty database: the data is there and the audit chain verifies', { timeout: 120_000 }, async () => {
    const source = await createTestDatabase(dialect);
    const target = await createTestDatabase(dialect);
    made.push(source, target);
    const env = { DATABASE_URL: source.url };
    const init = await runCli(['init', '--org', 'Coordination Cell', '--email', 'chief@cell.test', '--password', 'long-enough-1'], env);
    expect(init.code, init.stderr).toBe(0);
    const before = await countsOf(source.url);
    expect(before).toMatchObject({ orgs: 1, users: 1 });
    expect(before.audit).toBeGreaterThan(0);

    const file = path.join(dir, `${dialect}.backup`);
    const backup = await runCli(['backup', file], env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(0);

    const restore = await runCli(['restore', file], { DATABASE_URL: target.url });
    expect(restore.code, restore.stderr).toBe(0);
    expect(await countsOf(target.url)).toEqual(before);
    const verify = await runCli(['audit', 'verify'], { DATABASE_URL: target.url });
    expect(verify.code).toBe(0);
    expect(verify.stdout.trim()).toBe(`${before.audit} events, chain intact`);
  });

  it('refuses a missing backup file with exit 1 and a clear message', async () => {
    const target = await createTestDatabase(dialect);
    made.push(target);
    const result = await runCli(['restore', path.join(dir, 'nowhere.backup')], { DATABASE_URL: target.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no backup file/);
  });
});
