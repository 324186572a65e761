/** An instant `hours` from now (negative: ago), as the API takes it. */
export function hoursFromNow(hours: number, from = Date.now()): string {
  return new Date(from + hours * 3_600_000).toISOString();
}
