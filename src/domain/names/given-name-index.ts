import { cyrillicToPhonemes } from './cyrillic.ts';
import { encodePhonetic, weightedDistance } from './edit-distance.ts';
import { diminutiveSources } from './diminutives.ts';
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
  /** Read only as a familiar form (Саша, Коля), not as a full name of any group. */
  readonly familiar: boolean;
}

const GIVEN_NAME_GROUPS_SOURCES = givenNameGroupSources();

function buildGroups(): GivenNameGroup[] {
  return GIVEN_NAME_GROUPS_SOURCES.map((source, id) => {
    const forms = new Set<string>();
    for (const form of source.forms) forms.add(canonicalForm(cyrillicToPhonemes(normaliseName(form))));
    return { id, sex: source.sex, forms: [...forms] };
  });
}

export const GIVEN_NAME_GROUPS: readonly GivenNameGroup[] = buildGroups();

/**
 * How far a familiar form is from its full name, in typo units (similarity 1 − 0.1 × distance in
 * word-similarity.ts): Саша is Олександр, but less surely than Олександр spelled another way. A
 * familiar form of a man's and a woman's name (Саша: Олександр, Олександра; Женя) is further
 * still, since it does not say which of the two people it is.
 */
export const FAMILIAR_DISTANCE = 0.7;
export const FAMILIAR_EITHER_SEX_DISTANCE = 1.0;

/** Familiar forms (diminutives.ts) in phonetic form → the groups they stand for, with their distance. */
const FAMILIAR_BY_FORM: ReadonlyMap<string, ReadonlyMap<number, number>> = (() => {
  const idByFirstForm = new Map(GIVEN_NAME_GROUPS_SOURCES.map((g, id) => [normaliseName(g.forms[0] ?? ''), id] as const));
  const index = new Map<string, Map<number, number>>();
  for (const source of diminutiveSources()) {
    const ids = source.fullNames.map((name) => {
      const id = idByFirstForm.get(normaliseName(name));
      if (id === undefined) throw new Error(`diminutives.ts names an unknown given name: ${name}`);
      return id;
    });
    for (const form of source.forms) {
      const key = canonicalForm(cyrillicToPhonemes(normaliseName(form)));
      const groups = index.get(key) ?? new Map<number, number>();
      for (const id of ids) groups.set(id, 0);
      index.set(key, groups);
    }
  }
  // A form standing for names of both sexes is further from each of them.
  for (const groups of index.values()) {
    const sexes = new Set([...groups.keys()].map((id) => GIVEN_NAME_GROUPS_SOURCES[id]?.sex));
    const distance = sexes.size > 1 ? FAMILIAR_EITHER_SEX_DISTANCE : FAMILIAR_DISTANCE;
    for (const id of groups.keys()) groups.set(id, distance);
  }
  return index;
})();

/** The table's Cyrillic forms as written (normalised), to tell a listed spelling from a look-alike. */
const LISTED_CYRILLIC = new Set([
  ...GIVEN_NAME_GROUPS_SOURCES.flatMap((g) => g.forms.map(normaliseName)),
  ...diminutiveSources().flatMap((d) => d.forms.map(normaliseName)),
]);

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

/**
 * Every full-name form, for the typo-tolerant look-up. Familiar forms are read only as written:
 * they are short and one letter from each other (Коля, Оля, Толя), and a surname one typo from
 * one (Петрук, Петрик) would be read as a given name.
 */
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
  const exact = new Map<number, number>();
  for (const form of forms) for (const id of GROUPS_BY_FORM.get(form) ?? []) exact.set(id, 0);
  for (const form of forms) {
    for (const [id, distance] of FAMILIAR_BY_FORM.get(form) ?? []) if (!exact.has(id)) exact.set(id, distance);
  }
  if (exact.size > 0) {
    const ranked = [...exact.entries()].sort((x, y) => x[1] - y[1] || x[0] - y[0]);
    const groups = ranked.map(([id]) => id);
    const distances = ranked.map(([, d]) => d);
    const distance = distances[0] ?? 0;
    return { groups, distances, distance, exact: true, sex: sexOf(groups), familiar: distance > 0 };
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
    familiar: false,
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
