import { prepareName, type PreparedName, type PreparedWord } from './prepare.ts';

/**
 * Blocking keys: a few short strings per name such that two names the scorer would match share at
 * least one. The registry indexes every person under their keys; a search scores only the people
 * found under the query's keys, so a million records cost a few hundred comparisons.
 *
 * Keys are built on the *consonant skeleton* of the family name in a coarse alphabet that merges
 * what spellings confuse, so no convention or Ukrainian/Russian form changes it:
 * - vowels are dropped (Білик/Белик, Чорновол/Черновол, Олійник/Олейник differ only there);
 * - с/з/ц are one class (German s, German z); ж/ш/ч/щ/х another ("ch" is ч, ш or х by
 *   convention, German writes ш and ж alike); б/п, в/ф, д/т merge; runs collapse.
 *
 * For each reading of the name as (given word, family word) the keys are:
 *
 *   G  "g<given-name group>|<two consonants>" — three keys: the first three consonants of the
 *      family skeleton with one of them left out (a skeleton of two consonants gives itself and
 *      each one alone);
 *   F  "f<whole family skeleton>|<first sound of the given name>".
 *
 * Why a match shares a key. The scorer matches two names only when the given names agree and the
 * family names agree (score.ts: every paired word must be near). Agreeing given names are almost
 * always one group of the table — Олександр, Aleksandr, Alexandr, and a typo within one edit
 * still resolve to it. Agreeing family names have the same skeleton up to at most one consonant
 * typo (a deletion, insertion, substitution or swap); vowel changes, transliterations and doubled
 * letters do not change it. Leaving each of the first three consonants out in turn is the
 * symmetric-deletion trick: if one consonant among them differs, both names still produce the
 * same pair by leaving it out; if the typo lies later, the first three are equal. So G is shared.
 * F covers given names that do not resolve to one shared group (a name outside the table, a typo
 * too heavy to read): then the family skeletons must be equal and the given names must start alike.
 * A pair is missed only when the given names do not share a group *and* the family name has a
 * consonant typo, or when one typo changes two consonants (Cyrillic ш typed as "s"). bench/
 * names-quality.ts measures the recall on the labelled pairs.
 *
 * A name whose given name is known gives 4 keys; when the word order is ambiguous (neither or
 * both words known given names) the second reading's keys share the cap of MAX_BLOCKING_KEYS.
 * A familiar form (Саша, Слава: diminutives.ts) stands for several groups and gives a G key for
 * each, up to MAX_FAMILIAR_BLOCKING_KEYS.
 */

/** Upper bound on keys per name, to keep the index small. */
export const MAX_BLOCKING_KEYS = 6;
/**
 * A familiar form standing for many names (Слава: Ярослав, Владислав, В'ячеслав, Святослав,
 * Мирослав, Станіслав, Ростислав) needs a key per name: such names are few, so the index grows
 * little.
 */
export const MAX_FAMILIAR_BLOCKING_KEYS = 12;

const COARSE: Readonly<Record<string, string>> = {
  b: 'b', p: 'b', v: 'v', f: 'v', d: 'd', t: 'd', g: 'g', k: 'k',
  s: 's', z: 's', c: 's', S: 'S', Z: 'S', C: 'S', Q: 'S', X: 'S',
  l: 'l', m: 'm', n: 'n', r: 'r',
};

/**
 * Coarse consonants of a phonetic form, vowels dropped. Runs are not collapsed: the phonetic form
 * has already collapsed doubled letters, and collapsing again would turn one lost consonant
 * (Shevchuk typed Shechuk: ш ч) into two.
 */
export function coarseSkeleton(form: string): string {
  let out = '';
  for (const ch of form) {
    const coarse = COARSE[ch];
    if (coarse !== undefined) out += coarse;
  }
  return out;
}

