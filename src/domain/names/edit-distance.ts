import { adjacentKeys } from './keyboard.ts';

/**
 * Edit distances between name words: a weighted Damerau–Levenshtein (optimal string alignment)
 * on phonetic forms, and the plain one on Latin letters.
 *
 * The weights encode what is *not* evidence of a different name. Ukrainian and Russian forms of
 * one surname differ by a vowel (Білик/Белик, Чорновол/Черновол, Олійник/Олейник); conventions
 * that cannot be decoded exactly confuse г with х (ISO 9 h = х, KMU h = г), с with з (German s),
 * ц with з (German z), and ч, ш, х (all "ch" somewhere). These cost a fraction of an edit. A
 * consonant typed wrong, added or lost costs a whole one, so look-alike surnames that differ by a
 * suffix (Kravchenko/Kravchuk: three consonant edits) stay far apart while a typo stays near.
 */

/**
 * Costs are whole numbers of twentieths of an edit, so the dynamic programme adds integers.
 * Words are encoded once (prepare.ts) as arrays of symbol indices into a 32-letter alphabet, so
 * the cost tables are small enough to stay in cache.
 */
const SCALE = 20;
const PHONETIC_ALPHABET = 'aeioubvgdzklmnprstfcZXCSQ';
const SYMBOLS = 32;
const PHONETIC_INDEX = new Uint8Array(128);
for (let i = 0; i < PHONETIC_ALPHABET.length; i++) PHONETIC_INDEX[PHONETIC_ALPHABET.charCodeAt(i)] = i + 1;

const SUBSTITUTION = new Int32Array(SYMBOLS * SYMBOLS).fill(SCALE);
const INSERTION = new Int32Array(SYMBOLS).fill(SCALE);
const TRANSPOSITION = 16;
const UNIT_SUBSTITUTION = new Int32Array(SYMBOLS * SYMBOLS).fill(SCALE);
const UNIT_INSERTION = new Int32Array(SYMBOLS).fill(SCALE);
for (let c = 0; c < SYMBOLS; c++) {
  SUBSTITUTION[c * SYMBOLS + c] = 0;
  UNIT_SUBSTITUTION[c * SYMBOLS + c] = 0;
}

function symbol(letter: string): number {
  return PHONETIC_INDEX[letter.charCodeAt(0)] ?? 0;
}

function setPair(a: string, b: string, cost: number): void {
  const x = symbol(a);
  const y = symbol(b);
  SUBSTITUTION[x * SYMBOLS + y] = Math.round(cost * SCALE);
  SUBSTITUTION[y * SYMBOLS + x] = Math.round(cost * SCALE);
}

// Vowels: е/і and е/о alternate between Ukrainian and Russian forms; unstressed о/а merge.
setPair('e', 'i', 0.3);
setPair('e', 'o', 0.4);
setPair('a', 'o', 0.5);
setPair('o', 'u', 0.5);
setPair('i', 'o', 0.6);
setPair('a', 'e', 0.6);
for (const [a, b] of [['a', 'i'], ['a', 'u'], ['e', 'u'], ['i', 'u']] as const) setPair(a, b, 0.7);
// Consonants the conventions confuse.
setPair('g', 'X', 0.3);
setPair('k', 'X', 0.6);
setPair('g', 'k', 0.7);
setPair('s', 'z', 0.35);
setPair('c', 'z', 0.4);
setPair('c', 's', 0.5);
setPair('S', 'Z', 0.4);
setPair('s', 'S', 0.5);
setPair('z', 'Z', 0.5);
setPair('C', 'S', 0.5);
setPair('C', 'X', 0.5);
setPair('c', 'C', 0.6);
setPair('S', 'X', 0.7);
setPair('Q', 'S', 0.4);
setPair('Q', 'C', 0.6);
setPair('v', 'f', 0.5);
setPair('b', 'p', 0.7);
setPair('d', 't', 0.7);
// A vowel added or lost is a lighter slip than a consonant; i is also the written glide.
for (const v of ['a', 'e', 'o', 'u']) INSERTION[symbol(v)] = 12;
INSERTION[symbol('i')] = 9;

