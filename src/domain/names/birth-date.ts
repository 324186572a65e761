/**
 * Agreement of two birth dates as registrars record them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
 * (docs/api.md §People), often only the year for people who arrive without papers.
 */

export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; anything else (or an impossible month/day) is undefined. */
export function parsePartialDate(text: string | null | undefined): PartialDate | undefined {
  if (text === null || text === undefined) return undefined;
  const match = DATE.exec(text.trim());
  if (match === null) return undefined;
  const year = Number(match[1]);
  const date: PartialDate = { year };
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return undefined;
    date.month = month;
  }
  if (match[3] !== undefined) {
    const day = Number(match[3]);
    if (day < 1 || day > 31) return undefined;
    date.day = day;
  }
  return date;
}

/**
 * Agreement values, in [0, 1]; 0.5 means "no evidence either way".
 * - SAME: the full dates are equal.
 * - SWAPPED: day and month exchanged (03-04 against 04-03), the commonest slip between the
 *   European and the American order: likely the same person.
 * - SAME_MONTH: equal as far as both go, one or both stopping at the month.
 * - SAME_YEAR_ONLY: equal as far as both go, one stopping at the year: agrees only partially,
 *   since thousands of people share a year.
 * - ONE_DIGIT: the same day and month a year apart, or the same year and month with another day:
 *   a typo is possible but so is another person.
 * - DIFFERENT: a real conflict.
 */
export const BIRTH_DATE_AGREEMENT = {
  SAME: 1,
  SWAPPED: 0.85,
  SAME_MONTH: 0.8,
  SAME_YEAR_ONLY: 0.65,
  UNKNOWN: 0.5,
  ONE_DIGIT: 0.3,
  DIFFERENT: 0,
} as const;

/**
 * How far two birth dates agree (see BIRTH_DATE_AGREEMENT). A missing or unreadable date is
 * UNKNOWN, never a conflict.
 *
 * @example birthDateAgreement('1980-03-04', '1980-04-03') // 0.85 (swapped)
 * @example birthDateAgreement('1980', '1980-04-03') // 0.65 (year only)
 */
export function birthDateAgreement(a: string | null | undefined, b: string | null | undefined): number {
  return partialDateAgreement(parsePartialDate(a), parsePartialDate(b));
}

/** `birthDateAgreement` of dates already parsed (undefined: unknown). */
export function partialDateAgreement(x: PartialDate | undefined, y: PartialDate | undefined): number {
  if (x === undefined || y === undefined) return BIRTH_DATE_AGREEMENT.UNKNOWN;
  if (x.year !== y.year) {
    const sameDay = x.month !== undefined && x.month === y.month && x.day !== undefined && x.day === y.day;
    return sameDay && Math.abs(x.year - y.year) === 1 ? BIRTH_DATE_AGREEMENT.ONE_DIGIT : BIRTH_DATE_AGREEMENT.DIFFERENT;
  }
  if (x.month === undefined || y.month === undefined) return BIRTH_DATE_AGREEMENT.SAME_YEAR_ONLY;
  if (x.day !== undefined && y.day !== undefined) {
    if (x.month === y.month && x.day === y.day) return BIRTH_DATE_AGREEMENT.SAME;
    if (x.month === y.day && x.day === y.month) return BIRTH_DATE_AGREEMENT.SWAPPED;
    return x.month === y.month ? BIRTH_DATE_AGREEMENT.ONE_DIGIT : BIRTH_DATE_AGREEMENT.DIFFERENT;
  }
  if (x.month === y.month) return BIRTH_DATE_AGREEMENT.SAME_MONTH;
  // A month against a full date whose day is that month: possibly the swapped order again.
  const swapped = (x.day === undefined && y.day === x.month) || (y.day === undefined && x.day === y.month);
  return swapped ? BIRTH_DATE_AGREEMENT.ONE_DIGIT : BIRTH_DATE_AGREEMENT.DIFFERENT;
}
