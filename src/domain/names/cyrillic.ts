import cyrillicToTranslit from 'cyrillic-to-translit-js';
import { foldDiacritics } from './normalise.ts';

/**
 * Ukrainian and Russian Cyrillic letters as phonemes of the internal alphabet (phonetic.ts).
 *
 * One table serves both languages because where they share a letter they mostly share a sound,
 * and where they differ the difference is what Ukrainian/Russian pairs of the same surname show
 * anyway (Білик/Белик, Чорновол/Черновол): the comparison, not the decoding, forgives it.
 * - и (uk, a sound near "y") and и, ы (ru) all become i, so Лисенко = Лысенко.
 * - г is g in both: Ukrainian г is [ɦ], written h by KMU 2010 and g by the 2007 passport table
 *   (Hanna/Ganna) and by Russian; the Latin decoders read h as g for that reason.
 * - є ї ю я ё carry their glide j; the canonical form decides what to keep of it.
 * - ь ъ and the apostrophe only mark softness or separation, which no Latin convention keeps
 *   consistently, so they vanish.
 */
export const CYRILLIC_PHONEMES: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'je', ё: 'jo', ж: 'Z', з: 'z',
  и: 'i', і: 'i', ї: 'ji', й: 'j', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'X', ц: 'c', ч: 'C', ш: 'S', щ: 'SC', ъ: '', ы: 'i',
  ь: '', э: 'e', ю: 'ju', я: 'ja',
};

/**
 * A Cyrillic word (lower case) as raw phonemes; letters outside the table (a stray Latin letter
 * in a word that `unifyWordScript` left alone) are dropped.
 *
 * @example cyrillicToPhonemes('щербак') // 'SCerbak'
 */
export function cyrillicToPhonemes(word: string): string {
  let out = '';
  for (const ch of word) out += CYRILLIC_PHONEMES[ch] ?? '';
  return out;
}

const UKRAINIAN_KMU = cyrillicToTranslit({ preset: 'uk' });
const RUSSIAN = cyrillicToTranslit({ preset: 'ru' });
const NOT_ASCII_LETTER = /[^a-z]/g;

/**
 * The word as the passport office would write it in Latin letters (KMU 2010 for Ukrainian,
 * the library's Russian table for Russian), lower-case ASCII. It is kept beside the phonetic
 * form so a typo that splits a digraph in a Latin spelling ("Kravcuhk") can still be compared
 * letter by letter with the Cyrillic original.
 */
export function cyrillicToPassportLatin(word: string, language: 'uk' | 'ru'): string {
  const translit = language === 'ru' ? RUSSIAN : UKRAINIAN_KMU;
  return foldDiacritics(translit.transform(word).toLowerCase()).replace(NOT_ASCII_LETTER, '');
}
