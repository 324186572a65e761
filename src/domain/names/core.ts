import { BIRTH_DATE_AGREEMENT, parsePartialDate } from './birth-date.ts';
import { blockingKeysPrepared } from './blocking.ts';
import { highestScoreFrom, type PreparedIdentity } from './duplicate.ts';
import { prepareNameCached } from './prepare.ts';

/**
 * The registry's index works on *core names*: a person's given and family name, normalised,
 * without the patronymic. A population repeats its core names (every Олександр Шевченко shares
 * one), so the blocking keys are stored once per core name, and a search
 *
 *   1. finds the core names under the query's blocking keys (a block of names, not of people),
 *   2. scores the query's words against each core name (`scoreWords`) and keeps those that could
 *      still reach the threshold (`coreMayMatch`),
 *   3. reads only the people with those core names — and, when the query has a birth date, only
 *      those whose birth year could agree (`compatibleBirthYears`) — and scores them in full.
 *
 * Steps 2 and 3 only drop people who cannot reach the threshold: a registered name's words are
 * its core name's (`prepareRegisteredName`), so the words score of step 2 is exactly the one the
 * full duplicate score starts from, and only the patronymic and the birth date can raise it.
 * `nameCore` is in prepare.ts.
 */

/** The blocking keys the index stores for a core name (`nameCore`): registration, migration and reindex alike. */
export function coreNameKeys(core: string): string[] {
  return blockingKeysPrepared(prepareNameCached(core));
}

/**
 * Whether birth years can rule people out at this threshold: dates of different years cap a score
 * at 0.5 + DIFFERENT (a year apart with the same day and month, ONE_DIGIT, is the one exception).
 */
export function birthYearsDecide(threshold: number): boolean {
  return threshold > 0.5 + BIRTH_DATE_AGREEMENT.DIFFERENT;
}

/** The birth year of a registered date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or 0 when unknown. */
export function birthYearOf(birthDate: string | null | undefined): number {
  return parsePartialDate(birthDate)?.year ?? 0;
}

/**
 * The stored birth years (0 = unknown) of the people who could reach `threshold` against a query
 * with this birth date, or undefined when any year could. Dates of different years disagree
 * (BIRTH_DATE_AGREEMENT.DIFFERENT halves the score) unless they are a year apart with the same
 * day and month (ONE_DIGIT); an unknown date never disagrees.
 */
export function compatibleBirthYears(birthDate: string | null | undefined, threshold: number): number[] | undefined {
  const year = birthYearOf(birthDate);
  if (year === 0 || !birthYearsDecide(threshold)) return undefined;
  return [0, year - 1, year, year + 1];
}

/** Floating-point slack in the bound below: a kept core name costs a little time, a lost one a match. */
const BOUND_SLACK = 1e-9;

/**
 * Whether people with a core name whose words score `wordsScore` against a query could reach
 * `threshold` (the query, when given, bounds what patronymic and birth date can add).
 */
export function coreMayMatch(wordsScore: number, threshold: number, query?: PreparedIdentity): boolean {
  return highestScoreFrom(wordsScore, query) + BOUND_SLACK >= threshold;
}
