import { cyrillicToPhonemes } from './cyrillic.ts';
import { encodePhonetic, weightedDistance } from './edit-distance.ts';
import { givenNameGroupSources, type Sex } from './given-names.ts';
import { normaliseName } from './normalise.ts';
import { canonicalForm } from './phonetic.ts';

/**
 * The given-name table (given-names.ts) in phonetic forms, and the look-up of a name word in it.
 * Built once when the module loads.
 */

export interface GivenNameGroup {
  readonly id: number;
  readonly sex: Sex;
  /** Canonical phonetic forms of the group's Cyrillic forms. */
  readonly forms: readonly string[];
}

/**
 * What a word is as a given name: the groups it may belong to, nearest first, and how far its
 * spelling is from each.
 */
export interface GivenNameMatch {
  readonly groups: readonly number[];
  /** Weighted edit distance from the word to the nearest form of each group (0: exact). */
  readonly distances: readonly number[];
  /** The smallest of `distances`. */
  readonly distance: number;
  readonly exact: boolean;
  /** The sex of the groups when they agree; for a mistyped word, also no rival of the other sex near. */
  readonly sex: Sex | undefined;
}

function buildGroups(): GivenNameGroup[] {
  return givenNameGroupSources().map((source, id) => {
    const forms = new Set<string>();
    for (const form of source.forms) forms.add(canonicalForm(cyrillicToPhonemes(normaliseName(form))));
    return { id, sex: source.sex, forms: [...forms] };
  });
}

export const GIVEN_NAME_GROUPS: readonly GivenNameGroup[] = buildGroups();

/** The table's Cyrillic forms as written (normalised), to tell a listed spelling from a look-alike. */
const LISTED_CYRILLIC = new Set(givenNameGroupSources().flatMap((g) => g.forms.map(normaliseName)));

/**
 * Whether a normalised Cyrillic word is spelled exactly as a form of the table: Іан sounds like
 * Ян but is no spelling of it (it is Іван with a letter lost).
 */
export function isListedGivenName(word: string): boolean {
  return LISTED_CYRILLIC.has(word);
}

const GROUPS_BY_FORM: ReadonlyMap<string, readonly number[]> = (() => {
  const index = new Map<string, number[]>();
  for (const group of GIVEN_NAME_GROUPS) {
    for (const form of group.forms) {
      const ids = index.get(form) ?? [];
      if (!ids.includes(group.id)) ids.push(group.id);
      index.set(form, ids);
    }
  }
  return index;
})();

const ALL_FORMS: ReadonlyArray<readonly [Uint8Array, number]> = GIVEN_NAME_GROUPS.flatMap((g) =>
  g.forms.map((form) => [encodePhonetic(form), g.id] as const),
);

const GROUP_CODES: ReadonlyArray<readonly Uint8Array[]> = GIVEN_NAME_GROUPS.map((g) => g.forms.map(encodePhonetic));

/**
 * How far a typed given name may be from a table form and still be read as it: nothing for two
 * sounds (Ян: a typo there makes another word), a lost or added vowel for three and four (Irna →
 * Ірина), one full edit from five sounds on (Mkyola, Olean → transpositions).
 */
function tolerance(length: number): number {
  if (length <= 2) return 0;
  if (length <= 4) return 0.6;
  return 1;
}

function sexOf(groups: readonly number[]): Sex | undefined {
  let sex: Sex | undefined;
  for (const id of groups) {
    const groupSex = GIVEN_NAME_GROUPS[id]?.sex;
    if (sex !== undefined && groupSex !== sex) return undefined;
    sex = groupSex;
  }
  return sex;
}

/**
 * Looks a word (its phonetic forms, one per plausible spelling convention) up in the given-name
 * table: exactly first; otherwise every group with a form within the typo tolerance, nearest
 * first, so that an ambiguous typo keeps each reading (Kaeryna: Карина by one lost vowel,
 * Катерина by one lost consonant).
 *
 * @example resolveGivenName(['oleksandr'])?.exact // true
 */
export function resolveGivenName(forms: readonly string[]): GivenNameMatch | undefined {
  const key = forms.join(' ');
  const cached = RESOLVED.get(key);
  if (cached !== undefined || RESOLVED.has(key)) return cached;
  const match = resolveUncached(forms);
  if (RESOLVED.size >= RESOLVED_CACHE_SIZE) RESOLVED.clear();
  RESOLVED.set(key, match);
  return match;
}

/**
 * Look-ups remembered: a population repeats its surnames and given names, and a word that is not
 * a given name costs a scan of the table. Bounded; forgetting only costs time.
 */
const RESOLVED = new Map<string, GivenNameMatch | undefined>();
const RESOLVED_CACHE_SIZE = 50_000;

function resolveUncached(forms: readonly string[]): GivenNameMatch | undefined {
  const exact = new Set<number>();
  for (const form of forms) for (const id of GROUPS_BY_FORM.get(form) ?? []) exact.add(id);
  if (exact.size > 0) {
    const groups = [...exact];
    return { groups, distances: groups.map(() => 0), distance: 0, exact: true, sex: sexOf(groups) };
  }
  const nearest = new Map<number, number>();
  for (const form of forms) {
    if (tolerance(form.length) === 0) continue;
    const codes = encodePhonetic(form);
    for (const [candidate, id] of ALL_FORMS) {
      if (Math.abs(candidate.length - codes.length) > 2) continue;
      const distance = weightedDistance(codes, candidate, SEX_EVIDENCE_DISTANCE);
      if (distance <= SEX_EVIDENCE_DISTANCE && distance < (nearest.get(id) ?? Number.POSITIVE_INFINITY)) {
        nearest.set(id, distance);
      }
    }
  }
  const limit = Math.max(...forms.map((f) => tolerance(f.length)));
  const ranked = [...nearest.entries()].sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  const readings = ranked.filter(([, d]) => d <= limit);
  const best = readings[0]?.[1];
  if (best === undefined) return undefined;
  // A mistyped name tells its sex only if no name of the other sex is about as near: Olah is one
  // vowel from Олег and one swap from Ольга, so its sex is unknown.
  const sexRivals = ranked.filter(([, d]) => d <= Math.max(SEX_EVIDENCE_DISTANCE - 0.5, best + 0.5)).map(([id]) => id);
  return {
    groups: readings.map(([id]) => id),
    distances: readings.map(([, d]) => d),
    distance: best,
    exact: false,
    sex: sexOf(sexRivals),
  };
}

/** Names of the other sex within this distance of a mistyped name make its sex uncertain. */
const SEX_EVIDENCE_DISTANCE = 1.5;

/** Distance of the match to a group, or undefined when the group is not among its readings. */
export function distanceToGroup(match: GivenNameMatch, id: number): number | undefined {
  const index = match.groups.indexOf(id);
  return index < 0 ? undefined : match.distances[index];
}

/** The phonetic forms of a group, for comparing a word that did not resolve with every form of it. */
export function givenNameForms(id: number): readonly string[] {
  return GIVEN_NAME_GROUPS[id]?.forms ?? [];
}

/** The same forms encoded for the edit distance. */
export function givenNameCodes(id: number): readonly Uint8Array[] {
  return GROUP_CODES[id] ?? [];
}

/** Forms that two groups share: should be none; a test keeps the table that way. */
export function sharedGivenNameForms(): string[] {
  return [...GROUPS_BY_FORM.entries()].filter(([, ids]) => ids.length > 1).map(([form]) => form);
}
