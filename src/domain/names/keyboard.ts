/**
 * Keyboards: a name typed with the layout switched the wrong way, and the keys next to each other
 * (for typo weights).
 *
 * Ukrainian and Russian ЙЦУКЕН share the physical keys of QWERTY: Юрій Зайченко typed with the
 * Latin layout on is `.hsq Pfqxtyrj`, Oleh typed with the Cyrillic layout on is `Щдуш`. The maps
 * are the standard Windows/X11 layouts (Ukrainian with ґ on the backslash key, the apostrophe on
 * the backtick key; Russian ё there), lower and upper case.
 */

const QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.\\";
const UKRAINIAN = "'йцукенгшщзхїфівапролджєячсмитьбюґ";
const RUSSIAN = 'ёйцукенгшщзхъфывапролджэячсмитьбю\\';
const QWERTY_SHIFTED = '~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>|';
const UKRAINIAN_SHIFTED = "'ЙЦУКЕНГШЩЗХЇФІВАПРОЛДЖЄЯЧСМИТЬБЮҐ";
const RUSSIAN_SHIFTED = 'ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ/';

function table(from: string, to: string): Map<string, string> {
  const map = new Map<string, string>();
  const a = [...from];
  const b = [...to];
  for (let i = 0; i < a.length; i++) if (!map.has(a[i]!)) map.set(a[i]!, b[i]!);
  return map;
}

const LATIN_TO_UK = new Map([...table(QWERTY, UKRAINIAN), ...table(QWERTY_SHIFTED, UKRAINIAN_SHIFTED)]);
const LATIN_TO_RU = new Map([...table(QWERTY, RUSSIAN), ...table(QWERTY_SHIFTED, RUSSIAN_SHIFTED)]);
const CYRILLIC_TO_LATIN = new Map([
  ...table(RUSSIAN, QWERTY),
  ...table(RUSSIAN_SHIFTED, QWERTY_SHIFTED),
  ...table(UKRAINIAN, QWERTY),
  ...table(UKRAINIAN_SHIFTED, QWERTY_SHIFTED),
]);
// The backtick key is the apostrophe in Ukrainian: a typed ’ is an apostrophe on either layout.
LATIN_TO_UK.delete('`');
CYRILLIC_TO_LATIN.delete("'");

/** Keys that stand for letters on the other layout but are punctuation on QWERTY. */
const LETTER_KEYS = new Set([',', '.', ';', "'", '[', ']', '<', '>', ':', '"', '{', '}']);

/** Text retyped as the other layout would have produced it (characters without a key stay). */
function retype(text: string, map: ReadonlyMap<string, string>): string {
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}

/**
 * The text as the other layout would have typed it: QWERTY text read as Ukrainian (or Russian,
 * when `language` says so) ЙЦУКЕН, Cyrillic text read as QWERTY. Undefined for text with letters
 * of both scripts (a look-alike slip, script.ts) or none.
 *
 * @example otherLayout('.hsq Pfqxtyrj') // 'юрій Зайченко'
 * @example otherLayout('Щдуш') // 'Oleh'
 */
export function otherLayout(text: string, language: 'uk' | 'ru' = 'uk'): string | undefined {
  const latin = /[A-Za-z]/.test(text);
  const cyrillic = /[\u0400-\u04ff]/.test(text);
  if (latin === cyrillic) return undefined;
  if (cyrillic) return retype(text, CYRILLIC_TO_LATIN);
  return retype(text, language === 'ru' ? LATIN_TO_RU : LATIN_TO_UK);
}

/**
 * Whether text shows a sign of the wrong layout worth checking: QWERTY punctuation inside or at
 * the start of a word (б ю ж є х ї are punctuation keys there), a word of four letters or more
 * with almost no vowels (Cyrillic vowels sit on Latin consonant keys, and the reverse), or a
 * Cyrillic word that starts or ends as no Cyrillic name does. Only a sign: `prepareName` keeps
 * the reading that looks more like a name.
 */
export function mayBeWrongLayout(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  for (const word of words) {
    const chars = [...word];
    if (chars.some((ch, i) => LETTER_KEYS.has(ch) && i < chars.length - 1)) return true;
    const letters = chars.filter((ch) => /\p{L}/u.test(ch));
    if (letters.length >= 4 && vowelShare(letters) < 0.25) return true;
    // Latin endings -o and -a, and a capital Sh or S, land on щ, ф and Ы: no Cyrillic name looks so.
    if (letters.length >= 3 && (/^[ыьъ]/iu.test(word) || /[бвгджзклмнпрстфхцчшщ][щф]$/iu.test(word))) return true;
  }
  return false;
}

/**
 * Whether every word of three letters or more has a share of vowels a name can have: a cheap
 * test that spares analysing the other layout's reading of a real name, which is gibberish
 * (Ivan read on ЙЦУКЕН is Шмфт).
 */
export function vowelsLikeAName(text: string): boolean {
  for (const word of text.split(/\s+/)) {
    const letters = [...word].filter((ch) => /\p{L}/u.test(ch));
    if (letters.length < 3) continue;
    const share = vowelShare(letters);
    if (share < 0.2 || share > 0.8) return false;
  }
  return true;
}

const VOWELS = new Set([...'aeiouyаеиіїоуюяєыэё']);

function vowelShare(letters: readonly string[]): number {
  let vowels = 0;
  for (const ch of letters) if (VOWELS.has(ch.toLowerCase())) vowels++;
  return letters.length === 0 ? 0 : vowels / letters.length;
}

/** QWERTY rows, for which keys are next to each other (Cyrillic letters by the key they are on). */
const ROWS = ['qwertyuiop[]', "asdfghjkl;'", 'zxcvbnm,.'];

const POSITION = new Map<string, readonly [number, number]>();
ROWS.forEach((row, r) => [...row].forEach((key, c) => POSITION.set(key, [r, c])));

/** The QWERTY key a lower-case letter is typed with (a Latin letter is its own key). */
export function keyOf(letter: string): string {
  return CYRILLIC_TO_LATIN.get(letter) ?? letter;
}

/**
 * Whether two keys touch on a staggered keyboard: same row, one apart; or the row above or below,
 * in the two columns that overlap the key.
 *
 * @example adjacentKeys('н', 'г') // true (y, u)
 */
export function adjacentKeys(a: string, b: string): boolean {
  const x = POSITION.get(keyOf(a));
  const y = POSITION.get(keyOf(b));
  if (x === undefined || y === undefined || (x[0] === y[0] && x[1] === y[1])) return false;
  if (x[0] === y[0]) return Math.abs(x[1] - y[1]) === 1;
  if (y[0] === x[0] + 1) return y[1] === x[1] || y[1] === x[1] - 1;
  if (y[0] === x[0] - 1) return y[1] === x[1] || y[1] === x[1] + 1;
  return false;
}
