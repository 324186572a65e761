/**
 * Unicode clean-up of a full name before anything phonetic happens.
 *
 * What registrars type varies in ways that carry no meaning: composed or decomposed accents,
 * full-width letters, capitals (passports print "SHEVCHENKO OLEKSANDR"), four kinds of apostrophe
 * in Лук’яненко, commas and dots between parts. Diacritics are *kept* here: in ISO 9 and in
 * Czech and Polish spellings they are letters (č = ч, ê = є, ł = л) and are decoded as such later
 * (see latin-conventions.ts); only marks that mean nothing there are folded by `foldDiacritics`.
 */

/**
 * Every apostrophe-like character seen in Ukrainian names: ASCII ' and ", typographic ’ ‘ ‛,
 * the modifier letter ʼ (the official Ukrainian apostrophe), backtick, acute and prime, and the
 * ISO 9 soft and hard sign primes ʹ ʺ. Transliterations drop the apostrophe (Лук'яненко →
 * Lukianenko), so it is removed rather than turned into a word break.
 */
const APOSTROPHES = new Set([
  "'", '"', '`', '´', '’', '‘', '‛', 'ʼ', 'ʻ', 'ʹ', 'ʺ', '′', '″', '＇', '«', '»', '„', '“', '”',
]);

/** Characters that separate name parts: hyphens of compound surnames, commas, dots, slashes. */
const SEPARATORS = new Set(['-', '‐', '‑', '‒', '–', '—', '_', ',', '.', ';', ':', '/', '\\', '(', ')', '[', ']', '<', '>']);

/**
 * Returns the name in NFKC, lower case, apostrophes removed, separators and runs of white space
 * turned into one space, digits and other symbols dropped.
 *
 * @example normaliseName('  ЛУК’ЯНЕНКО,  Надія ') // 'лукяненко надія'
 * @example normaliseName('Ševčenko-Kravčuk') // 'ševčenko kravčuk'
 */
export function normaliseName(full: string): string {
  const text = full.normalize('NFKC').toLowerCase();
  let out = '';
  let pendingSpace = false;
  for (const ch of text) {
    if (APOSTROPHES.has(ch)) continue;
    if (SEPARATORS.has(ch) || WHITE_SPACE.test(ch)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (!isLetterOrMark(ch)) continue;
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += ch;
  }
  return out;
}

/** Hyphens that join the parts of a compound surname (Гнаткевич-Бондаренко), not dashes between words. */
const HYPHENS = new Set(['-', '‐', '‑', '‒', '–']);

/**
 * For each word `normaliseName` makes of a text, whether a hyphen with no space around it joins
 * it to a neighbour: such words are parts of one compound surname, never a patronymic.
 *
 * @example hyphenJoinedWords('Halyna Ivanivna Hnatkevych-Bondarenko') // [false, false, true, true]
 */
export function hyphenJoinedWords(full: string): boolean[] {
  const text = full.normalize('NFKC');
  const joined: boolean[] = [];
  let inWord = false;
  let gap = '';
  for (const ch of text) {
    if (APOSTROPHES.has(ch)) continue;
    if (SEPARATORS.has(ch) || WHITE_SPACE.test(ch)) {
      if (inWord) gap = '';
      inWord = false;
      gap += ch;
      continue;
    }
    if (!isLetterOrMark(ch)) continue;
    if (!inWord) {
      const linked = joined.length > 0 && gap.length > 0 && [...gap].every((c) => HYPHENS.has(c));
      if (linked) joined[joined.length - 1] = true;
      joined.push(linked);
      inWord = true;
      gap = '';
    }
  }
  return joined;
}

/**
 * A name part normalised with its hyphens kept (`гнаткевич-бондаренко`), so that a stored core
 * name still shows a compound surname; `normaliseName` reads the hyphen as a word break.
 */
export function normaliseKeepingHyphens(part: string): string {
  return part
    .normalize('NFKC')
    .split(/\s*[-‐‑‒–]\s*/u)
    .map(normaliseName)
    .filter((p) => p.length > 0)
    .join('-');
}

/** Splits a normalised name into its words. */
export function nameTokens(normalised: string): string[] {
  return normalised.length === 0 ? [] : normalised.split(' ');
}

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const WHITE_SPACE = /\s/u;

function isLetterOrMark(ch: string): boolean {
  return LETTER_OR_MARK.test(ch);
}

const COMBINING_MARKS = /\p{M}/gu;

/**
 * Removes accents that are left after the convention decoders have read the meaningful ones
 * (é, á, ö…): NFD, then every combining mark goes.
 */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '');
}
