import { blockingKeysPrepared, prepareName, prepareNameCached, type PreparedName } from './names/index.ts';
import { foldDiacritics, normaliseKeepingHyphens } from './names/normalise.ts';

/**
 * What the registry's search adds around the name matcher (src/domain/names): finding people by
 * their family name alone, and by names typed without the diacritics a transliteration needs.
 * The matcher's blocking keys are built for a given name and a family name together, so neither
 * query reached the people it should (issue 12).
 */

/**
 * The keys a person's family name is indexed under on its own, beside the core name's keys: the
 * keys a one-word query produces (`w` + skeleton), so that "Шевченко" or "Shevchenko" alone
 * reaches every Шевченко's core name.
 */
export function familyNameKeys(familyName: string): string[] {
  const family = normaliseKeepingHyphens(familyName);
  return family.length === 0 ? [] : blockingKeysPrepared(prepareNameCached(family));
}

/** A query of one word and no patronymic is a family name: it is scored against family names only. */
export function isFamilyNameQuery(query: PreparedName): boolean {
  return query.words.length === 1 && query.patronymic === undefined;
}

/** The family name of a registration, analysed as a one-word query is. */
export function preparedFamilyName(familyName: string): PreparedName {
  return prepareNameCached(normaliseKeepingHyphens(familyName));
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
/** Latin letters whose háček a keyboard without it drops: Ševčenko typed Sevcenko. */
const HACEK: Readonly<Record<string, string>> = { s: 'š', c: 'č', z: 'ž', S: 'Š', C: 'Č', Z: 'Ž' };
/** At most this many letters are tried with and without a háček: 2^4 readings of one query. */
const MAX_HACEK_LETTERS = 4;

/**
 * Readings of a query to look up, beside the query itself: a Latin query with its diacritics
 * removed (Ševčenko finds a registration typed Sevcenko), and with háčeks restored on its first
 * s/c/z letters (Sevcenko finds Шевченко, whose Czech spelling is Ševčenko). Only the lookup
 * uses them; every candidate is still scored against the query as typed.
 */
export function queryReadings(text: string): string[] {
  if (CYRILLIC.test(text)) return [text];
  const folded = foldDiacritics(text);
  const readings = new Set([text, folded]);
  const positions = [...folded].flatMap((ch, i) => (HACEK[ch] ? [i] : [])).slice(0, MAX_HACEK_LETTERS);
  const letters = [...folded];
  for (let mask = 1; mask < 1 << positions.length; mask++) {
    const variant = [...letters];
    positions.forEach((at, bit) => {
      if (mask & (1 << bit)) variant[at] = HACEK[letters[at] ?? ''] ?? variant[at] ?? '';
    });
    readings.add(variant.join(''));
  }
  return [...readings];
}

/** The blocking keys of every reading of a query, the query's own first. */
export function searchKeys(text: string): string[] {
  return [...new Set(queryReadings(text).flatMap((reading) => blockingKeysPrepared(prepareName(reading))))];
}
