import { prepareName, type PreparedWord } from './prepare.ts';

/** A full name split into its parts, as far as the words themselves tell. */
export interface ParsedName {
  /** All words, normalised, in the order written. */
  tokens: string[];
  given?: string;
  family?: string;
  patronymic?: string;
}

function isPassportStyle(full: string): boolean {
  return full === full.toUpperCase() && full !== full.toLowerCase();
}

function pickGiven(words: readonly PreparedWord[], patronymicPosition: number): number {
  const exact = words.findIndex((w) => w.given?.exact === true);
  if (exact >= 0) return exact;
  const fuzzy = words.findIndex((w) => w.given !== undefined);
  if (fuzzy >= 0) return fuzzy;
  // Whether written "Given Patronymic Family" or "Family Given Patronymic", the given name comes
  // right before the patronymic.
  if (patronymicPosition > 0) return patronymicPosition - 1;
  return -1;
}

/**
 * Splits a full name into given name, family name and patronymic, in any word order.
 *
 * The given name is the word the given-name table knows; failing that, the word before the
 * patronymic; failing that, the word order: "SURNAME GIVEN" when written in capitals as in
 * passports, "Given Family" otherwise. The patronymic is read from its ending (-ович, -івна…).
 *
 * @example parseName('ШЕВЧЕНКО Олександр Іванович')
 *   // { tokens: ['шевченко', 'олександр', 'іванович'], given: 'олександр', family: 'шевченко', patronymic: 'іванович' }
 */
export function parseName(full: string): ParsedName {
  const prepared = prepareName(full);
  const words = prepared.words;
  const tokens = words.map((w) => w.text);
  if (prepared.patronymic !== undefined) tokens.splice(prepared.patronymicPosition, 0, prepared.patronymic.text);
  const parsed: ParsedName = { tokens };
  if (prepared.patronymic !== undefined) parsed.patronymic = prepared.patronymic.text;
  if (words.length === 0) return parsed;
  if (words.length === 1) {
    const only = words[0];
    if (only?.given?.exact === true) parsed.given = only.text;
    else if (only !== undefined) parsed.family = only.text;
    return parsed;
  }
  let givenIndex = pickGiven(words, prepared.patronymicPosition);
  if (givenIndex < 0) givenIndex = isPassportStyle(full) ? 1 : 0;
  parsed.given = words[givenIndex]?.text;
  const family = words.filter((_, i) => i !== givenIndex).map((w) => w.text);
  if (family.length > 0) parsed.family = family.join(' ');
  return parsed;
}
