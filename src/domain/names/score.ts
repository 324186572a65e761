import { phoneticSimilarity } from './edit-distance.ts';
import { prepareName, type PreparedName, type PreparedPatronymic, type PreparedWord } from './prepare.ts';
import { DIFFERENT_SEX, shareAny, wordSimilarity } from './word-similarity.ts';

/**
 * The name score: how likely two full names, in any script, convention and word order, name the
 * same person, in [0, 1].
 */

/**
 * The score from which two names are taken to be the same person's (registration warns of a
 * duplicate, the CLI prints match=true). Calibrated on the labelled development pairs: see
 * bench/README.md "Name matching" for the sweep around it.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.75;

/** A name that has words the other lacks is less surely the same person. */
const UNMATCHED_WORD_FACTOR = 0.93;
/** A one-word name against a fuller one: only part of the evidence is there. */
const ONE_WORD_FACTOR = 0.75;
/**
 * Patronymics, when both names have one: the same father's name (however spelled, Іванович /
 * Иванович / Ivanovych; a typo allowed) closes part of the gap to 1; a different father's name
 * (Іванович / Петрович) makes namesakes, not one person, and pulls a perfect name below the
 * threshold.
 */
const PATRONYMICS_AGREE = 0.8;
const PATRONYMICS_DIFFER = 0.5;
const PATRONYMIC_AGREEMENT_GAIN = 0.25;
const DIFFERENT_FATHERS_FACTOR = 0.7;

function patronymicSimilarity(a: PreparedPatronymic, b: PreparedPatronymic): number {
  if (a.sex !== b.sex) return 0;
  if (shareAny(a.fatherGroups, b.fatherGroups)) return 1;
  let best = 0;
  for (const x of a.stems) {
    for (const y of b.stems) {
      const s = phoneticSimilarity(x, y);
      if (s > best) best = s;
    }
  }
  return best;
}

/**
 * How much the weakest paired word weighs against the geometric mean of all pairs. Every word
 * must agree for two names to be one person's: a perfect surname does not make up for a given
 * name that is merely similar (Шевченко Сергій / Зінченко Сергій), while a typo in each word
 * (two similarities near 0.9) still leaves a match.
 */
const WEAKEST_WORD_WEIGHT = 0.7;

/** Weakest-link combination of the paired word similarities (see WEAKEST_WORD_WEIGHT). */
function combine(similarities: readonly number[]): number {
  let product = 1;
  let weakest = 1;
  for (const s of similarities) {
    product *= s;
    if (s < weakest) weakest = s;
  }
  if (product === 0) return 0;
  const mean = Math.pow(product, 1 / similarities.length);
  return Math.pow(weakest, WEAKEST_WORD_WEIGHT) * Math.pow(mean, 1 - WEAKEST_WORD_WEIGHT);
}

/** `combine` of two similarities, without the array. */
function combineTwo(x: number, y: number): number {
  const product = x * y;
  if (product === 0) return 0;
  return Math.pow(Math.min(x, y), WEAKEST_WORD_WEIGHT) * Math.pow(product, (1 - WEAKEST_WORD_WEIGHT) / 2);
}

/**
 * The best one-to-one pairing of the shorter name's words with the longer name's words (any
 * word order: "SURNAME GIVEN" as in passports, patronymic in the middle or at the end), scored
 * by `combine`.
 */
function bestPairing(similarity: readonly (readonly number[])[], rows: number, columns: number): number {
  const used = new Array<boolean>(columns).fill(false);
  const chosen: number[] = [];
  let best = 0;
  const visit = (row: number): void => {
    if (row === rows) {
      const score = combine(chosen);
      if (score > best) best = score;
      return;
    }
    for (let column = 0; column < columns; column++) {
      if (used[column]) continue;
      used[column] = true;
      chosen.push(similarity[row]?.[column] ?? 0);
      visit(row + 1);
      chosen.pop();
      used[column] = false;
    }
  };
  visit(0);
  return best;
}

