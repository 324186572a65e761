import type { TimeWindow } from '../domain/corridor.ts';
import { fill, type PageWords } from './page-words.ts';

/**
 * Times on the public page: wall-clock time in a named zone, never a bare "09:00". Kyiv time
 * first; Moscow time too whenever its clock differs, since people in occupied areas keep it.
 */

export const KYIV = 'Europe/Kyiv';
export const MOSCOW = 'Europe/Moscow';

function offset(instant: Date, zone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  return (name ?? 'GMT').replace(/^GMT/, 'UTC');
}

function zoneWord(zone: string, words: PageWords): string {
  return zone === MOSCOW ? words.zoneMoscow : words.zoneKyiv;
}

function dayOf(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(instant);
}

/** "09:40 Kyiv time (UTC+2)", with the date in front when it is not `now`'s day there. */
export function clockIn(instant: string, zone: string, words: PageWords, now: Date): string {
  const date = new Date(instant);
  const sameDay = dayOf(date, zone) === dayOf(now, zone);
  const when = new Intl.DateTimeFormat(words.locale, {
    timeZone: zone,
    ...(sameDay ? {} : { day: 'numeric', month: 'long' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return fill(words.inZone, { when, zone: zoneWord(zone, words), offset: offset(date, zone) });
}

/** The window in Kyiv time, then (when its clock differs) "That is … Moscow time". */
export function windowLines(window: TimeWindow, words: PageWords): string[] {
  const start = new Date(window.start);
  const end = new Date(window.end);
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const zone of [KYIV, MOSCOW]) {
    const off = offset(start, zone) === offset(end, zone) ? offset(start, zone) : `${offset(start, zone)}/${offset(end, zone)}`;
    if (seen.has(off)) continue;
    seen.add(off);
    const when = new Intl.DateTimeFormat(words.locale, {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatRange(start, end);
    lines.push(fill(lines.length === 0 ? words.inZone : words.alsoInZone, { when, zone: zoneWord(zone, words), offset: off }));
  }
  return lines;
}
