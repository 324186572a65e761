/**
 * Times travel as UTC instants; people read them as wall-clock time in a named zone.
 * Never show a time without its zone: in March 2022 the same ceasefire was announced as
 * "09:00" in Kyiv and "10:00" in Moscow, and people gathered at the wrong hour.
 */

export const KYIV_ZONE = 'Europe/Kyiv';
export const MOSCOW_ZONE = 'Europe/Moscow';

export interface Window {
  start: string;
  end: string;
}

const zoneSupport = new Map<string, string>();

/** Older ICU data only knows the pre-2022 spelling "Europe/Kiev". */
function resolveZone(zone: string): string {
  const known = zoneSupport.get(zone);
  if (known) return known;
  let resolved = zone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    if (zone === KYIV_ZONE) resolved = 'Europe/Kiev';
  }
  zoneSupport.set(zone, resolved);
  return resolved;
}

/** "UTC+2", "UTC+3", "UTC+5:30", "UTC" for the zone's offset at that instant. */
export function utcOffset(instant: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: resolveZone(zone),
    timeZoneName: 'shortOffset',
  }).formatToParts(instant);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return name.replace(/^GMT/, 'UTC');
}

/** "UTC+2" or, when the offset changes inside the window (daylight saving), "UTC+2/UTC+3". */
export function windowOffset(window: Window, zone: string): string {
  const a = utcOffset(new Date(window.start), zone);
  const b = utcOffset(new Date(window.end), zone);
  return a === b ? a : `${a}/${b}`;
}

function dayKey(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: resolveZone(zone),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/**
 * The window as wall-clock time in `zone`, without the zone name (callers add it in the
 * sentence): "Sat 5 March, 09:00–21:00", or both dates when it spans midnight.
 */
export function formatWindowRange(window: Window, zone: string, locale: string): string {
  const start = new Date(window.start);
  const end = new Date(window.end);
  const fmt = new Intl.DateTimeFormat(locale, {
    timeZone: resolveZone(zone),
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return '';
  return fmt.formatRange(start, end);
}

/**
 * Time of day in `zone`: "14:05", with the date in front when it is not today there
 * ("4 March, 14:05"), so an old copy never looks fresh.
 */
export function formatClock(instant: Date, zone: string, locale: string, now: Date = new Date()): string {
  const sameDay = dayKey(instant, zone) === dayKey(now, zone);
  return new Intl.DateTimeFormat(locale, {
    timeZone: resolveZone(zone),
    ...(sameDay ? {} : { day: 'numeric', month: 'long' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

export function isValidInstant(value: string | null | undefined): value is string {
  return typeof value === 'string' && !Number.isNaN(new Date(value).getTime());
}