/** A phonetic form (phonetic.ts alphabet) as symbol indices. */
export function encodePhonetic(form: string): Uint8Array {
  const codes = new Uint8Array(form.length);
  for (let i = 0; i < form.length; i++) codes[i] = PHONETIC_INDEX[form.charCodeAt(i) & 127] ?? 0;
  return codes;
}

/** Plain lower-case Latin letters as symbol indices (a = 1 … z = 26). */
export function encodeLetters(plain: string): Uint8Array {
  const codes = new Uint8Array(plain.length);
  for (let i = 0; i < plain.length; i++) codes[i] = (plain.charCodeAt(i) - 96) & 31;
  return codes;
}

// Three rolling rows, reused: the comparison runs millions of times and must not allocate.
let rowCapacity = 64;
let rowA = new Int32Array(rowCapacity);
let rowB = new Int32Array(rowCapacity);
let rowC = new Int32Array(rowCapacity);

function ensureCapacity(length: number): void {
  if (length < rowCapacity) return;
  rowCapacity = length + 1;
  rowA = new Int32Array(rowCapacity);
  rowB = new Int32Array(rowCapacity);
  rowC = new Int32Array(rowCapacity);
}

function alignmentCost(
  a: Uint8Array,
  b: Uint8Array,
  substitution: Int32Array,
  insertion: Int32Array,
  transposition: number,
  limit: number,
): number {
  const la = a.length;
  const lb = b.length;
  ensureCapacity(lb + 1);
  let twoBack = rowA;
  let previous = rowB;
  let row = rowC;
  previous[0] = 0;
  for (let j = 1; j <= lb; j++) previous[j] = previous[j - 1]! + insertion[b[j - 1]!]!;
  let previousMin = 0;
  let lastA = 0;
  for (let i = 1; i <= la; i++) {
    const ca = a[i - 1]!;
    const deleteCost = insertion[ca]!;
    const substitutionRow = ca * SYMBOLS;
    let best = previous[0]! + deleteCost;
    row[0] = best;
    let rowMin = best;
    let lastB = 0;
    for (let j = 1; j <= lb; j++) {
      const cb = b[j - 1]!;
      best = previous[j - 1]! + substitution[substitutionRow + cb]!;
      const deletion = previous[j]! + deleteCost;
      if (deletion < best) best = deletion;
      const inserted = row[j - 1]! + insertion[cb]!;
      if (inserted < best) best = inserted;
      if (ca === lastB && cb === lastA && j > 1 && i > 1) {
        const swap = twoBack[j - 2]! + transposition;
        if (swap < best) best = swap;
      }
      row[j] = best;
      if (best < rowMin) rowMin = best;
      lastB = cb;
    }
    // Every alignment passes through this row or, by a transposition, the one before it: once
    // both are past the limit, so is the distance.
    if (rowMin > limit && previousMin + transposition > limit) return Math.min(rowMin, previousMin + transposition);
    previousMin = rowMin;
    lastA = ca;
    const spare = twoBack;
    twoBack = previous;
    previous = row;
    row = spare;
  }
  return previous[lb]!;
}

/**
 * Weighted optimal-string-alignment distance between two encoded phonetic forms, in edits. Past
 * `limit` the computation stops and returns a value above the limit (a lower bound of the true
 * distance): callers that only care whether words are near pay only for near words.
 */
export function weightedDistance(a: Uint8Array, b: Uint8Array, limit = Number.POSITIVE_INFINITY): number {
  const scaledLimit = limit === Number.POSITIVE_INFINITY ? 0x3fffffff : Math.floor(limit * SCALE);
  return alignmentCost(a, b, SUBSTITUTION, INSERTION, TRANSPOSITION, scaledLimit) / SCALE;
}

