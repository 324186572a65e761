import { cyrillicToPassportLatin, cyrillicToPhonemes } from './cyrillic.ts';
import { encodeLetters, encodePhonetic } from './edit-distance.ts';
import { resolveGivenName, type GivenNameMatch } from './given-name-index.ts';
import type { Sex } from './given-names.ts';
import { conventionsFor, latinToPhonemes, latinToPlainAscii, type LatinConvention } from './latin-conventions.ts';
import { FATHER_NAME_ENDINGS, readMistypedPatronymic, readPatronymic, surnameEnding, surnameSex, type SurnameEnding } from './morphology.ts';
import { nameTokens, normaliseName } from './normalise.ts';
import { canonicalForm } from './phonetic.ts';
import { cyrillicLanguage, detectScript, unifyWordScript, type CyrillicLanguage, type Script } from './script.ts';

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
  /** The word read as a given name, if the table knows it. */
  readonly given: GivenNameMatch | undefined;
  /** Sex shown by the word: its given-name group if it is a known name, else its surname ending. */
  readonly sex: Sex | undefined;
  /** Where `sex` comes from; sexes are compared only between words of the same kind. */
  readonly sexFrom: 'given' | 'surname' | undefined;
  /** Surname suffix family (-enko, -uk, -ov…) of the first form. */
  readonly suffix: SurnameEnding | undefined;
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
    for (const convention of conventions) {
      const form = canonicalForm(latinToPhonemes(word, convention));
      if (form.length > 0 && !forms.includes(form)) forms.push(form);
    }
    return { forms, plains: [latinToPlainAscii(word)] };
  }
  return { forms: [], plains: [] };
}

function fatherGroupsOf(stems: readonly string[]): number[] {
  const groups = new Set<number>();
  for (const stem of stems) {
    for (const ending of FATHER_NAME_ENDINGS) {
      const match = resolveGivenName([stem + ending]);
      if (match?.exact && match.sex === 'm') for (const id of match.groups) groups.add(id);
    }
  }
  return [...groups];
}

/**
 * Analyses a full name in any script and word order.
 *
 * The patronymic is recognised by its ending only when at least two other words remain, so a
 * two-word name such as "Ivan Petrovych" keeps Petrovych as a surname.
 */
export function prepareName(full: string): PreparedName {
  const normalised = normaliseName(full);
  const tokens = nameTokens(normalised).map(unifyWordScript);
  const conventions = conventionsFor(normalised);
  const language = cyrillicLanguage(normalised);
  const analysed = tokens
    .map((text) => ({ text, ...wordForms(text, conventions, language) }))
    .filter((word) => word.forms.length > 0);

  let patronymicIndex = -1;
  let patronymic: PreparedPatronymic | undefined;
  if (analysed.length >= 3) {
    for (const read of [readPatronymic, readMistypedPatronymic]) {
      for (let i = analysed.length - 1; i >= 0 && patronymic === undefined; i--) {
        const word = analysed[i];
        if (word === undefined || resolveGivenName(word.forms)?.exact === true) continue;
        const readings = word.forms.map(read).filter((p) => p !== undefined);
        const first = readings[0];
        if (first === undefined) continue;
        const stems = [...new Set(readings.map((r) => r.stem))];
        patronymicIndex = i;
        patronymic = { text: word.text, stems, sex: first.sex, fatherGroups: fatherGroupsOf(stems) };
      }
    }
  }

  const words: PreparedWord[] = analysed
    .filter((_, i) => i !== patronymicIndex)
    .map((word) => {
      const given = resolveGivenName(word.forms);
      const first = word.forms[0] ?? '';
      const givenSex = given?.sex;
      const surnameSexOfWord = given === undefined ? surnameSex(first) : undefined;
      return {
        text: word.text,
        forms: word.forms,
        plains: word.plains,
        formCodes: word.forms.map(encodePhonetic),
        plainCodes: word.plains.map(encodeLetters),
        given,
        sex: givenSex ?? surnameSexOfWord,
        sexFrom: givenSex !== undefined ? 'given' : surnameSexOfWord !== undefined ? 'surname' : undefined,
        suffix: surnameEnding(first),
      };
    });
  return { normalised, script: detectScript(normalised), words, patronymic, patronymicPosition: patronymicIndex };
}
