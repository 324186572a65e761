import { BIRTH_DATE_AGREEMENT, parsePartialDate, partialDateAgreement, type PartialDate } from './birth-date.ts';
import { blockingKeysPrepared } from './blocking.ts';
import { coreMayMatch } from './core.ts';
import { DEFAULT_DUPLICATE_THRESHOLD, foldBirthDate } from './duplicate.ts';
import { prepareName, prepareNameCached, type PreparedName } from './prepare.ts';
import { scorePrepared, scoreWords } from './score.ts';

/**
 * The full duplicate pass: every pair of people in a registry whose duplicate score reaches the
 * threshold, without comparing a million people with each other.
 *
 * It works on core names (core.ts). Each distinct core name is prepared once and indexed under
 * its blocking keys. Within each block, pairs of *core names* are scored on their words, and only
 * pairs that could reach the threshold (`coreMayMatch`) go on; a pair of core names that share
 * several keys is scored once, in the block of the first key they share. For those, and within
 * each core name (namesakes), each pair of distinct *full names* is scored once, and then its
 * people's birth dates are folded in (`foldBirthDate`): the score is exactly
 * `duplicateScorePrepared` of the two people. Birth years more than one apart cannot agree, so
 * core names whose people's years are all that far apart are not compared at all.
 */

export interface PassPerson {
  /** `nameCore(givenName, familyName)`. */
  core: string;
  /** The full name as registered (given, patronymic, family). */
  name: string;
  birthDate: string | null;
}

export interface PassStats {
  people: number;
  coreNames: number;
  fullNames: number;
  blocks: number;
  /** Pairs of core names scored on their words, and how many of them could match. */
  corePairs: number;
  corePairsKept: number;
  /** Pairs of full names scored, and pairs of people whose dates were folded in. */
  namePairs: number;
  personPairs: number;
  found: number;
}

/** People of one core name who share one full name. */
interface NameGroup {
  name: number;
  people: number[];
}

/** The smallest element two ascending arrays share, or -1. */
function firstShared(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) return x;
    if (x < y) i++;
    else j++;
  }
  return -1;
}

/** Interns strings as 0, 1, 2…; returns the index and whether it is new. */
function interner(): { index: (text: string) => number; texts: string[] } {
  const indices = new Map<string, number>();
  const texts: string[] = [];
  return {
    texts,
    index: (text) => {
      let i = indices.get(text);
      if (i === undefined) {
        i = texts.length;
        indices.set(text, i);
        texts.push(text);
      }
      return i;
    },
  };
}

/**
 * Calls `onPair(a, b, score)` (indices into `people`, a < b) for every pair whose duplicate score
 * reaches `threshold`, and returns what the pass did.
 */
