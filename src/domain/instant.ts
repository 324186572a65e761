/**
 * The one parse of an instant as it enters: RFC 3339 with an explicit offset, every field in its
 * range and the date a real one. `Date` alone shifts what it cannot read ("2022-02-30" becomes
 * 2 March, "T24:00" the next day) and throws on the rest; a window that moved by a day sends people
 * to a gathering point on the wrong day.
 */

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** The name of the format in request schemas (registered with the validator). */
export const INSTANT_FORMAT = 'rfc3339-instant';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * True for "2022-03-05T09:00:00+02:00", "2022-03-05T07:00Z", "2022-03-05T07:00:00.5Z"; false for
 * "2022-13-45T99:99:99Z", "2022-02-30T10:00Z", "T24:00", second 60 (a leap second no clock here
 * keeps), and offsets beyond ±23:59.
 */
export function isStrictInstant(text: string): boolean {
  const m = INSTANT.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return false;
  return !Number.isNaN(Date.parse(text));
}
