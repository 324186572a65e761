import { cyrillicToPassportLatin, cyrillicToPhonemes } from './cyrillic.ts';
import { encodeKeys, encodeLetters, encodePhonetic } from './edit-distance.ts';
import { isListedGivenName, resolveGivenName, type GivenNameMatch } from './given-name-index.ts';
import type { Sex } from './given-names.ts';
import { conventionsFor, latinToPhonemes, latinToPlainAscii, type LatinConvention } from './latin-conventions.ts';
import { documentNameText } from './documents.ts';
import { findPatronymic, NO_PATRONYMIC, readAsPatronymic } from './patronymic-reading.ts';
import { latinWordReadings } from './inflections.ts';
import { keyOf, mayBeWrongLayout, otherLayout, vowelsLikeAName } from './keyboard.ts';
import { readMistypedPatronymic, readPatronymic, surnameEnding, surnameSex, type SurnameEnding } from './morphology.ts';
import { hyphenJoinedWords, nameTokens, normaliseKeepingHyphens, normaliseName } from './normalise.ts';
import { canonicalForm } from './phonetic.ts';
import { cyrillicLanguage, detectScript, scriptLeaning, unifyWordScript, type CyrillicLanguage, type Script } from './script.ts';

/**
 * A full name analysed once, so that comparing it with many others is cheap: the registry
 * prepares each stored name when it is written and each query once, then scores prepared pairs.
 */

export interface PreparedWord {
  /** The word as normalised (lower case, apostrophes removed). */
  readonly text: string;
  /** Canonical phonetic forms: one per spelling convention the name allows, duplicates removed. */
  readonly forms: readonly string[];
  /**
   * The word in plain Latin letters, for letter-by-letter comparison: as written, or for Cyrillic
   * through the passport tables (Ukrainian KMU 2010 and Russian, both when the name's letters do
   * not say which language it is).
   */
  readonly plains: readonly string[];
  /** `forms` and `plains` encoded for the edit distance (edit-distance.ts), once. */
  readonly formCodes: readonly Uint8Array[];
  readonly plainCodes: readonly Uint8Array[];
  /** The keys the word was typed with (keyboard.ts), for typos weighted by neighbouring keys. */
  readonly keys: string;
  readonly keyCodes: Uint8Array;
  /** The word read as a given name, if the table knows it. */
  readonly given: GivenNameMatch | undefined;
  /** Sex shown by the word: a known given name's, else its surname ending's, else a near given name's. */
  readonly sex: Sex | undefined;
  /** Where `sex` comes from; sexes are compared only between words of the same kind. */
  readonly sexFrom: 'given' | 'surname' | undefined;
  /** Surname suffix family (-enko, -uk, -ov…) of the first form. */
  readonly suffix: SurnameEnding | undefined;
  /** A Cyrillic word that sounds like a known given name without being spelled as one (Іан, Ян). */
  readonly soundsLikeGiven: boolean;
}

export interface PreparedPatronymic {
  readonly text: string;
  readonly stems: readonly string[];
  readonly sex: Sex;
  /** The father's given-name groups, when the stem leads back to a known name. */
  readonly fatherGroups: readonly number[];
}

export interface PreparedName {
  readonly normalised: string;
  /**
   * The texts of `words`, in order: two names with equal words are scored in either order alike,
   * so a pair is put in this order before scoring (score.ts).
   */
  readonly wordsKey: string;
  readonly script: Script;
  /** The name's words other than the patronymic, in the order written. */
  readonly words: readonly PreparedWord[];
  readonly patronymic: PreparedPatronymic | undefined;
  /** Index of the patronymic among all words as written, or -1. */
  readonly patronymicPosition: number;
}

function wordForms(
  word: string,
  conventions: readonly LatinConvention[],
  language: CyrillicLanguage,
): { forms: string[]; plains: string[] } {
  const script = detectScript(word);
  if (script === 'cyrillic') {
    const languages: Array<'uk' | 'ru'> = language === 'unknown' ? ['uk', 'ru'] : [language];
    const plains = [...new Set(languages.map((l) => cyrillicToPassportLatin(word, l)))];
    return { forms: [canonicalForm(cyrillicToPhonemes(word))], plains };
  }
  if (script === 'latin') {
    const forms: string[] = [];
    const readings = latinWordReadings(word);
    for (const reading of readings) {
      for (const convention of conventions) {
        const form = canonicalForm(latinToPhonemes(reading, convention));
        if (form.length > 0 && !forms.includes(form)) forms.push(form);
      }
    }
    return { forms, plains: [...new Set(readings.map(latinToPlainAscii))] };
  }
  return { forms: [], plains: [] };
}

