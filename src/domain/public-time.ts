import type { TimeWindow } from './corridor.ts';
import type { Lang } from './gazetteer.ts';

/**
 * Times as the public reads them on the server's own surfaces (SMS, radio, poster): wall-clock
 * time in a named zone, never a bare "09:00". In March 2022 one ceasefire was announced as 09:00
 * in Kyiv and 10:00 in Moscow, and people gathered at the wrong hour.
 */

export const KYIV_ZONE = 'Europe/Kyiv';
export const MOSCOW_ZONE = 'Europe/Moscow';
export const PUBLIC_ZONES: readonly string[] = [KYIV_ZONE, MOSCOW_ZONE];

export const INTL_LOCALE: Record<Lang, string> = { uk: 'uk-UA', ru: 'ru-RU', en: 'en-GB' };

/** "за Києвом" (short, SMS) and "за київським часом" (long, read aloud and printed). */
export const ZONE_WORDS: Readonly<Record<Lang, Readonly<Record<'kyiv' | 'moscow', { short: string; long: string }>>>> = {
  uk: { kyiv: { short: 'за Києвом', long: 'за київським часом' }, moscow: { short: 'за Москвою', long: 'за московським часом' } },
  ru: { kyiv: { short: 'по Киеву', long: 'по киевскому времени' }, moscow: { short: 'по Москве', long: 'по московскому времени' } },
  en: { kyiv: { short: 'Kyiv time', long: 'Kyiv time' }, moscow: { short: 'Moscow time', long: 'Moscow time' } },
};

const zoneKey = (zone: string): 'kyiv' | 'moscow' => (zone === MOSCOW_ZONE ? 'moscow' : 'kyiv');

let kyivSpelling: string | undefined;
/** Older ICU data knows only "Europe/Kiev". */
function resolveZone(zone: string): string {
  if (zone !== KYIV_ZONE) return zone;
  if (kyivSpelling) return kyivSpelling;
  try {
    new Intl.DateTimeFormat('en', { timeZone: KYIV_ZONE });
    kyivSpelling = KYIV_ZONE;
  } catch {
    kyivSpelling = 'Europe/Kiev';
  }
  return kyivSpelling;
}

export function clockIn(instant: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: resolveZone(zone), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

/** "08.03" */
export function shortDateIn(instant: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: resolveZone(zone), day: '2-digit', month: '2-digit' }).format(new Date(instant)).replace('/', '.');
}

/** "8 березня" */
export function longDateIn(instant: string, zone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], { timeZone: resolveZone(zone), day: 'numeric', month: 'long' }).format(new Date(instant));
}

/** Minutes east of UTC kept in `zone` at `instant`. */
function offsetOf(instant: string, zone: string): string {
  return (
    new Intl.DateTimeFormat('en-US', { timeZone: resolveZone(zone), timeZoneName: 'longOffset' })
      .formatToParts(new Date(instant))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  );
}

/** The zones, in order, whose clocks differ from the ones before them for this window (Kyiv first). */
export function zonesThatDiffer(window: TimeWindow, zones: readonly string[] = PUBLIC_ZONES): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const zone of zones) {
    const key = `${offsetOf(window.start, zone)}|${offsetOf(window.end, zone)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(zone);
  }
  return out;
}

/** "08.03 09:00–18:00 за Києвом" (SMS): the hyphen in English keeps the text in GSM-7. */
export function windowShort(window: TimeWindow, zone: string, lang: Lang): string {
  const dash = lang === 'en' ? '-' : '–';
  const startDay = shortDateIn(window.start, zone);
  const endDay = shortDateIn(window.end, zone);
  const end = endDay === startDay ? clockIn(window.end, zone) : `${endDay} ${clockIn(window.end, zone)}`;
  return `${startDay} ${clockIn(window.start, zone)}${dash}${end} ${ZONE_WORDS[lang][zoneKey(zone)].short}`;
}

const FROM_TO: Record<Lang, [string, string]> = { uk: ['з', 'до'], ru: ['с', 'до'], en: ['from', 'to'] };

/** "8 березня, з 09:00 до 18:00 за київським часом" (read aloud, printed). */
export function windowLong(window: TimeWindow, zone: string, lang: Lang): string {
  const [from, to] = FROM_TO[lang];
  const startDay = longDateIn(window.start, zone, lang);
  const endDay = longDateIn(window.end, zone, lang);
  const end = endDay === startDay ? clockIn(window.end, zone) : `${endDay}, ${clockIn(window.end, zone)}`;
  return `${startDay}, ${from} ${clockIn(window.start, zone)} ${to} ${end} ${ZONE_WORDS[lang][zoneKey(zone)].long}`;
}

/** "8 березня, 10:12 за київським часом" */
export function instantLong(instant: string, zone: string, lang: Lang): string {
  return `${longDateIn(instant, zone, lang)}, ${clockIn(instant, zone)} ${ZONE_WORDS[lang][zoneKey(zone)].long}`;
}

/** "10:12 за Києвом" */
export function instantShort(instant: string, zone: string, lang: Lang): string {
  return `${shortDateIn(instant, zone)} ${clockIn(instant, zone)} ${ZONE_WORDS[lang][zoneKey(zone)].short}`;
}
