/**
 * People at scale (issue 5 point 5): N generated people in the registry, then
 *   (a) search latency through `searchPeople`, (b) registration (duplicate check + insert) through
 *   `registerPerson`, (c) a full duplicate pass over the blocking keys, (d) start-up (`createApp`).
 *
 *   npx tsx bench/people-scale.bench.ts [--db sqlite|postgres] [--people 1000000] [--queries 1000]
 *        [--registrations N] [--seed 42] [--keep] [--cpu-prof DIR] [--searches-only]
 *
 * The load writes straight into `people` and `name_keys` (the blocking keys of each new core name)
 * in big transactions, bypassing the API and the per-row audit: it is setup, not what is measured.
 * PostgreSQL: TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; a database of its own
 * is created and dropped (unless --keep).
 * For a million people give node room: NODE_OPTIONS=--max-old-space-size=8192.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { fakerRU, fakerUK, type Faker } from '@faker-js/faker';
import { createTestDatabase } from '../test/helpers/databases.ts';
import { createApp, createContext } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { Actor } from '../src/domain/identity.ts';
import { fullName } from '../src/domain/person.ts';
import { birthYearOf, blockingKeysPrepared, coreNameKeys, nameCore, prepareName } from '../src/domain/names/index.ts';
import { ensureOrg, ensureUser } from '../src/services/identity.service.ts';
import { newId } from '../src/services/ids.ts';
import { possibleDuplicates, registerPerson, searchPeople } from '../src/services/people.service.ts';
import { findRegistryDuplicates } from '../src/services/registry-index.service.ts';
import { findCoreNames, findPeopleByCoreNames } from '../src/store/people-registry.repository.ts';
import type { DialectName } from '../src/store/database.ts';
import { startWindowProfile } from './window-profile.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    people: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    keep: { type: 'boolean', default: false },
    /** Registrations measured (default --queries); each costs a candidate query that grows with N. */
    registrations: { type: 'string' },
    /** A CPU profile of the measured searches only, written into this folder. */
    'cpu-prof': { type: 'string' },
    /** Stop after the searches: for profiling, without the pass. */
    'searches-only': { type: 'boolean', default: false },
  },
});
const dialect = args.db as DialectName;
const N = Number(args.people);
const QUERIES = Number(args.queries);
const SEED = Number(args.seed);
const REGS = Number(args.registrations ?? args.queries);
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

// ---------------------------------------------------------------- randomness and names

let rngState = SEED >>> 0;
/** mulberry32: reproducible draws for the million; faker (seeded) provides the name pools. */
function rand(): number {
  rngState = (rngState + 0x6d2b79f5) >>> 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
/** Skewed toward the front of a pool: a few very common names, a long tail (≈1% for the first). */
const zipfPick = <T>(xs: readonly T[], k = 1.5): T => xs[Math.floor(Math.pow(rand(), k) * xs.length)] as T;

type Sex = 'male' | 'female';
interface Pools {
  given: Record<Sex, string[]>;
  middle: Record<Sex, string[]>;
  last: Record<Sex, string[]>;
}
function pools(f: Faker): Pools {
  f.seed(SEED);
  const collect = (draw: () => string): string[] => {
    const set = new Set<string>();
    for (let i = 0; i < 20000; i++) set.add(draw());
    // Shuffled with the seeded faker, so which names are "common" does not follow the alphabet.
    return f.helpers.shuffle([...set]);
  };
  const bySex = (fn: (s: Sex) => string): Record<Sex, string[]> => ({ male: collect(() => fn('male')), female: collect(() => fn('female')) });
  return { given: bySex((s) => f.person.firstName(s)), middle: bySex((s) => f.person.middleName(s)), last: bySex((s) => f.person.lastName(s)) };
}
const POOLS = { uk: pools(fakerUK), ru: pools(fakerRU) };

const UK: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', "'": '', '’': '',
};
const UK_INITIAL: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };
const RU: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const RU_INITIAL: Record<string, string> = { е: 'ye' };
/** KMU 2010 for Ukrainian, BGN/PCGN-like for Russian (simplified). */
function translit(word: string, lang: 'uk' | 'ru'): string {
  const table = lang === 'uk' ? UK : RU;
  const initial = lang === 'uk' ? UK_INITIAL : RU_INITIAL;
  let out = '';
  [...word.toLowerCase()].forEach((ch, i) => {
    out += (i === 0 ? initial[ch] : undefined) ?? table[ch] ?? ch;
  });
  return out.charAt(0).toUpperCase() + out.slice(1);
}
/** One typo: substitution by a neighbouring letter, deletion, transposition or doubling (not the first letter). */
function typo(word: string): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(rand() * (word.length - 2));
  const alphabet = /[а-яіїєґ]/i.test(word) ? 'абвгдеєжзиіїйклмнопрстуфхцчшщьюя' : 'abcdefghijklmnoprstuvyz';
  switch (Math.floor(rand() * 4)) {
    case 0:
      return word.slice(0, i) + pick([...alphabet]) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
    default:
      return word.slice(0, i) + (word[i] ?? '') + word.slice(i);
  }
}