/** One word analysed: everything that does not depend on the rest of the name. */
function analyseWord(text: string, forms: readonly string[], plains: readonly string[]): PreparedWord {
  const given = resolveGivenName(forms);
  const first = forms[0] ?? '';
  // A known given name says its sex; otherwise a surname ending does (Pavlov is read as Павло
  // only by typo tolerance, but its -ov is certain); a mistyped given name says least.
  const exactSex = given?.exact === true ? given.sex : undefined;
  const endingSex = exactSex === undefined ? surnameSex(first) : undefined;
  const nearSex = exactSex === undefined && endingSex === undefined ? given?.sex : undefined;
  const sex = exactSex ?? endingSex ?? nearSex;
  const keys = detectScript(text) === 'cyrillic' ? [...text].map(keyOf).join('') : latinToPlainAscii(text);
  return {
    text,
    forms,
    plains,
    formCodes: forms.map(encodePhonetic),
    plainCodes: plains.map(encodeLetters),
    keys,
    keyCodes: encodeKeys(keys),
    given,
    sex,
    // A word read as a given name, even through a typo, is compared with given names.
    sexFrom: sex === undefined ? undefined : given !== undefined ? 'given' : 'surname',
    suffix: surnameEnding(first),
    soundsLikeGiven: given?.exact === true && detectScript(text) === 'cyrillic' && !isListedGivenName(text),
  };
}

/**
 * Analysed words remembered by spelling and reading: a population repeats its given names and
 * surnames, so most words of a new name have been analysed before. Bounded; forgetting only
 * costs time. The cached words are immutable and shared.
 */
const WORDS = new Map<string, PreparedWord>();
const WORD_CACHE_SIZE = 100_000;

function preparedWord(text: string, conventions: readonly LatinConvention[], language: CyrillicLanguage): PreparedWord | undefined {
  const key = `${conventions.join('+')}|${language}|${text}`;
  let word = WORDS.get(key);
  if (word === undefined) {
    const { forms, plains } = wordForms(text, conventions, language);
    if (forms.length === 0) return undefined;
    word = analyseWord(text, forms, plains);
    if (WORDS.size >= WORD_CACHE_SIZE) WORDS.clear();
    WORDS.set(key, word);
  }
  return word;
}

/**
 * Analyses a full name in any script and word order, as it was meant: an ICAO 9303 machine-
 * readable name (`SHEVCHENKO<<OLEKSANDR`) is read as family and given name (documents.ts), and
 * a name typed with the keyboard on the wrong layout (`.hsq Pfqxtyrj`) is read as the other layout
 * would have typed it when that reading looks more like a name (keyboard.ts, `nameLikeness`).
 */
export function prepareName(full: string): PreparedName {
  const text = documentNameText(full);
  const typed = prepareTyped(text);
  // Worth a second reading only with a sign of the wrong layout, or when no word reads as a known
  // given name (Ufkbyf Heltyrj shows no sign, but nothing in it is a name either).
  const sign = mayBeWrongLayout(text);
  if (!sign && typed.words.some((w) => w.given?.exact === true)) return typed;
  const other = otherLayout(text);
  if (other === undefined || !vowelsLikeAName(other)) return typed;
  const meant = prepareTyped(other);
  if (nameLikeness(meant) <= nameLikeness(typed)) return typed;
  // Without a sign, only a reading that finds a known given name is taken: a real name the table
  // does not know (Herasym Stoian) must not turn into gibberish that happens to end like a surname.
  return sign || meant.words.some((w) => w.given?.exact === true) ? meant : typed;
}

/**
 * How much a reading looks like a name: known given names, surname endings and a patronymic
 * count, and so do words whose letters are not almost all consonants (on the wrong layout,
 * vowels land on consonant keys).
 */
export function nameLikeness(name: PreparedName): number {
  let likeness = name.patronymic === undefined ? 0 : 2;
  for (const word of name.words) {
    if (word.given?.exact === true) likeness += 2;
    else if (word.given !== undefined) likeness += 1;
    if (word.suffix !== undefined) likeness += 1;
    // Counted on the sounds, not the letters: Latin digraphs (shch, kh) are consonant-heavy letters.
    const sounds = word.forms[0] ?? '';
    const vowels = sounds.replace(/[^aeiou]/g, '').length;
    if (sounds.length >= 3 && vowels / sounds.length < 0.2) likeness -= 1;
  }
  return likeness;
}

