/**
 * Surnames and given names as other languages' media inflect them, brought back to the form
 * Ukrainian and Russian write (issue 13). Each reading is an extra spelling of the word; the
 * scorer keeps the best, so a reading that fits nothing costs nothing.
 *
 * - Czech and Slovak give a woman's surname the feminine -ová, dropping a final vowel:
 *   Тимошенко → Tymošenková, Світоліна → Svitolinová, Кузнєцова → Kuzněcovová, Ткачук →
 *   Tkačuková (-ська is -ská, which the decoders read already). Only the accented ending counts:
 *   plain -ova is the Russian and Ukrainian feminine itself (Ivanova).
 * - Lithuanian gives men's names a case ending: -as after a consonant (Volodymyras, Usykas), -is
 *   for -ий (Zelenskis), -us after a soft stem (Vitalijus, Sergejus), and adapts -o to -a
 *   (Porošenka).
 * - Latvian adds -s to a man's name ending in a consonant or -ij (Oleksandrs, Vitālijs, Jermaks,
 *   Deniss) and -is for -ий (Zelenskis); its long vowels and ķ ļ ņ ģ fold to plain letters.
 *
 * The readings come first for a Czech -ová, whose base form is the one the surname's suffix and
 * sex are read from; after the word as written for the Baltic endings, which are rarer than the
 * Ukrainian words they resemble (Taras, Bilous).
 */

const CONSONANT_END = /[^aeiouyáéíóúýěůāēīōū]$/u;

/** Base forms of a Czech or Slovak woman's surname in -ová, likeliest first; [] for any other word. */
function czechFeminineBases(word: string): string[] {
  if (!word.endsWith('ová') || word.length < 6) return [];
  const stem = word.slice(0, -3);
  // -in, -yn, -ov, -ev: a Russian-type surname whose feminine ends in -a (Svitolina, Kuznecova).
  if (/(in|yn|ov|ev|ěv)$/u.test(stem)) return [`${stem}a`];
  // A -ko surname lost its -o (Tymošenko, Bojko); a consonant + k stem is one too.
  if (/enk$/u.test(stem) || /[^aeiouy]k$/u.test(stem)) return [`${stem}o`, stem];
  // Otherwise the surname has one form for both sexes (Tkačuková: Ткачук, Melnyková: Мельник).
  // Not stem + a: a reading that differs from the other name by a final -a is taken for the
  // feminine of another name (morphology.ts).
  return [stem];
}

/** Readings of a word with a Lithuanian or Latvian ending taken off, or []. */
function balticBases(word: string): string[] {
  const bases: string[] = [];
  const take = (ending: string, add: string): void => {
    const stem = word.slice(0, -ending.length);
    if (word.endsWith(ending) && stem.length >= 3 && CONSONANT_END.test(stem)) bases.push(stem + add);
  };
  if (word.endsWith('ijus') || word.endsWith('jus')) take('us', '');
  take('as', '');
  take('is', 'i');
  take('us', '');
  if (word.length >= 6 && word.endsWith('enka')) bases.push(`${word.slice(0, -1)}o`);
  // Latvian -s after a consonant or the glide j (Oleksandrs, Vitālijs, Deniss).
  if (/[^aeiouyāēīū]s$/u.test(word) && word.length >= 4 && !word.endsWith('ss')) bases.push(word.slice(0, -1));
  if (word.endsWith('ss') && word.length >= 5) bases.push(word.slice(0, -1));
  return [...new Set(bases)];
}

/**
 * The spellings of a lower-case Latin word to decode: its inflection-free readings and the word as
 * written, in the order described above.
 *
 * @example latinWordReadings('tymošenková') // ['tymošenko', 'tymošenk', 'tymošenková']
 * @example latinWordReadings('volodymyras') // ['volodymyras', 'volodymyr']
 */
export function latinWordReadings(word: string): string[] {
  const czech = czechFeminineBases(word);
  if (czech.length > 0) return [...czech, word];
  return [word, ...balticBases(word)];
}
