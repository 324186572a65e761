import { coreNameKeys, DEFAULT_DUPLICATE_THRESHOLD, findDuplicates, nameCore, type PassPerson, type PassStats } from '../domain/names/index.ts';
import { familyNameKeys } from '../domain/registry-search.ts';
import { clearNameKeys, insertNameKeys, listCoreNames, listPeopleCores, readPeoplePage, setNameCore } from '../store/people-registry.repository.ts';
import type { ServiceContext } from './context.ts';

/**
 * Operator commands on the registry's name index (CLI `safe-passage people …`). They run with the
 * database's own rights, like `migrate`, and print ids and scores only, never names.
 */

/**
 * Rebuilds the blocking keys of every core name (and of its family names alone, for a search by
 * family name): needed after the blocking rules change, since
 * the keys are stored. Core names written by an older release are recomputed first (since
 * 2026-12 a compound surname keeps its hyphen in the core name). One transaction: searches see
 * the old index or the new one.
 */
export async function reindexNames(ctx: ServiceContext): Promise<{ coreNames: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const familyKeys = new Map<string, Set<string>>();
    for (const person of await listPeopleCores(trx)) {
      const core = nameCore(person.given_name, person.family_name);
      if (core !== person.name_core) await setNameCore(trx, person.id, core);
      const keys = familyKeys.get(core) ?? new Set<string>();
      for (const key of familyNameKeys(person.family_name)) keys.add(key);
      familyKeys.set(core, keys);
    }
    await clearNameKeys(trx);
    const cores = await listCoreNames(trx);
    for (const core of cores) await insertNameKeys(trx, core, [...coreNameKeys(core), ...(familyKeys.get(core) ?? [])]);
    return { coreNames: cores.length };
  });
}

/** How many people one read of the pass fetches. */
const PAGE = 50_000;

/**
 * The full duplicate pass (src/domain/names/duplicate-pass.ts) over the registry, or over one
 * organisation's people: `onPair` gets the two people's ids (in id order) and the score.
 */
export async function findRegistryDuplicates(
  ctx: ServiceContext,
  onPair: (a: string, b: string, score: number) => void,
  options: { orgId?: string | undefined; threshold?: number | undefined } = {},
): Promise<PassStats & { readMs: number; passMs: number }> {
  const started = performance.now();
  const ids: string[] = [];
  const people: PassPerson[] = [];
  for (let after = ''; ; ) {
    const page = await readPeoplePage(ctx.db, after, PAGE, options.orgId);
    for (const row of page) {
      ids.push(row.id);
      people.push({ givenName: row.given_name, patronymic: row.patronymic, familyName: row.family_name, birthDate: row.birth_date });
    }
    const last = page[page.length - 1];
    if (last === undefined || page.length < PAGE) break;
    after = last.id;
  }
  const read = performance.now();
  const stats = findDuplicates(people, (a, b, score) => onPair(ids[a]!, ids[b]!, score), options.threshold ?? DEFAULT_DUPLICATE_THRESHOLD);
  return { ...stats, readMs: read - started, passMs: performance.now() - started };
}