interface Gen {
  lang: 'uk' | 'ru';
  sex: Sex;
  given: string;
  middle: string | null;
  last: string;
  latin: boolean;
  birthDate: string | null;
}
function written(p: Gen, latin = p.latin): { givenName: string; patronymic: string | null; familyName: string } {
  const w = (s: string): string => (latin ? translit(s, p.lang) : s);
  return { givenName: w(p.given), patronymic: p.middle === null ? null : w(p.middle), familyName: w(p.last) };
}
function newGen(): Gen {
  const lang = rand() < 0.7 ? 'uk' : 'ru';
  const sex: Sex = rand() < 0.5 ? 'male' : 'female';
  const pool = POOLS[lang];
  const y = 1935 + Math.floor(rand() * 90);
  const m = 1 + Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  const r = rand();
  const birthDate = r < 0.8 ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : r < 0.9 ? String(y) : null;
  return { lang, sex, given: zipfPick(pool.given[sex]), middle: rand() < 0.6 ? zipfPick(pool.middle[sex]) : null, last: zipfPick(pool.last[sex]), latin: rand() < 0.25, birthDate };
}
/** The same person re-registered: the other script, a typo, or a year-only birth date. */
function variantOf(p: Gen): { gen: Gen; names: ReturnType<typeof written>; kind: string } {
  const r = rand();
  if (r < 0.4) {
    const gen = { ...p, latin: !p.latin };
    return { gen, names: written(gen), kind: 'script' };
  }
  if (r < 0.75) {
    const names = written(p);
    if (rand() < 0.7) names.familyName = typo(names.familyName);
    else names.givenName = typo(names.givenName);
    return { gen: p, names, kind: 'typo' };
  }
  const gen = { ...p, birthDate: p.birthDate ? p.birthDate.slice(0, 4) : null };
  return { gen, names: written(gen), kind: 'year-only' };
}

// ---------------------------------------------------------------- helpers

