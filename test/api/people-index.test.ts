import { Migrator, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.ts';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import { openDatabase, openMigratedDatabase } from '../../src/store/database.ts';

/** The registry's name index (src/domain/names/core.ts) as the operator meets it: migration and CLI. */

const NOW = '2026-11-26T10:00:00.000Z';
const PEOPLE = [
  // id, given, patronymic, family, birth date
  ['p1', 'Олександр', 'Петрович', 'Шевченко', '1956-04-12'],
  ['p2', 'Oleksandr', null, 'Shevchenko', '1956'],
  ['p3', 'Aleksander', null, 'Szewczenko', null],
  ['p4', 'Oleksandra', null, 'Shevchenko', '1956'],
  ['p5', 'Олександр', 'Іванович', 'Шевченко', '1990-01-01'],
  ['p6', 'Марія', null, 'Кравчук', '1970-05-05'],
] as const;

/** A registry with the schema of migration 0005, people included, as an existing deployment has it. */
async function registryBeforeNameIndex(url: string): Promise<void> {
  const database = openDatabase(url);
  try {
    // Raw rows: the typed schema is today's, not 0005's.
    const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0005-people-registry');
    if (error) throw error;
    await db.insertInto('orgs').values({ id: 'o1', name: 'Agency', kind: 'agency', time_zone: 'Europe/Kyiv', created_at: NOW }).execute();
    await db
      .insertInto('users')
      .values({ id: 'u1', org_id: 'o1', email: 'r@agency.test', name: 'Registrar', role: 'registrar', password_hash: 'x', disabled: 0, created_at: NOW })
      .execute();
    for (const [id, given, patronymic, family, birth] of PEOPLE) {
      await db
        .insertInto('people')
        .values({ id, org_id: 'o1', given_name: given, patronymic, family_name: family, birth_date: birth, created_at: NOW, created_by: 'u1', consent_tracing: 0, vulnerabilities: '[]' })
        .execute();
    }
  } finally {
    await database.close();
  }
}

function parsePairs(csv: string): Map<string, number> {
  const [header, ...rows] = csv.trim().split('\n');
  expect(header).toBe('a,b,score');
  return new Map(rows.map((row) => {
    const [a, b, score] = row.split(',');
    return [`${a},${b}`, Number(score)];
  }));
}

describe.each(DIALECTS)('the name index on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('indexes the people of an existing registry when migrating, and the duplicate pass lists their pairs by id only', async () => {
    database = await createTestDatabase(dialect);
    await registryBeforeNameIndex(database.url);
    const migrated = await openMigratedDatabase(database.url);
    try {
      const rows = await migrated.db.selectFrom('people').select(['id', 'name_core', 'birth_year']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'p1', name_core: 'олександр шевченко', birth_year: 1956 },
        { id: 'p2', name_core: 'oleksandr shevchenko', birth_year: 1956 },
        { id: 'p3', name_core: 'aleksander szewczenko', birth_year: 0 },
        { id: 'p4', name_core: 'oleksandra shevchenko', birth_year: 1956 },
        { id: 'p5', name_core: 'олександр шевченко', birth_year: 1990 },
        { id: 'p6', name_core: 'марія кравчук', birth_year: 1970 },
      ]);
      const cores = await migrated.db.selectFrom('name_keys').select('core').distinct().execute();
      expect(cores).toHaveLength(5);
    } finally {
      await migrated.close();
    }

    const result = await runCli(['people', 'duplicates'], { DATABASE_URL: database.url });
    expect(result.code).toBe(0);
    const pairs = parsePairs(result.stdout);
    // The same man in three spellings; not his namesake born in 1990 (p1/p5: another year), not
    // Oleksandra (another sex), not Марія.
    expect([...pairs.keys()].sort()).toEqual(['p1,p2', 'p1,p3', 'p2,p3', 'p3,p5']);
    for (const score of pairs.values()) expect(score).toBeGreaterThanOrEqual(0.75);
    expect(result.stdout + result.stderr).not.toMatch(/shevchenko|шевченко|szewczenko|кравчук/i);
    expect(result.stderr).toMatch(/^6 people, 5 core names: 4 pairs/);

    const own = await runCli(['people', 'duplicates', '--org', 'nobody', '--threshold', '0.9'], { DATABASE_URL: database.url });
    expect(parsePairs(own.stdout).size).toBe(0);
    const bad = await runCli(['people', 'duplicates', '--threshold', '0.3'], { DATABASE_URL: database.url });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/above 0\.5/);
  });

  it('reindex rebuilds lost or outdated blocking keys, exactly as registration wrote them', async () => {
    database = await createTestDatabase(dialect);
    await registryBeforeNameIndex(database.url);
    const migrated = await openMigratedDatabase(database.url);
    const keysBefore = await migrated.db.selectFrom('name_keys').selectAll().orderBy('key').orderBy('core').execute();
    await migrated.db.deleteFrom('name_keys').execute();
    await migrated.db.insertInto('name_keys').values({ key: 'stale', core: 'олександр шевченко' }).execute();
    await migrated.close();

    const result = await runCli(['people', 'reindex'], { DATABASE_URL: database.url });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('5 core names indexed');
    const reopened = await openMigratedDatabase(database.url);
    try {
      expect(await reopened.db.selectFrom('name_keys').selectAll().orderBy('key').orderBy('core').execute()).toEqual(keysBefore);
    } finally {
      await reopened.close();
    }
  });

  it('reindex recomputes core names written by an older release: a compound surname keeps its hyphen', async () => {
    database = await createTestDatabase(dialect);
    await registryBeforeNameIndex(database.url);
    const migrated = await openMigratedDatabase(database.url);
    // As releases before 2026-12 stored it: the hyphen read as a space, so that "гнаткевич" was
    // taken for a patronymic whenever the core name was analysed.
    await migrated.db
      .insertInto('people')
      .values({ id: 'p7', org_id: 'o1', given_name: 'Галина', patronymic: 'Іванівна', family_name: 'Гнаткевич-Бондаренко', birth_date: null, created_at: NOW, created_by: 'u1', updated_at: NOW, consent_tracing: 0, vulnerabilities: '[]', name_core: 'галина гнаткевич бондаренко', birth_year: 0 })
      .execute();
    await migrated.close();

    expect((await runCli(['people', 'reindex'], { DATABASE_URL: database.url })).stdout.trim()).toBe('6 core names indexed');
    const reopened = await openMigratedDatabase(database.url);
    try {
      expect(await reopened.db.selectFrom('people').select('name_core').where('id', '=', 'p7').executeTakeFirstOrThrow()).toEqual({ name_core: 'галина гнаткевич-бондаренко' });
      expect(await reopened.db.selectFrom('name_keys').select('core').where('core', '=', 'галина гнаткевич бондаренко').execute()).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});