/** Plain Damerau–Levenshtein (optimal string alignment) distance between encoded letters. */
export function letterDistance(a: Uint8Array, b: Uint8Array, limit = Number.POSITIVE_INFINITY): number {
  const scaledLimit = limit === Number.POSITIVE_INFINITY ? 0x3fffffff : Math.floor(limit * SCALE);
  return alignmentCost(a, b, UNIT_SUBSTITUTION, UNIT_INSERTION, SCALE, scaledLimit) / SCALE;
}

/**
 * Keys as typed (keyboard.ts: a Cyrillic letter by the QWERTY key it is on), for typos weighted
 * by the keyboard: a slip onto a neighbouring key (Мельгик for Мельник: н and г touch) costs half
 * an edit on the Ukrainian and Russian layouts alike, since both put a letter on the same key.
 */
const KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz,.;'[";
const KEY_INDEX = new Uint8Array(128);
for (let i = 0; i < KEY_ALPHABET.length; i++) KEY_INDEX[KEY_ALPHABET.charCodeAt(i)] = i + 1;
KEY_INDEX[']'.charCodeAt(0)] = KEY_INDEX['['.charCodeAt(0)]!;
const KEY_SUBSTITUTION = new Int32Array(SYMBOLS * SYMBOLS).fill(SCALE);
const NEIGHBOUR_KEY = 10;
for (let x = 0; x < KEY_ALPHABET.length; x++) {
  for (let y = 0; y < KEY_ALPHABET.length; y++) {
    const cost = x === y ? 0 : adjacentKeys(KEY_ALPHABET[x]!, KEY_ALPHABET[y]!) ? NEIGHBOUR_KEY : SCALE;
    KEY_SUBSTITUTION[(x + 1) * SYMBOLS + y + 1] = cost;
  }
}

/** A word's keys (QWERTY characters) as symbol indices for `keyDistance`; unknown keys are 0. */
export function encodeKeys(keys: string): Uint8Array {
  const codes = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i++) codes[i] = KEY_INDEX[keys.charCodeAt(i) & 127] ?? 0;
  return codes;
}

/** Damerau–Levenshtein on keys, a neighbouring key costing half an edit. */
export function keyDistance(a: Uint8Array, b: Uint8Array, limit = Number.POSITIVE_INFINITY): number {
  const scaledLimit = limit === Number.POSITIVE_INFINITY ? 0x3fffffff : Math.floor(limit * SCALE);
  return alignmentCost(a, b, KEY_SUBSTITUTION, UNIT_INSERTION, TRANSPOSITION, scaledLimit) / SCALE;
}

/**
 * Weighted distance between two phonetic forms given as strings; with `weighted` false, the
 * plain letter distance.
 *
 * @example phoneticDistance('belik', 'bilik') // 0.3
 */
export function phoneticDistance(a: string, b: string, weighted = true): number {
  if (a === b) return 0;
  return weighted ? weightedDistance(encodePhonetic(a), encodePhonetic(b)) : letterDistance(encodeLetters(a), encodeLetters(b));
}

/**
 * Similarity in [0, 1]: one minus the distance over the longer length.
 *
 * @example phoneticSimilarity('ivanov', 'ivanenko') // ≈ 0.63, a look-alike
 * @example phoneticSimilarity('ivanov', 'ianov') // ≈ 0.83, a typo
 */
export function phoneticSimilarity(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  if (length === 0) return 1;
  return Math.max(0, 1 - phoneticDistance(a, b) / length);
}

/**
 * Whether two strings are at most one typing slip apart — a letter changed, added, lost, or two
 * neighbours swapped — in linear time, on any letters.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length === long.length) {
    if (short.slice(i + 1) === long.slice(i + 1)) return true;
    return short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2);
  }
  return short.slice(i) === long.slice(i + 1);
}

/** Length of the longest common ending of two strings. */
export function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