function stats(samples: number[]): { p50: number; p95: number; p99: number; max: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN;
  const r = (x: number): number => Math.round(x * 100) / 100;
  return { p50: r(q(0.5)), p95: r(q(0.95)), p99: r(q(0.99)), max: r(s[s.length - 1] ?? NaN), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const log = (...xs: unknown[]): void => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...xs);

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  log(`people-scale: db=${dialect} people=${N} queries=${QUERIES} seed=${SEED}; node ${process.version}, ${os.cpus().length} cpus`);
  const testDb = await createTestDatabase(dialect);
  const config: Config = { ...loadConfig({}), databaseUrl: testDb.url, logLevel: 'warn', serverKey: randomBytes(32).toString('base64'), schedulerIntervalMs: 0 };
  const context = await createContext(config);
  const { ctx } = context;
  const mediator = (await ensureOrg(ctx, { name: 'Bench Mediator', kind: 'mediator' })).row;
  const user = await ensureUser(ctx, mediator, { email: 'registrar@bench.example', name: 'Bench Registrar', password: 'bench-password-1', role: 'registrar' });
  const actor: Actor = { userId: user.id, orgId: mediator.id, orgKind: 'mediator', role: 'registrar' };
  // Three agencies hold the other half of the registry (registration checks only its own org).
  const orgIds = [mediator.id, mediator.id, mediator.id];
  for (let i = 0; i < 3; i++) orgIds.push((await ensureOrg(ctx, { name: `Bench Agency ${i}`, kind: 'agency' })).row.id);

  // ---- generate + load
  const gens: Gen[] = [];
  const ids: string[] = [];
  const orgOf: string[] = [];
  const planted: [number, number, string][] = [];
  const nowIso = new Date().toISOString();
  let keyRows = 0;
  const cores = new Set<string>();
  let prepMs = 0;
  const tLoad = process.hrtime.bigint();
  const BATCH = 10000;
  let sqlite: SqliteDatabase.Database | undefined;
  let pool: pg.Pool | undefined;
  let insertBatch: (people: unknown[][], keys: [string, string][]) => Promise<void>;
  const COLS = ['id', 'org_id', 'given_name', 'family_name', 'birth_date', 'created_at', 'created_by', 'patronymic', 'sex', 'vulnerabilities', 'household_id', 'site_id', 'consent_tracing', 'protection_status', 'protection_document', 'updated_at', 'pfif_record_id', 'name_core', 'birth_year'];
  if (dialect === 'sqlite') {
    sqlite = new SqliteDatabase(testDb.url.slice('sqlite:'.length));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    const insP = sqlite.prepare(`insert into people (${COLS.join(',')}) values (${COLS.map(() => '?').join(',')})`);
    const insK = sqlite.prepare('insert or ignore into name_keys (key, core) values (?, ?)');
    const tx = sqlite.transaction((people: unknown[][], keys: [string, string][]) => {
      for (const p of people) insP.run(...p);
      for (const k of keys) insK.run(...k);
    });
    insertBatch = async (people, keys) => tx(people, keys);
  } else {
    pool = new pg.Pool({ connectionString: testDb.url, max: 2 });
    const multi = async (client: pg.PoolClient, table: string, cols: string[], rows: unknown[][], per: number): Promise<void> => {
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const params: unknown[] = [];
        const tuples = chunk.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(',')})`);
        await client.query(`insert into ${table} (${cols.join(',')}) values ${tuples.join(',')}`, params);
      }
    };
    insertBatch = async (people, keys) => {
      const client = await pool!.connect();
      try {
        await client.query('begin');
        await multi(client, 'people', COLS, people, 2000);
        await multi(client, 'name_keys', ['key', 'core'], keys, 10000);
        await client.query('commit');
      } finally {
        client.release();
      }
    };
  }
  let peopleBatch: unknown[][] = [];
  let keysBatch: [string, string][] = [];
  for (let i = 0; i < N; i++) {
    let gen: Gen;
    let names: ReturnType<typeof written>;
    if (i > 100 && rand() < 0.03) {
      let j = Math.floor(rand() * i);
      while (planted.length > 0 && gens[j] === undefined) j = Math.floor(rand() * i);
      const v = variantOf(gens[j]!);
      gen = v.gen;
      names = v.names;
      planted.push([j, i, v.kind]);
    } else {
      gen = newGen();
      names = written(gen);
    }
    gens.push(gen);
    const id = newId();
    ids.push(id);
    // A duplicate is registered in the same organisation as the first registration.
    const org = planted.length > 0 && planted[planted.length - 1]![1] === i ? orgOf[planted[planted.length - 1]![0]]! : pick(orgIds);
    orgOf.push(org);
    const tp = process.hrtime.bigint();
    const core = nameCore(names.givenName, names.familyName);
    // Keys are kept once per core name, as registerPerson keeps them.
    const keys = cores.has(core) ? [] : [...new Set(coreNameKeys(core))];
    cores.add(core);
    prepMs += ms(tp);
    peopleBatch.push([id, org, names.givenName, names.familyName, gen.birthDate, nowIso, user.id, names.patronymic, gen.sex, '[]', null, null, 1, null, null, nowIso, null, core, birthYearOf(gen.birthDate)]);
    for (const k of keys) keysBatch.push([k, core]);
    keyRows += keys.length;
    if (peopleBatch.length === BATCH || i === N - 1) {
      await insertBatch(peopleBatch, keysBatch);
      peopleBatch = [];
      keysBatch = [];
      if ((i + 1) % 100000 === 0) log(`  loaded ${i + 1}`);
    }
  }
  if (pool) await pool.query('analyze');
  sqlite?.close();
  await pool?.end();
  const loadMs = ms(tLoad);
  log(`load: ${N} people, ${cores.size} core names, ${keyRows} key rows (${(keyRows / cores.size).toFixed(2)}/core name), ${planted.length} planted duplicates in ${(loadMs / 1000).toFixed(1)} s (name preparation + keys ${(prepMs / 1000).toFixed(1)} s)`);

  // ---- queries
  const queryFor = (): { name: string; birthDate?: string } => {
    const p = gens[Math.floor(rand() * gens.length)]!;
    const r = rand();
    const names = r < 0.4 ? written(p) : r < 0.7 ? written(p, !p.latin) : variantOf(p).names;
    const q: { name: string; birthDate?: string } = { name: fullName(names) };
    if (p.birthDate && rand() < 0.5) q.birthDate = p.birthDate;
    return q;
  };
  const searches = Array.from({ length: QUERIES }, queryFor);
  for (let i = 0; i < 100; i++) await searchPeople(ctx, actor, queryFor());
  const searchMs: number[] = [];
  let hits = 0;
  const profile = args['cpu-prof'] === undefined ? undefined : await startWindowProfile();
  for (const q of searches) {
    const t = process.hrtime.bigint();
    const r = await searchPeople(ctx, actor, q);
    searchMs.push(ms(t));
    hits += r.items.length;
  }
  const search = stats(searchMs);
  log('search (searchPeople, all orgs):', search, `mean results ${(hits / QUERIES).toFixed(1)}`);
  if (profile) log('profile:', await profile.stop(args['cpu-prof']!, 'people-search'));
  if (args['searches-only']) {
    await context.close();
    if (!args.keep) await testDb.drop();
    return;
  }
  // Breakdown: the two queries alone (all organisations), with how many core names and people they return.
  const coreMs: number[] = [];
  const coreCounts: number[] = [];
  const peopleMs: number[] = [];
  const peopleCounts: number[] = [];
  for (const q of searches) {
    const keys = blockingKeysPrepared(prepareName(q.name));
    let t = process.hrtime.bigint();
    const found = await findCoreNames(ctx.db, keys, 5000);
    coreMs.push(ms(t));
    coreCounts.push(found.length);
    t = process.hrtime.bigint();
    const rows = await findPeopleByCoreNames(ctx.db, found, { limit: 5000 });
    peopleMs.push(ms(t));
    peopleCounts.push(rows.length);
  }
  log('  findCoreNames alone:', stats(coreMs), 'core names:', stats(coreCounts));
  log('  findPeopleByCoreNames alone, every core name of the block (no scoring, no year filter):', stats(peopleMs), 'people:', stats(peopleCounts));

  // ---- the duplicate check alone (registration's, own organisation), then registration whole
  // As a registrar types them: 30 % are another registration of someone already registered.
  const personInput = (): { givenName: string; familyName: string; patronymic: string | undefined; birthDate: string | undefined; sex: Sex } => {
    const dup = rand() < 0.3;
    const p = dup ? gens[Math.floor(rand() * gens.length)]! : newGen();
    const names = dup ? variantOf(p).names : written(p);
    return { givenName: names.givenName, familyName: names.familyName, patronymic: names.patronymic ?? undefined, birthDate: p.birthDate ?? undefined, sex: p.sex };
  };
  const checks = Array.from({ length: REGS }, personInput);
  for (const q of checks.slice(0, 100)) await possibleDuplicates(ctx, actor, q);
  const checkMs: number[] = [];
  for (const q of checks) {
    const t = process.hrtime.bigint();
    await possibleDuplicates(ctx, actor, q);
    checkMs.push(ms(t));
  }
  const check = stats(checkMs);
  log('possibleDuplicates (registration check alone, own org):', check);

  // ---- registration (duplicate check + insert + audit)
  const regInputs = Array.from({ length: REGS + 100 }, personInput);
  for (const input of regInputs.slice(0, 100)) await registerPerson(ctx, actor, input);
  const regMs: number[] = [];
  let warned = 0;
  for (const input of regInputs.slice(100)) {
    const t = process.hrtime.bigint();
    const r = await registerPerson(ctx, actor, input);
    regMs.push(ms(t));
    if (r.possibleDuplicates.length > 0) warned++;
  }
  const reg = stats(regMs);
  log('registerPerson (check + insert + audit):', reg, `warned ${warned}/${REGS}`);
  const memAfterQueries = process.memoryUsage().rss;

  // ---- full duplicate pass, as `safe-passage people duplicates` runs it
  const idx = new Map(ids.map((id, i) => [id, i]));
  const found = new Set<number>();
  const pairKey = (a: number, b: number): number => Math.min(a, b) * 2 ** 21 + Math.max(a, b);
  const pass = await findRegistryDuplicates(ctx, (a, b) => {
    const ia = idx.get(a);
    const ib = idx.get(b);
    // People registered by the bench's registration step are not among the generated ones.
    if (ia !== undefined && ib !== undefined) found.add(pairKey(ia, ib));
  });
  const byKind = new Map<string, [number, number]>();
  let recalled = 0;
  for (const [j, i, kind] of planted) {
    const hit = found.has(pairKey(j, i));
    if (hit) recalled++;
    const e = byKind.get(kind) ?? [0, 0];
    e[0] += hit ? 1 : 0;
    e[1]++;
    byKind.set(kind, e);
  }
  log(`duplicate pass: ${(pass.passMs / 1000).toFixed(1)} s (read ${(pass.readMs / 1000).toFixed(1)} s);`, pass, `planted recalled ${recalled}/${planted.length} (${((recalled / planted.length) * 100).toFixed(2)}%)`);
  log('  recall by kind:', Object.fromEntries([...byKind].map(([k, [h, t]]) => [k, `${h}/${t}`])));
  log(`  rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (after queries ${(memAfterQueries / 2 ** 20).toFixed(0)} MiB)`);
  await context.close();

  // ---- start-up
  const tStart = process.hrtime.bigint();
  const app = await createApp(config);
  await app.server.ready();
  const startMs = ms(tStart);
  log(`start-up (createApp + ready): ${(startMs / 1000).toFixed(2)} s`);
  await app.close();

  console.log(JSON.stringify({ dialect, N, loadMs, coreNames: cores.size, keyRows, planted: planted.length, search, coreQuery: stats(coreMs), coreCounts: stats(coreCounts), peopleQuery: stats(peopleMs), peopleCounts: stats(peopleCounts), check, registration: reg, pass: { ...pass, recalled, byKind: Object.fromEntries(byKind) }, startMs }));
  if (args.keep) log(`kept: ${testDb.url}`);
  else await testDb.drop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
