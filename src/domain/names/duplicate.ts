import { BIRTH_DATE_AGREEMENT, birthDateAgreement, parsePartialDate } from './birth-date.ts';
import { prepareName, type PreparedName } from './prepare.ts';
import { DEFAULT_MATCH_THRESHOLD, nameScoreCeiling, scoreWords, withPatronymics } from './score.ts';

/** A person as the duplicate check sees them. */
export interface PersonIdentity {
  name: string;
  birthDate?: string | null | undefined;
}

export interface PreparedIdentity {
  name: PreparedName;
  birthDate?: string | null | undefined;
}

/** Registration warns of a duplicate from this score; the same scale as the name score. */
export const DEFAULT_DUPLICATE_THRESHOLD = DEFAULT_MATCH_THRESHOLD;

/**
 * How far agreeing birth dates raise a name score toward 1, at full agreement. Kept small: a
 * shared birth date is common enough (≈ 1 in 25,000 people) that it must not turn a merely
 * similar name into a duplicate.
 */
const AGREEMENT_BOOST = 0.5;

/**
 * Folds birth-date agreement into a name score.
 *
 * - Unknown dates leave the name score as it is.
 * - Agreement raises it part of the way to 1: by (1 − name) × 0.5 × (agreement − 0.5), so equal
 *   full dates close a quarter of the gap and a year alone less.
 * - Disagreement scales it down to between half (different years) and 0.8 (a possible typo):
 *   namesakes are common (many Oleksandr Shevchenkos), and a different birth date is what tells
 *   them apart.
 */
export function foldBirthDate(nameScore: number, agreement: number): number {
  if (agreement >= BIRTH_DATE_AGREEMENT.UNKNOWN) {
    return nameScore + (1 - nameScore) * AGREEMENT_BOOST * (agreement - BIRTH_DATE_AGREEMENT.UNKNOWN);
  }
  return nameScore * (0.5 + agreement);
}

/**
 * The highest duplicate score two people can reach whose names' words (patronymics aside) score
 * `wordsScore`: agreeing patronymics and equal full birth dates, each closing part of the gap to
 * 1. When one side is known (`known`), only what it has can raise the score: without a
 * patronymic the words score stands, without a birth date no date agrees. A search drops a
 * candidate name below the words score that could reach its threshold.
 */
export function highestScoreFrom(wordsScore: number, known?: PreparedIdentity): number {
  const withPatronymic = known === undefined || known.name.patronymic !== undefined ? nameScoreCeiling(wordsScore) : wordsScore;
  const dated = known === undefined || parsePartialDate(known.birthDate) !== undefined;
  return dated ? foldBirthDate(withPatronymic, BIRTH_DATE_AGREEMENT.SAME) : withPatronymic;
}

/** Duplicate score of two prepared identities, in [0, 1]. */
export function duplicateScorePrepared(a: PreparedIdentity, b: PreparedIdentity): number {
  return duplicateScoreFromWords(scoreWords(a.name, b.name), a, b);
}

/**
 * `duplicateScorePrepared` when the words score of the two names is known already: the registry
 * scores a query's words once per core name, then each person of it.
 */
export function duplicateScoreFromWords(wordsScore: number, a: PreparedIdentity, b: PreparedIdentity): number {
  return foldBirthDate(withPatronymics(wordsScore, a.name.patronymic, b.name.patronymic), birthDateAgreement(a.birthDate, b.birthDate));
}

/**
 * How likely two registrations are the same person, from name and birth date, in [0, 1].
 *
 * @example duplicateScore({ name: 'Олександр Шевченко', birthDate: '1980-03-04' },
 *                         { name: 'Oleksandr Shevchenko', birthDate: '1980-04-03' }) // ≈ 1
 */
export function duplicateScore(a: PersonIdentity, b: PersonIdentity): number {
  return duplicateScorePrepared(
    { name: prepareName(a.name), birthDate: a.birthDate },
    { name: prepareName(b.name), birthDate: b.birthDate },
  );
}
