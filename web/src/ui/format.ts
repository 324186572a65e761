import type { Org } from '../api.ts';
import { INTL_LOCALE, currentLang } from '../i18n/index.ts';

// How the console writes names, ids, numbers and places: one way for every feature.

/** "123.4" in the current language's number format. */
export function useNumber(): (value: number, digits?: number) => string {
  const locale = INTL_LOCALE[currentLang()];
  return (value, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** "3 corridors and 1 convoy": a list joined as the current language joins one ("і", "и", "and"). */
export function useListJoin(): (items: readonly string[]) => string {
  const format = new Intl.ListFormat(INTL_LOCALE[currentLang()], { type: 'conjunction' });
  return (items) => format.format(items);
}

/** Org names by id; an unknown id (an org the viewer may not see) shows abbreviated. */
export function orgNamer(orgs: readonly Org[]): (id: string) => string {
  const byId = new Map(orgs.map((o) => [o.id, o.name]));
  return (id) => byId.get(id) ?? abbreviate(id, 8, 4);
}

/** "3f9a12c0…c4e1": enough to compare by eye; the full value stays copyable. */
export function abbreviate(value: string, head = 10, tail = 6): string {
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}

/** "50.9077, 34.7981" */
export function formatLatLon(point: { lat: number; lon: number }): string {
  return `${point.lat.toFixed(4)}, ${point.lon.toFixed(4)}`;
}