/** The first sound of a form in the coarse alphabet: a consonant class, or "a" for any vowel. */
export function coarseInitial(form: string): string {
  const first = form[0];
  if (first === undefined) return '';
  return COARSE[first] ?? 'a';
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** The symmetric-deletion keys of a skeleton's first three consonants (see the module comment). */
export function skeletonHeadKeys(skeleton: string): string[] {
  const head = skeleton.slice(0, 3);
  if (head.length <= 1) return [head];
  const keys = head.length === 2 ? [head] : [];
  for (let i = 0; i < head.length; i++) keys.push(head.slice(0, i) + head.slice(i + 1));
  return distinct(keys);
}

/** Consonants of a given name the table does not know that its key holds: enough to tell names apart. */
const UNKNOWN_GIVEN_CONSONANTS = 4;

function givenHeads(given: PreparedWord): string[] {
  const groups = given.given?.familiar === true ? given.given.groups : (given.given?.groups.slice(0, 2) ?? []);
  if (groups.length > 0) return groups.map((id) => `g${id}`);
  return distinct(given.forms.map((f) => `n${coarseSkeleton(f).slice(0, UNKNOWN_GIVEN_CONSONANTS)}`));
}

/** G keys, the first tail of every given-name reading first (they matter most). */
function givenKeys(given: PreparedWord, family: PreparedWord): { first: string[]; rest: string[] } {
  const heads = givenHeads(given);
  const tails = distinct(family.forms.flatMap((f) => skeletonHeadKeys(coarseSkeleton(f))));
  const first = heads.map((head) => `${head}|${tails[0] ?? ''}`);
  const rest = heads.flatMap((head) => tails.slice(1).map((tail) => `${head}|${tail}`));
  return { first, rest };
}

function familyKeys(given: PreparedWord, family: PreparedWord): string[] {
  const givenInitials = distinct(given.forms.map(coarseInitial));
  return distinct(family.forms.map(coarseSkeleton)).flatMap((skeleton) => givenInitials.map((i) => `f${skeleton}|${i}`));
}

/**
 * Readings of the name as (given, family): the words the table knows exactly as given names
 * first; every order when none or all of them are known (a word read as a given name only by
 * typo tolerance — Pavlov is one letter from Павло — is no evidence of order).
 */
function readings(words: readonly PreparedWord[]): Array<readonly [PreparedWord, PreparedWord]> {
  const candidates = words.slice(0, 3);
  const known = candidates.filter((w) => w.given?.exact === true);
  const givens = known.length > 0 && known.length < candidates.length ? known : candidates;
  // The likeliest given name first: known exactly, then read with a typo, then the rest.
  const rank = (w: PreparedWord): number => (w.given?.exact === true ? 0 : w.given !== undefined ? 1 : 2);
  const ordered = [...givens].sort((x, y) => rank(x) - rank(y));
  const pairs: Array<readonly [PreparedWord, PreparedWord]> = [];
  for (const given of ordered) {
    for (const family of candidates) if (family !== given) pairs.push([given, family]);
  }
  return pairs;
}

/** Blocking keys of a prepared name (see the module comment for what they guarantee). */
export function blockingKeysPrepared(name: PreparedName): string[] {
  const words = name.words;
  if (words.length === 0) return [];
  if (words.length === 1) {
    const only = words[0];
    return only === undefined ? [] : distinct(only.forms.map((f) => `w${coarseSkeleton(f)}`)).slice(0, MAX_BLOCKING_KEYS);
  }
  // Each reading's keys in order of use: the first G key of each given-name reading, F, the
  // other G keys. The most plausible reading (a known given name) keeps up to four; the other
  // readings take turns for the rest, so that if the cap cuts, each keeps its most useful keys.
  const perReading = readings(words).map(([given, family]) => {
    const g = givenKeys(given, family);
    return distinct([...g.first, ...familyKeys(given, family), ...g.rest]);
  });
  const keys: string[] = [];
  const familiar = words.some((w) => w.given?.familiar === true);
  const cap = familiar ? MAX_FAMILIAR_BLOCKING_KEYS : MAX_BLOCKING_KEYS;
  const add = (key: string | undefined): void => {
    if (key !== undefined && !keys.includes(key) && keys.length < cap) keys.push(key);
  };
  const [main = [], ...others] = perReading;
  const firstGiven = readings(words)[0]?.[0];
  main.slice(0, Math.max(4, firstGiven === undefined ? 0 : givenHeads(firstGiven).length + 1)).forEach(add);
  const longest = Math.max(0, ...others.map((list) => list.length));
  for (let round = 0; round < longest; round++) for (const list of others) add(list[round]);
  main.slice(4).forEach(add);
  return keys;
}

/**
 * Blocking keys of a full name, 1 to 6 short strings.
 *
 * @example blockingKeys('Олександр Шевченко') // ['g0|vS', 'fSvSnk|a', 'g0|SS', 'g0|Sv']
 */
export function blockingKeys(full: string): string[] {
  return blockingKeysPrepared(prepareName(full));
}
