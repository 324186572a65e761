import { foldDiacritics } from './normalise.ts';

/**
 * The Latin spellings of Ukrainian and Russian names in use, read back into phonemes of the
 * internal alphabet (phonetic.ts). Шевченко arrives as:
 *
 * | convention | who writes it                                           | Шевченко       |
 * |------------|---------------------------------------------------------|----------------|
 * | `en`       | KMU 2010 (Ukrainian passports), the 2007 passport table,| Shevchenko     |
 * |            | BGN/PCGN, ICAO 9303 (Russian passports since 2014)      |                |
 * | `de`       | German (Duden)                                          | Schewtschenko  |
 * | `pl`       | Polish                                                  | Szewczenko     |
 * | `cs`       | Czech (h = г, ch = х)                                   | Ševčenko       |
 * | `iso`      | ISO 9 / scholarly (h = х, g = г)                        | Ševčenko       |
 * | `fr`       | French                                                  | Chevtchenko    |
 *
 * The same letters mean different sounds across them: "ch" is ч in English, ш in French and х in
 * German, Polish and Czech; "z" is з except in German, where it is ц; "j" is a glide except in
 * French, where it is ж. So a name is read under every convention its spelling allows
 * (`conventionsFor`) and each reading is kept; the scorer takes the best. What a convention
 * cannot tell apart (German "s" for both с and з, ISO 9 "h" for х where KMU writes г) is left to
 * the cheap substitutions of the comparison (edit-distance.ts).
 */
export type LatinConvention = 'en' | 'de' | 'pl' | 'cs' | 'iso' | 'fr';

/**
 * Letters whose diacritic *is* the information (ISO 9, Czech, Polish), read before any
 * convention. Upper-case results are internal phonemes, so the convention decoders pass them
 * through untouched: "J" is a glide that French must not read as ж (ISO 9 ê = є = Je).
 */
const LETTERS_WITH_MEANINGFUL_MARKS: Readonly<Record<string, string>> = {
  č: 'C', ĉ: 'C', ć: 'c', š: 'S', ś: 's', ŝ: 'SC', ž: 'Z', ż: 'Z', ź: 'z', ř: 'rZ',
  ê: 'Je', ě: 'Je', ë: 'Jo', û: 'Ju', â: 'Ja', ï: 'Ji', ì: 'i', ł: 'l', ľ: 'l', ĺ: 'l',
  ß: 's', ǵ: 'g', ğ: 'g', ǧ: 'g', ä: 'e', ö: 'o', ü: 'u', æ: 'e', œ: 'e', ı: 'i', đ: 'd', ø: 'o',
};

/** Base reading of single letters, shared by all conventions; digraphs override it below. */
const SINGLE_LETTERS: ReadonlyArray<readonly [string, string]> = [
  ['a', 'a'], ['b', 'b'], ['c', 'c'], ['d', 'd'], ['e', 'e'], ['f', 'f'], ['g', 'g'],
  // h is Ukrainian г in KMU 2010, Polish, Czech, German and French spellings (Hanna, Hrytsenko).
  ['h', 'g'],
  ['i', 'i'], ['j', 'j'], ['k', 'k'], ['l', 'l'], ['m', 'm'], ['n', 'n'], ['o', 'o'], ['p', 'p'],
  ['q', 'k'], ['r', 'r'], ['s', 's'], ['t', 't'], ['u', 'u'], ['v', 'v'], ['w', 'v'], ['x', 'ks'],
  // y is a glide or a vowel depending on its neighbours: decided in phonetic.ts.
  ['y', 'y'], ['z', 'z'],
];

const DIGRAPHS: Readonly<Record<LatinConvention, ReadonlyArray<readonly [string, string]>>> = {
  en: [
    ['shch', 'SC'], ['kh', 'X'], ['zh', 'Z'], ['ch', 'C'], ['sh', 'S'], ['ts', 'c'],
    // KMU 2010 writes зг as "zgh" so that it is not read as ж.
    ['gh', 'g'], ['ph', 'f'], ['ck', 'k'],
  ],
  de: [
    ['schtsch', 'SC'], ['dsch', 'dZ'], ['tsch', 'C'], ['sch', 'S'], ['ch', 'X'], ['tz', 'c'],
    ['z', 'c'], ['ck', 'k'], ['ph', 'f'],
  ],
  pl: [['szcz', 'SC'], ['cz', 'C'], ['sz', 'S'], ['rz', 'Z'], ['ch', 'X'], ['ck', 'k']],
  cs: [['ch', 'X'], ['ck', 'k']],
  // ISO 9 writes х as h (Zaharčenko) where Czech and KMU 2010 write г.
  iso: [['ch', 'X'], ['ck', 'k'], ['h', 'X']],
  fr: [
    ['chtch', 'SC'], ['tch', 'C'], ['ch', 'S'], ['kh', 'X'], ['dj', 'dZ'], ['j', 'Z'], ['zh', 'Z'],
    ['ou', 'u'], ['gue', 'ge'], ['gui', 'gi'], ['qu', 'k'], ['ts', 'c'], ['tz', 'c'], ['ph', 'f'],
  ],
};

type CompiledConvention = ReadonlyMap<string, ReadonlyArray<readonly [string, string]>>;

