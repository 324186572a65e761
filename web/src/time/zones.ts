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

/** Minutes east of UTC that `zone` keeps at `instant` (Kyiv in winter: 120). */
export function offsetMinutes(instant: Date, zone: string): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: resolveZone(zone), timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? '0');
  return match[1] === '-' ? -minutes : minutes;
}

/** "+02:00", "-05:30", "+00:00": the RFC 3339 offset for a number of minutes east of UTC. */
export function rfc3339Offset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const DATE_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_INPUT = /^(\d{2}):(\d{2})$/;

/**
 * A wall-clock date and time read in `zone`, as an RFC 3339 instant with that zone's offset on
 * that date: 2022-03-08 09:00 in Europe/Kyiv → "2022-03-08T09:00:00+02:00", and in summer
 * "+03:00". Null when the inputs are not a date ("YYYY-MM-DD") and a time ("HH:MM").
 * A time skipped by the spring-forward jump keeps the offset in force before it (03:30 on that
 * night in Kyiv is 03:30+02:00, i.e. 04:30 summer time); a repeated autumn hour takes the later.
 */
export function zonedInputToInstant(date: string, time: string, zone: string): string | null {
  const d = DATE_INPUT.exec(date);
  const t = TIME_INPUT.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall)) return null;
  // The offset at the wall time read as UTC is right except within hours of a change: check it.
  let offset = offsetMinutes(new Date(wall), zone);
  const second = offsetMinutes(new Date(wall - offset * 60_000), zone);
  if (second !== offset) offset = second;
  return `${date}T${time}:00${rfc3339Offset(offset)}`;
}

/** An instant as the values of `<input type="date">` and `<input type="time">` in `zone`. */
export function instantToZonedInput(instant: string, zone: string): { date: string; time: string } {
  const value = new Date(instant);
  if (Number.isNaN(value.getTime())) return { date: '', time: '' };
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: resolveZone(zone),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(value);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** An instant with the date, in `zone`: "8 March 2022, 09:00" (the caller names the zone). */
export function formatDateTime(instant: string, zone: string, locale: string): string {
  const value = new Date(instant);
  if (Number.isNaN(value.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    timeZone: resolveZone(zone),
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(value);
}

/** Is `zone` an IANA zone this browser knows? */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: resolveZone(zone) });
    return true;
  } catch {
    return false;
  }
}