/** The common case, two words against two, without the general search. */
function bestPairingOfTwo(a0: PreparedWord, a1: PreparedWord, b0: PreparedWord, b1: PreparedWord): number {
  // Score the likelier pairing first — the one that puts known given names together ("SURNAME
  // GIVEN" against "Given Surname" is crossed) — so the other can stop early.
  const crossedFirst = (a0.given?.exact === true) !== (b0.given?.exact === true);
  const [x0, x1, y0, y1] = crossedFirst ? [b1, b0, b0, b1] : [b0, b1, b1, b0];
  const likely = combineTwo(wordSimilarity(a0, x0), wordSimilarity(a1, x1));
  // The other pairing wins only if its weaker word beats likely^(1/weight) (combine never
  // exceeds weakest^WEAKEST_WORD_WEIGHT), so its comparisons may stop below that.
  const needed = Math.pow(likely, 1 / WEAKEST_WORD_WEIGHT);
  const first = wordSimilarity(a0, y0, needed);
  if (first < needed) return likely;
  const second = wordSimilarity(a1, y1, needed);
  if (second < needed) return likely;
  return Math.max(likely, combineTwo(first, second));
}

/** Longer names are cut here: four words cover given, family, a second given or double surname. */
const MAX_WORDS = 4;

/** The score of the words other than the patronymic: the part of the name score a core name holds. */
function scoreWordsOrdered(a: PreparedName, b: PreparedName): number {
  const wa = a.words.length > MAX_WORDS ? a.words.slice(0, MAX_WORDS) : a.words;
  const wb = b.words.length > MAX_WORDS ? b.words.slice(0, MAX_WORDS) : b.words;
  if (wa.length === 0 || wb.length === 0) return 0;
  if (wa.length === 2 && wb.length === 2) return bestPairingOfTwo(wa[0]!, wa[1]!, wb[0]!, wb[1]!);
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const matrix = short.map((x) => long.map((y) => wordSimilarity(x, y)));
  const score = bestPairing(matrix, short.length, long.length);
  if (short.length === 1 && long.length > 1) return score * ONE_WORD_FACTOR;
  return score * Math.pow(UNMATCHED_WORD_FACTOR, long.length - short.length);
}

/**
 * A words score with the patronymics folded in, when both names have one: agreeing fathers'
 * names close part of the gap to 1, different ones pull the score down, different sexes cap it.
 * Symmetric in the two patronymics.
 */
export function withPatronymics(wordsScore: number, a: PreparedPatronymic | undefined, b: PreparedPatronymic | undefined): number {
  let score = wordsScore;
  if (a !== undefined && b !== undefined) {
    if (a.sex !== b.sex) return Math.max(0, Math.min(score, DIFFERENT_SEX));
    // In a fixed order, so that the result does not depend on which name came first.
    const p = a.text <= b.text ? patronymicSimilarity(a, b) : patronymicSimilarity(b, a);
    if (p >= PATRONYMICS_AGREE) score += (1 - score) * PATRONYMIC_AGREEMENT_GAIN;
    else if (p < PATRONYMICS_DIFFER) score *= DIFFERENT_FATHERS_FACTOR;
  }
  return Math.min(1, Math.max(0, score));
}

/** The pair in the order it is scored in: by words, so equal words give equal scores either way. */
function inScoringOrder(a: PreparedName, b: PreparedName): boolean {
  return a.wordsKey < b.wordsKey || (a.wordsKey === b.wordsKey && a.normalised <= b.normalised);
}

/**
 * The score of two names' words without their patronymics, in [0, 1], symmetric. The patronymic
 * can only raise it by PATRONYMIC_AGREEMENT_GAIN of the gap to 1 (see `highestScoreFrom`).
 */
export function scoreWords(a: PreparedName, b: PreparedName): number {
  return inScoringOrder(a, b) ? scoreWordsOrdered(a, b) : scoreWordsOrdered(b, a);
}

/** How far agreeing patronymics can raise a words score: the name score is at most this. */
export function nameScoreCeiling(wordsScore: number): number {
  return Math.min(1, wordsScore + (1 - wordsScore) * PATRONYMIC_AGREEMENT_GAIN);
}

/**
 * Score of two prepared names in [0, 1]. Symmetric by construction: the pair is put in a fixed
 * order before scoring, so rounding cannot make score(a, b) and score(b, a) differ.
 */
export function scorePrepared(a: PreparedName, b: PreparedName): number {
  return withPatronymics(scoreWords(a, b), a.patronymic, b.patronymic);
}

/**
 * Score of two full names as typed.
 *
 * @example nameScore('Олександр Шевченко', 'Aleksander Szewczenko') // ≈ 1
 * @example nameScore('Oleksandr Shevchenko', 'Oleksandra Shevchenko') // low: another person
 */
export function nameScore(a: string, b: string): number {
  return scorePrepared(prepareName(a), prepareName(b));
}

/** Whether two names are the same person's at the default threshold. */
export function isSameName(a: string, b: string, threshold = DEFAULT_MATCH_THRESHOLD): boolean {
  return nameScore(a, b) >= threshold;
}
