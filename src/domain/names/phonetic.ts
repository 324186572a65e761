/**
 * The one comparable phonetic form every spelling of a name word is brought to.
 *
 * Internal alphabet (one character per sound, so edit distances count sounds, not letters):
 *
 *   vowels      a e i o u
 *   consonants  b v g d z k l m n p r s t f c (ц)
 *               Z (ж)  X (х)  C (ч)  S (ш)  Q (щ)
 *
 * Decoders (cyrillic.ts, latin-conventions.ts) emit this alphabet, with щ as "SC" (its sounds,
 * which is how šč, szcz, shch, schtsch and chtch spell it), plus two transient letters: "y"
 * (Latin y, a glide or a vowel) and "j"/"J" (a glide). `canonicalForm` makes щ one sound again —
 * so a doubled щ in a typo is one extra letter, as it was typed — and removes what the
 * conventions disagree on:
 *
 * 1. Latin y is a glide (Yevhen, Boyko, Dmitriy) or the vowel и/ы (Lysenko, Ywanow); both, and
 *    the glide j, become i and doubled letters collapse: Юлія, Yuliia, Julija, Yulia and ISO 9 Ûlìâ
 *    all become "iulia"; Наталія, Nataliia, Natalja, Наталья become "natalia". Collapsing also
 *    forgives doubled letters (Lyssenko, a typed "Okssana").
 * 2. A glide before e or o after a consonant, and before e at the start of a word, is dropped:
 *    Russian е and ё are written e, ye, ie or je (Кузнецов, Кузнєцов, Kuznietsov, Kuznjecow,
 *    French Kouznietsov) and ё often plain e; Євген/Евгений/Yevhen start alike. A word-initial
 *    "io" stays: it is Йо- (Йосип), and dropping it would make a typo like Iohr (Ihor) unreadable.
 * 3. The Russian feminine adjective ending -ая becomes -а, as Ukrainian writes it (-ська/-ская).
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && VOWELS.has(ch);
}

function resolveGlides(raw: string): string {
  let out = '';
  for (const ch of raw) out += ch === 'y' || ch === 'j' || ch === 'J' ? 'i' : ch;
  return out;
}

function collapseRuns(text: string): string {
  let out = '';
  for (const ch of text) if (out[out.length - 1] !== ch) out += ch;
  return out;
}

function dropGlideBeforeMidVowel(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    const next = text[i + 1];
    const afterConsonant = i > 0 && !isVowel(text[i - 1]);
    if (ch === 'i' && ((next === 'e' && (i === 0 || afterConsonant)) || (next === 'o' && afterConsonant))) continue;
    out += ch;
  }
  return out;
}

/**
 * Raw phonemes from a decoder → the canonical phonetic form of the word.
 *
 * @example canonicalForm('kuzniecov') // 'kuznecov'
 * @example canonicalForm('julija') // 'iulia'
 */
export function canonicalForm(raw: string): string {
  let text = collapseRuns(resolveGlides(raw.replaceAll('SC', 'Q')));
  text = collapseRuns(dropGlideBeforeMidVowel(text));
  if (text.length > 4 && text.endsWith('aia')) text = `${text.slice(0, -3)}a`;
  return text;
}