export function findDuplicates(
  people: readonly PassPerson[],
  onPair: (a: number, b: number, score: number) => void,
  threshold = DEFAULT_DUPLICATE_THRESHOLD,
): PassStats {
  // Dates of different years cap a score at 0.5 + DIFFERENT: above that, years sort people out.
  const yearsSortOut = threshold > 0.5 + BIRTH_DATE_AGREEMENT.DIFFERENT;
  const cores = interner();
  const names = interner();
  const dates: (PartialDate | undefined)[] = people.map((person) => parsePartialDate(person.birthDate));
  const groups: NameGroup[][] = [];
  people.forEach((person, p) => {
    const c = cores.index(person.core);
    const n = names.index(person.name);
    const coreGroups = (groups[c] ??= []);
    const group = coreGroups.find((g) => g.name === n);
    if (group === undefined) coreGroups.push({ name: n, people: [p] });
    else group.people.push(p);
  });

  // The range of known birth years of each core name, and whether one of its people has none.
  const minYear = new Int32Array(cores.texts.length);
  const maxYear = new Int32Array(cores.texts.length);
  const hasUnknown = new Uint8Array(cores.texts.length);
  groups.forEach((coreGroups, c) => {
    let min = Infinity;
    let max = -Infinity;
    for (const group of coreGroups) {
      for (const p of group.people) {
        const year = dates[p]?.year;
        if (year === undefined) hasUnknown[c] = 1;
        else {
          min = Math.min(min, year);
          max = Math.max(max, year);
        }
      }
    }
    minYear[c] = min;
    maxYear[c] = max;
  });
  const yearsMayAgree = (ca: number, cb: number): boolean =>
    !yearsSortOut || hasUnknown[ca] === 1 || hasUnknown[cb] === 1 || (minYear[ca]! <= maxYear[cb]! + 1 && minYear[cb]! <= maxYear[ca]! + 1);

  // Blocking keys of each core name, as ascending key numbers, and the blocks they make.
  const keys = interner();
  const blocks: number[][] = [];
  const preparedCores: PreparedName[] = [];
  const coreKeys: Int32Array[] = [];
  cores.texts.forEach((text, c) => {
    const prepared = prepareName(text);
    preparedCores.push(prepared);
    const own = blockingKeysPrepared(prepared).map((key) => {
      const k = keys.index(key);
      (blocks[k] ??= []).push(c);
      return k;
    });
    coreKeys.push(Int32Array.from(own).sort());
  });

  const stats: PassStats = {
    people: people.length,
    coreNames: cores.texts.length,
    fullNames: names.texts.length,
    blocks: blocks.length,
    corePairs: 0,
    corePairsKept: 0,
    namePairs: 0,
    personPairs: 0,
    found: 0,
  };
  /**
   * The people of two name groups (or of one, `same`): each pair whose birth years could agree,
   * the names scored once for the groups (when first needed), the dates folded in per pair.
   */
  const compareGroups = (ga: NameGroup, gb: NameGroup, same: boolean): void => {
    let nameScore = -1;
    for (let i = 0; i < ga.people.length; i++) {
      const a = ga.people[i]!;
      const da = dates[a];
      for (let j = same ? i + 1 : 0; j < gb.people.length; j++) {
        const b = gb.people[j]!;
        const db = dates[b];
        if (yearsSortOut && da !== undefined && db !== undefined && Math.abs(da.year - db.year) > 1) continue;
        if (nameScore < 0) {
          stats.namePairs++;
          nameScore = scorePrepared(prepareNameCached(names.texts[ga.name]!), prepareNameCached(names.texts[gb.name]!));
          // Not even equal full dates would lift these names to the threshold.
          if (foldBirthDate(nameScore, BIRTH_DATE_AGREEMENT.SAME) < threshold) return;
        }
        stats.personPairs++;
        const score = foldBirthDate(nameScore, partialDateAgreement(da, db));
        if (score < threshold) continue;
        stats.found++;
        if (a < b) onPair(a, b, score);
        else onPair(b, a, score);
      }
    }
  };
  const compareCores = (ca: number, cb: number): void => {
    const groupsA = groups[ca]!;
    const groupsB = groups[cb]!;
    for (let i = 0; i < groupsA.length; i++) {
      if (ca === cb) {
        compareGroups(groupsA[i]!, groupsA[i]!, true);
        for (let j = i + 1; j < groupsA.length; j++) compareGroups(groupsA[i]!, groupsA[j]!, false);
      } else {
        for (const gb of groupsB) compareGroups(groupsA[i]!, gb, false);
      }
    }
  };

  for (let c = 0; c < cores.texts.length; c++) compareCores(c, c);
  blocks.forEach((block, k) => {
    for (let i = 0; i < block.length; i++) {
      const ca = block[i]!;
      for (let j = i + 1; j < block.length; j++) {
        const cb = block[j]!;
        if (firstShared(coreKeys[ca]!, coreKeys[cb]!) !== k || !yearsMayAgree(ca, cb)) continue;
        stats.corePairs++;
        if (!coreMayMatch(scoreWords(preparedCores[ca]!, preparedCores[cb]!), threshold)) continue;
        stats.corePairsKept++;
        compareCores(ca, cb);
      }
    }
  });
  return stats;
}