/**
 * Analyses a name as typed. The patronymic is recognised by its ending only when at least two
 * other words remain, so a two-word name such as "Ivan Petrovych" keeps Petrovych as a surname.
 */
function prepareTyped(full: string): PreparedName {
  const normalised = normaliseName(full);
  const conventions = conventionsFor(normalised);
  const language = cyrillicLanguage(normalised);
  const analysed: PreparedWord[] = [];
  const compound: boolean[] = [];
  const joined = hyphenJoinedWords(full);
  const leaning = scriptLeaning(normalised);
  nameTokens(normalised).forEach((token, i) => {
    const word = preparedWord(unifyWordScript(token, leaning), conventions, language);
    if (word === undefined) return;
    analysed.push(word);
    compound.push(joined[i] === true);
  });
  const { index: patronymicIndex, patronymic } = analysed.length >= 3 ? findPatronymic(analysed, compound) : NO_PATRONYMIC;
  const words = patronymicIndex < 0 ? analysed : analysed.filter((_, i) => i !== patronymicIndex);
  return { normalised, wordsKey: words.map((w) => w.text).join(' '), script: detectScript(normalised), words, patronymic, patronymicPosition: patronymicIndex };
}

/**
 * Prepared names remembered by their text: the registry compares each query with the core names
 * of its blocks, and a registry of a million people has about 300,000 of them. Bounded, the
 * oldest forgotten first (a Map keeps insertion order); forgetting only costs time. The prepared
 * names are immutable and shared.
 */
const NAMES = new Map<string, PreparedName>();
const NAME_CACHE_SIZE = 400_000;

/** `prepareName`, remembered (see NAMES). */
export function prepareNameCached(full: string): PreparedName {
  let name = NAMES.get(full);
  if (name === undefined) {
    name = prepareName(full);
    if (NAMES.size >= NAME_CACHE_SIZE) NAMES.delete(NAMES.keys().next().value!);
    NAMES.set(full, name);
  }
  return name;
}

/**
 * The core name of a registered person: given and family name, normalised, without the
 * patronymic. The registry's index works on it (core.ts).
 */
export function nameCore(givenName: string, familyName: string): string {
  // The family name keeps its hyphens, so that a compound surname's parts are never read as a
  // patronymic when the core name is analysed again (Галина Гнаткевич-Бондаренко).
  return [normaliseName(givenName), normaliseKeepingHyphens(familyName)].filter((p) => p.length > 0).join(' ');
}

/** Registered patronymics analysed, by reading context and text; bounded like the caches above. */
const PATRONYMICS = new Map<string, PreparedPatronymic | null>();

function registeredPatronymic(text: string, conventions: readonly LatinConvention[], language: CyrillicLanguage): PreparedPatronymic | undefined {
  const key = `${conventions.join('+')}|${language}|${text}`;
  let patronymic = PATRONYMICS.get(key);
  if (patronymic === undefined) {
    patronymic = null;
    for (const read of [readPatronymic, readMistypedPatronymic]) {
      for (const token of nameTokens(text)) {
        const word = preparedWord(unifyWordScript(token), conventions, language);
        patronymic ??= (word && readAsPatronymic(word, read)) ?? null;
      }
    }
    if (PATRONYMICS.size >= WORD_CACHE_SIZE) PATRONYMICS.clear();
    PATRONYMICS.set(key, patronymic);
  }
  return patronymic ?? undefined;
}

/**
 * A registered person's name, prepared from the fields the registrar filled in: the words are
 * exactly those of the core name (so the index's words score is the full score's), the
 * patronymic is read from its own field. A patronymic field that does not read as one is left
 * out of the comparison; a patronymic typed into the given-name field is still found.
 */
export function prepareRegisteredName(parts: { givenName: string; patronymic?: string | null | undefined; familyName: string }): PreparedName {
  const core = prepareNameCached(nameCore(parts.givenName, parts.familyName));
  const patronymicText = parts.patronymic?.trim() ? normaliseName(parts.patronymic) : '';
  const normalised = patronymicText === '' ? core.normalised : normaliseName(`${parts.givenName} ${patronymicText} ${parts.familyName}`);
  const patronymic = patronymicText === '' ? core.patronymic : (registeredPatronymic(patronymicText, conventionsFor(normalised), cyrillicLanguage(normalised)) ?? core.patronymic);
  return { normalised, wordsKey: core.wordsKey, script: detectScript(normalised), words: core.words, patronymic, patronymicPosition: -1 };
}
