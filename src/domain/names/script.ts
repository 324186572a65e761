/**
 * Which alphabet a name (or one word of it) is written in, and repair of words typed half on
 * the wrong keyboard layout.
 */

export type Script = 'cyrillic' | 'latin' | 'mixed' | 'none';

/** Which Cyrillic orthography a word shows by its own letters, when it shows one at all. */
export type CyrillicLanguage = 'uk' | 'ru' | 'unknown';

const UKRAINIAN_ONLY = new Set(['і', 'ї', 'є', 'ґ']);
const RUSSIAN_ONLY = new Set(['ы', 'э', 'ъ', 'ё']);

function isCyrillic(code: number): boolean {
  return code >= 0x0400 && code <= 0x052f;
}

function isLatin(ch: string, code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f) || LATIN_EXTRA.test(ch);
}

const LATIN_EXTRA = /\p{Script=Latin}/u;

/**
 * The script of a text: only letters count, so spaces and apostrophes do not make a name
 * "mixed".
 *
 * @example detectScript('Олександр Шевченко') // 'cyrillic'
 * @example detectScript('Shevchenko Олександр') // 'mixed'
 */
export function detectScript(text: string): Script {
  let cyrillic = 0;
  let latin = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (isCyrillic(code)) cyrillic++;
    else if (isLatin(ch, code)) latin++;
  }
  if (cyrillic > 0 && latin > 0) return 'mixed';
  if (cyrillic > 0) return 'cyrillic';
  if (latin > 0) return 'latin';
  return 'none';
}

/**
 * Ukrainian or Russian by letters only one of them has (і ї є ґ against ы э ъ ё). Most words show
 * neither (Шевченко), which is why matching never depends on this.
 */
export function cyrillicLanguage(word: string): CyrillicLanguage {
  let uk = false;
  let ru = false;
  for (const ch of word) {
    if (UKRAINIAN_ONLY.has(ch)) uk = true;
    else if (RUSSIAN_ONLY.has(ch)) ru = true;
  }
  if (uk === ru) return 'unknown';
  return uk ? 'uk' : 'ru';
}

/** Latin letters that look exactly like Cyrillic ones, the usual wrong-layout slips. */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'і', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у',
};
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', с: 'c', е: 'e', н: 'h', і: 'i', к: 'k', м: 'm', о: 'o', р: 'p', т: 't', х: 'x', у: 'y',
};

/**
 * Cyrillic letters as Latin, for the rare Cyrillic letter left inside a Latin word (Fёdor,
 * MARTЫNIUK): a spelling written partly on the other keyboard, read as the Latin letters it
 * stands for.
 */
const CYRILLIC_AS_LATIN: Readonly<Record<string, string>> = {
  б: 'b', г: 'h', ґ: 'g', д: 'd', ё: 'yo', є: 'ye', ж: 'zh', з: 'z', и: 'y', ї: 'yi', й: 'y', л: 'l',
  п: 'p', ф: 'f', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/**
 * Which script a name's letters lean to when only the letters without a look-alike in the other
 * script count (ш, и, з are Cyrillic whatever surrounds them; s, r, l Latin), or undefined when
 * they do not say.
 */
export function scriptLeaning(text: string): 'cyrillic' | 'latin' | undefined {
  let cyrillic = 0;
  let latin = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (isCyrillic(code)) {
      if (CYRILLIC_TO_LATIN[ch] === undefined) cyrillic++;
    } else if (isLatin(ch, code) && LATIN_TO_CYRILLIC[ch] === undefined) latin++;
  }
  if (cyrillic === latin) return undefined;
  return cyrillic > latin ? 'cyrillic' : 'latin';
}

/**
 * A lower-case word that mixes scripts (Шeвченко with a Latin "e") is rewritten wholly in one
 * script, since a look-alike letter from the other keyboard is a typing slip, not a spelling.
 * The script is the one the word's own letters without a look-alike show; when they show none or
 * both (Tapас, Вipa: every letter has a twin), the one the rest of the name leans to (`leaning`);
 * failing that, the script most of its letters use. A Cyrillic letter with no Latin look-alike
 * inside a Latin word is transliterated; a Latin letter with no Cyrillic look-alike inside a
 * Cyrillic word is dropped. Words in one script come back unchanged.
 */
export function unifyWordScript(word: string, leaning?: 'cyrillic' | 'latin'): string {
  if (detectScript(word) !== 'mixed') return word;
  let cyrillic = 0;
  let latin = 0;
  for (const ch of word) {
    const code = ch.codePointAt(0) ?? 0;
    if (isCyrillic(code)) cyrillic++;
    else if (isLatin(ch, code)) latin++;
  }
  const own = scriptLeaning(word);
  const script = own ?? leaning ?? (cyrillic >= latin ? 'cyrillic' : 'latin');
  let out = '';
  if (script === 'cyrillic') {
    for (const ch of word) {
      const code = ch.codePointAt(0) ?? 0;
      if (isCyrillic(code)) out += ch;
      else out += LATIN_TO_CYRILLIC[ch] ?? '';
    }
  } else {
    for (const ch of word) {
      const code = ch.codePointAt(0) ?? 0;
      if (!isCyrillic(code)) out += ch;
      else out += CYRILLIC_TO_LATIN[ch] ?? CYRILLIC_AS_LATIN[ch] ?? '';
    }
  }
  return out;
}