/** Patterns grouped by first letter, longest first, so decoding is one greedy left-to-right pass. */
function compile(digraphs: ReadonlyArray<readonly [string, string]>): CompiledConvention {
  const byFirst = new Map<string, Array<readonly [string, string]>>();
  for (const rule of [...digraphs, ...SINGLE_LETTERS]) {
    const first = rule[0][0] ?? '';
    const list = byFirst.get(first) ?? [];
    list.push(rule);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b[0].length - a[0].length);
  return byFirst;
}

const COMPILED: Readonly<Record<LatinConvention, CompiledConvention>> = {
  en: compile(DIGRAPHS.en),
  de: compile(DIGRAPHS.de),
  pl: compile(DIGRAPHS.pl),
  cs: compile(DIGRAPHS.cs),
  iso: compile(DIGRAPHS.iso),
  fr: compile(DIGRAPHS.fr),
};

/**
 * Reads the meaningful diacritics, folds the others, and keeps ASCII letters and the upper-case
 * phonemes they produced.
 */
export function readMeaningfulMarks(word: string): string {
  let mapped = '';
  for (const ch of word) mapped += LETTERS_WITH_MEANINGFUL_MARKS[ch] ?? ch;
  let out = '';
  for (const ch of foldDiacritics(mapped)) {
    const code = ch.charCodeAt(0);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) out += ch;
  }
  return out;
}

/**
 * A Latin word (lower case, as `normaliseName` leaves it) read under one convention into raw
 * phonemes.
 *
 * @example latinToPhonemes('schewtschenko', 'de') // 'SevCenko'
 * @example latinToPhonemes('chevtchenko', 'fr') // 'SevCenko'
 */
export function latinToPhonemes(word: string, convention: LatinConvention): string {
  const text = readMeaningfulMarks(word);
  const rules = COMPILED[convention];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    const candidates = rules.get(ch);
    if (candidates === undefined) {
      // An upper-case phoneme from a meaningful diacritic, kept as it is.
      out += ch;
      i += 1;
      continue;
    }
    let matched = false;
    for (const [pattern, phonemes] of candidates) {
      if (text.startsWith(pattern, i)) {
        out += phonemes;
        i += pattern.length;
        matched = true;
        break;
      }
    }
    if (!matched) i += 1;
  }
  return out;
}

const POLISH_MARKS = ['cz', 'sz', 'ł', 'ż', 'ś', 'ć', 'ń', 'ź'];
const GERMAN_MARKS = ['sch', 'ß', 'tz', 'ä', 'ö', 'ü'];
const FRENCH_MARKS = ['tch', 'dj', 'ï'];
const CZECH_OR_ISO_MARKS = ['č', 'š', 'ž', 'ř', 'ŝ', 'ê', 'â', 'û', 'ì', 'ě'];
const ENGLISH_ONLY_MARKS = ['sh', 'zh'];

/**
 * The conventions a Latin name's spelling allows, judged on the whole name because a writer uses
 * one convention for all its words: "w" is German or Polish, "cz"/"sz"/"ł" Polish, "sch" German,
 * "tch"/"dj" French, č/š/ž Czech or ISO 9 (which differ on h: г or х). A name with none of these marks is English-style; if it
 * has a "ch", nothing says whether that is ч (English), х (Czech: Michail, Zachar) or ш (French:
 * Chvets), so it is also read those ways — French only if the name has no "sh"/"zh", which French
 * spelling never uses.
 */
export function conventionsFor(normalisedName: string): LatinConvention[] {
  const has = (marks: readonly string[]): boolean => marks.some((m) => normalisedName.includes(m));
  const found = new Set<LatinConvention>();
  const polish = has(POLISH_MARKS);
  const german = has(GERMAN_MARKS);
  if (polish) found.add('pl');
  if (german) found.add('de');
  if (!polish && !german && normalisedName.includes('w')) {
    found.add('de');
    found.add('pl');
  }
  if (has(FRENCH_MARKS)) found.add('fr');
  if (has(CZECH_OR_ISO_MARKS)) {
    found.add('cs');
    if (normalisedName.includes('h')) found.add('iso');
  }
  if (found.size === 0) {
    found.add('en');
    if (normalisedName.includes('ch')) {
      found.add('cs');
      if (!has(ENGLISH_ONLY_MARKS)) found.add('fr');
    }
  }
  // French writes у as "ou" (Kouznetsov), but о+у also meet in other spellings (Bilous), so "ou"
  // adds the French reading without ruling the others out.
  if (normalisedName.includes('ou')) found.add('fr');
  return [...found];
}

const PLAIN_EXTRA: Readonly<Record<string, string>> = { ł: 'l', ß: 'ss', đ: 'd', ø: 'o', æ: 'ae', œ: 'oe', ı: 'i' };

/**
 * The Latin word as plain lower-case ASCII letters (Ołena → olena), for the letter-by-letter
 * comparison that catches typos splitting a digraph.
 */
export function latinToPlainAscii(word: string): string {
  let mapped = '';
  for (const ch of word) mapped += PLAIN_EXTRA[ch] ?? ch;
  let out = '';
  for (const ch of foldDiacritics(mapped)) {
    const code = ch.charCodeAt(0);
    if (code >= 0x61 && code <= 0x7a) out += ch;
  }
  return out;
}
