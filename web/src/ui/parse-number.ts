/** A number as people type it: "50,9" and "50.9" both read as 50.9; empty is undefined; anything else null. */
export function parseNumber(text: string): number | undefined | null {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
