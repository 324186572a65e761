/** "50,9" and "50.9" both read as 50.9; empty or not a number is null. */
export function readNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
