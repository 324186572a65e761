import { commonSuffixLength, keyDistance, letterDistance, weightedDistance, withinOneEdit } from './edit-distance.ts';
import { distanceToGroup, givenNameCodes, givenNameForms, type GivenNameMatch } from './given-name-index.ts';
import { differsByFeminineEnding } from './morphology.ts';
import type { PreparedWord } from './prepare.ts';

/**
 * Similarity of two name words: the spelling (phonetic forms, plain letters) and the rules that
 * say two words are different names however alike they look.
 */

/** Ceiling for two words that are known, different given names (Олена / Оксана). */
const DIFFERENT_GIVEN_NAMES = 0.4;
/** Ceiling for two words of different sex (Олександр / Олександра, Іванов / Іванова). */
export const DIFFERENT_SEX = 0.45;
/** Ceiling for two surnames with different suffix families (Кравченко / Кравчук). */
const DIFFERENT_SUFFIX = 0.6;
/** Each typo-distance unit between a word and its given-name form lowers the group's agreement. */
const GIVEN_NAME_TYPO_COST = 0.1;

export function shareAny(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** The smallest summed typo distance over the groups two words share, or undefined. */
function nearestSharedGroup(a: GivenNameMatch, b: GivenNameMatch): number | undefined {
  let best: number | undefined;
  for (let i = 0; i < a.groups.length; i++) {
    const other = distanceToGroup(b, a.groups[i] ?? -1);
    if (other === undefined) continue;
    const sum = (a.distances[i] ?? 0) + other;
    if (best === undefined || sum < best) best = sum;
  }
  return best;
}

/**
 * A common surname suffix (-enko, -uk, -ov…) is shared by a large part of the population, so
 * agreeing on it says little: up to this many letters of a shared ending count half in the length
 * a distance is measured against. Without it Шевченко and Зінченко would look 78% alike.
 */
const MAX_SUFFIX_DISCOUNT = 4;

/**
 * Within one typo: one edit in the letters as written, or one phonetic edit (a typo in a
 * Cyrillic letter that stands for two sounds, such as ю, costs a little more than one).
 */
const ONE_TYPO = 1.1;

/** How near a surname must be to another's stem to be taken as that stem without the suffix. */
const BARE_STEM_DISTANCE = 0.6;

/** Letters of the ending two surnames share as a suffix family, or 0. */
function sharedEndingLength(a: PreparedWord, b: PreparedWord): number {
  if (a.suffix === undefined || b.suffix === undefined || a.suffix.family !== b.suffix.family) return 0;
  return Math.min(MAX_SUFFIX_DISCOUNT, a.suffix.length, b.suffix.length);
}

/** Length a distance is measured against: the longer word, a shared common ending counting half. */
function effectiveLength(x: string, y: string, sharedEnding: number): number {
  const discount = sharedEnding > 0 ? Math.min(sharedEnding, commonSuffixLength(x, y)) : 0;
  return Math.max(x.length, y.length) - discount / 2;
}

function similarityOf(distance: number, length: number): number {
  return length <= 0 ? (distance === 0 ? 1 : 0) : Math.max(0, 1 - distance / length);
}

/**
 * Word similarities below this are not computed exactly: the edit distance stops once it is
 * clear the words are further apart, since all that matters then is that they differ (a score
 * with such a word stays far below any threshold).
 */
const DIFFERENT_WORDS = 0.5;

/** The plain-letter comparison can only rescue a word whose sounds are already this close. */
const LETTER_RESCUE_FROM = 0.5;

/**
 * Spelling similarity: the best over the pairs of phonetic forms and, where it could do better,
 * over the plain letters (a typo that splits a digraph, Kravcuhk, is one letter away from
 * Kravchuk but two sounds away from Кравчук).
 */
function spellingSimilarity(a: PreparedWord, b: PreparedWord, sharedEnding: number, floor: number): number {
  let similarity = 0;
  for (let i = 0; i < a.forms.length; i++) {
    for (let j = 0; j < b.forms.length; j++) {
      const x = a.forms[i]!;
      const y = b.forms[j]!;
      if (x === y) return 1;
      const length = effectiveLength(x, y, sharedEnding);
      const d = weightedDistance(a.formCodes[i]!, b.formCodes[j]!, length * (1 - Math.max(similarity, floor)));
      const s = similarityOf(d, length);
      if (s > similarity) similarity = s;
    }
  }
  if (similarity < LETTER_RESCUE_FROM) return similarity;
  for (let i = 0; i < a.plains.length; i++) {
    for (let j = 0; j < b.plains.length; j++) {
      const x = a.plains[i]!;
      const y = b.plains[j]!;
      const length = effectiveLength(x, y, sharedEnding);
      // Each letter of length difference is at least one edit: skip pairs that cannot do better.
      if (similarityOf(Math.abs(x.length - y.length), length) <= similarity) continue;
      const d = letterDistance(a.plainCodes[i]!, b.plainCodes[j]!, length * (1 - similarity));
      const s = similarityOf(d, length);
      if (s > similarity) similarity = s;
    }
  }
  // Two words in one script, compared key by key: a slip onto a neighbouring key costs half.
  if (isCyrillicWord(a.text) === isCyrillicWord(b.text) && a.keys !== b.keys) {
    const length = effectiveLength(a.keys, b.keys, sharedEnding);
    if (similarityOf(Math.abs(a.keys.length - b.keys.length), length) > similarity) {
      const s = similarityOf(keyDistance(a.keyCodes, b.keyCodes, length * (1 - similarity)), length);
      if (s > similarity) similarity = s;
    }
  }
  return similarity;
}

/**
 * Two words one typo apart are not told apart by suffix families (Гнатюк typed Hnatuik ends like
 * -ik): one phonetic edit, or one edit in the plain letters.
 */
function withinOneTypo(a: PreparedWord, b: PreparedWord): boolean {
  for (const x of a.formCodes) {
    for (const y of b.formCodes) if (weightedDistance(x, y, ONE_TYPO) <= ONE_TYPO) return true;
  }
  for (const x of a.plainCodes) {
    for (const y of b.plainCodes) {
      if (Math.abs(x.length - y.length) <= 1 && letterDistance(x, y, 1) <= 1) return true;
    }
  }
  return false;
}

/**
 * Two different names of the table are taken for one only when a slip explains them: the letters
 * *as typed*, in one script, are a single slip apart (Iyna for Iryna reads as Інна), or a Cyrillic
 * word that is no listed spelling (Іан, read as Ян, is Іван with a letter lost) is one typo from
 * the other. Марина and Марія are one sound apart but two letters: different names.
 */
function slipExplains(a: PreparedWord, b: PreparedWord): boolean {
  // Familiar forms are short and one letter apart from each other (Коля, Оля, Толя; Валя, Ваня):
  // a familiar form is taken as written.
  if (a.given?.familiar === true || b.given?.familiar === true) return false;
  if (isCyrillicWord(a.text) === isCyrillicWord(b.text) && withinOneEdit(a.text, b.text)) return true;
  return (a.soundsLikeGiven || b.soundsLikeGiven) && withinOneTypo(a, b);
}

function isCyrillicWord(text: string): boolean {
  return text.charCodeAt(0) >= 0x400;
}

/**
 * The word's forms against the forms of the other word's nearest given-name group (Aleksadr vs
 * Олександр), or `floor` if that is better.
 */
function similarityThroughTable(word: PreparedWord, other: PreparedWord, floor: number): number {
  const id = other.given?.groups[0];
  if (id === undefined) return floor;
  let best = floor;
  const forms = givenNameForms(id);
  const codes = givenNameCodes(id);
  for (let i = 0; i < word.forms.length; i++) {
    for (let j = 0; j < forms.length; j++) {
      const length = Math.max(word.forms[i]!.length, forms[j]!.length);
      const d = weightedDistance(word.formCodes[i]!, codes[j]!, length * (1 - best));
      const s = similarityOf(d, length);
      if (s > best) best = s;
    }
  }
  return best;
}

/** Two surnames of different suffix families (Кравченко/Кравчук, Іваненко/Іванов). */
function differentSuffixes(a: PreparedWord, b: PreparedWord): boolean {
  return a.suffix !== undefined && b.suffix !== undefined && a.suffix.family !== b.suffix.family;
}

/** One word is the bare stem of the other, suffixed one (Коваль/Ковальов, Мороз/Морозенко, Іван/Іванов). */
function isBareStemOf(a: PreparedWord, b: PreparedWord): boolean {
  const [suffixed, bare] = a.suffix !== undefined ? [a, b] : [b, a];
  const ending = suffixed.suffix;
  if (ending === undefined) return false;
  for (const x of suffixed.formCodes) {
    const stem = x.subarray(0, x.length - ending.length);
    for (const y of bare.formCodes) {
      if (Math.abs(stem.length - y.length) <= 1 && weightedDistance(stem, y, BARE_STEM_DISTANCE) <= BARE_STEM_DISTANCE) return true;
    }
  }
  return false;
}

/**
 * Similarity of two name words in [0, 1].
 *
 * Spelling first (the best of the phonetic forms, and of the plain letters for typos that break a
 * digraph), then what the words *are*: the same given-name group counts as the same word however
 * different the Ukrainian and Russian forms look (Ганна/Анна, Дмитро/Дмитрий); two different
 * known given names, two sexes, or two surname suffix families cap the similarity below any
 * match, however close the letters are — unless the two words are one typo apart.
 *
 * Below `floor` (at least DIFFERENT_WORDS) the result is only an upper estimate, never above the
 * floor: the caller has said it cannot use a similarity that low.
 */
export function wordSimilarity(a: PreparedWord, b: PreparedWord, floor = DIFFERENT_WORDS): number {
  const ga = a.given;
  const gb = b.given;
  const sharedGroupDistance = ga !== undefined && gb !== undefined ? nearestSharedGroup(ga, gb) : undefined;
  if (sharedGroupDistance === 0) return 1;
  if (sharedGroupDistance === undefined) {
    // Decided by what the words are, without the full comparison — unless a typo explains them.
    const bothKnown = ga?.exact === true && gb?.exact === true;
    const sexesDiffer = a.sex !== undefined && b.sex !== undefined && a.sex !== b.sex && a.sexFrom === b.sexFrom;
    if (bothKnown && !slipExplains(a, b)) return sexesDiffer ? DIFFERENT_SEX : DIFFERENT_GIVEN_NAMES;
    if (sexesDiffer) return DIFFERENT_SEX;
  }
  let similarity = spellingSimilarity(a, b, sharedEndingLength(a, b), Math.max(floor, DIFFERENT_WORDS));
  if (sharedGroupDistance !== undefined) {
    return Math.max(similarity, 1 - GIVEN_NAME_TYPO_COST * sharedGroupDistance);
  }
  // Another form of the same given name, mistyped beyond the table's tolerance (Aleksadr,
  // Олександр): worth a look only when the spelling is already half-way there.
  if ((ga === undefined) !== (gb === undefined) && similarity >= LETTER_RESCUE_FROM) {
    similarity = ga === undefined ? similarityThroughTable(a, b, similarity) : similarityThroughTable(b, a, similarity);
  }
  for (const x of a.forms) {
    for (const y of b.forms) {
      if (differsByFeminineEnding(x, y)) return Math.min(similarity, DIFFERENT_SEX);
    }
  }
  if (similarity > DIFFERENT_SUFFIX) {
    // Suffix families are compared between surnames only (given names end in -in, -ik too), but
    // a surname is never its own bare stem, even when the stem is a given name (Іван, Іванов).
    const knownGiven = ga?.exact === true || gb?.exact === true;
    const different = (a.suffix === undefined) !== (b.suffix === undefined) ? isBareStemOf(a, b) : !knownGiven && differentSuffixes(a, b);
    if (different && !withinOneTypo(a, b)) return DIFFERENT_SUFFIX;
  }
  return similarity;
}
