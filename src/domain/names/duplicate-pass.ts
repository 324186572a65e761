import { parsePartialDate, partialDateAgreement, type PartialDate } from './birth-date.ts';
import { blockingKeysPrepared } from './blocking.ts';
import { birthYearsDecide, coreMayMatch } from './core.ts';
import { DEFAULT_DUPLICATE_THRESHOLD, foldBirthDate } from './duplicate.ts';
import { nameCore, prepareRegisteredName, type PreparedName, type PreparedPatronymic } from './prepare.ts';
import { scoreWords, withPatronymics } from './score.ts';

/**
 * The full duplicate pass: every pair of people in a registry whose duplicate score reaches the
 * threshold, without comparing a million people with each other.
 *
 * It works on core names (core.ts). Each distinct core name is prepared once and indexed under
 * its blocking keys. Within each block, pairs of core names are scored on their words — which
 * are exactly the words of their people's registered names (`prepareRegisteredName`) — and only
 * pairs that could reach the threshold (`coreMayMatch`) go on; a pair of core names that share
 * several keys is scored once, in the block of the first key they share. For those, and within
 * each core name (namesakes), each pair of people whose birth years could agree gets the words
 * score with both patronymics and both birth dates folded in: exactly `duplicateScorePrepared`
 * of the two registered names. Core names whose people's known birth years are all more than a
 * year apart are not compared at all.
 */

export interface PassPerson {
  givenName: string;
  patronymic: string | null;
  familyName: string;
  birthDate: string | null;
}

export interface PassStats {
  people: number;
  coreNames: number;
  blocks: number;
  /** Pairs of core names scored on their words, and how many of them could match. */
  corePairs: number;
  corePairsKept: number;
  /** Pairs of people whose patronymics and dates were folded in, and how many reached the threshold. */
  personPairs: number;
  found: number;
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

/** Numbers strings 0, 1, 2… in order of first sight. */
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
  const yearsSortOut = birthYearsDecide(threshold);
  const cores = interner();
  const members: number[][] = [];
  const dates: (PartialDate | undefined)[] = [];
  const patronymics: (PreparedPatronymic | undefined)[] = [];
  const preparedCores: PreparedName[] = [];
  people.forEach((person, p) => {
    const c = cores.index(nameCore(person.givenName, person.familyName));
    const registered = prepareRegisteredName(person);
    if (c === preparedCores.length) {
      preparedCores.push(registered);
      members.push([]);
    }
    members[c]!.push(p);
    dates.push(parsePartialDate(person.birthDate));
    patronymics.push(registered.patronymic);
  });

  // The range of known birth years of each core name, and whether one of its people has none.
  const minYear = new Int32Array(cores.texts.length);
  const maxYear = new Int32Array(cores.texts.length);
  const hasUnknown = new Uint8Array(cores.texts.length);
  members.forEach((list, c) => {
    let min = Infinity;
    let max = -Infinity;
    for (const p of list) {
      const year = dates[p]?.year;
      if (year === undefined) hasUnknown[c] = 1;
      else {
        min = Math.min(min, year);
        max = Math.max(max, year);
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
  const coreKeys = preparedCores.map((prepared, c) => {
    const own = blockingKeysPrepared(prepared).map((key) => {
      const k = keys.index(key);
      (blocks[k] ??= []).push(c);
      return k;
    });
    return Int32Array.from(own).sort();
  });

  const stats: PassStats = { people: people.length, coreNames: cores.texts.length, blocks: blocks.length, corePairs: 0, corePairsKept: 0, personPairs: 0, found: 0 };
  /** The people of two core names (or of one) whose birth years could agree, given the words score. */
  const comparePeople = (ca: number, cb: number, wordsScore: number): void => {
    const listA = members[ca]!;
    const listB = members[cb]!;
    const same = ca === cb;
    for (let i = 0; i < listA.length; i++) {
      const a = listA[i]!;
      const da = dates[a];
      for (let j = same ? i + 1 : 0; j < listB.length; j++) {
        const b = listB[j]!;
        const db = dates[b];
        if (yearsSortOut && da !== undefined && db !== undefined && Math.abs(da.year - db.year) > 1) continue;
        stats.personPairs++;
        const score = foldBirthDate(withPatronymics(wordsScore, patronymics[a], patronymics[b]), partialDateAgreement(da, db));
        if (score < threshold) continue;
        stats.found++;
        if (a < b) onPair(a, b, score);
        else onPair(b, a, score);
      }
    }
  };

  for (let c = 0; c < cores.texts.length; c++) {
    if (members[c]!.length < 2) continue;
    const wordsScore = scoreWords(preparedCores[c]!, preparedCores[c]!);
    if (coreMayMatch(wordsScore, threshold)) comparePeople(c, c, wordsScore);
  }
  blocks.forEach((block, k) => {
    for (let i = 0; i < block.length; i++) {
      const ca = block[i]!;
      for (let j = i + 1; j < block.length; j++) {
        const cb = block[j]!;
        if (firstShared(coreKeys[ca]!, coreKeys[cb]!) !== k || !yearsMayAgree(ca, cb)) continue;
        stats.corePairs++;
        const wordsScore = scoreWords(preparedCores[ca]!, preparedCores[cb]!);
        if (!coreMayMatch(wordsScore, threshold)) continue;
        stats.corePairsKept++;
        comparePeople(ca, cb, wordsScore);
      }
    }
  });
  return stats;
}
