import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { INTL_LOCALE, currentLang } from '../i18n/index.ts';
import {
  KYIV_ZONE,
  MOSCOW_ZONE,
  formatClock,
  formatDateTime,
  formatWindowRange,
  utcOffset,
  windowOffset,
  type Window,
} from './zones.ts';

/** The public page's zones: Kyiv time, and Moscow time that people in occupied areas often keep. */
export const PUBLIC_ZONES: readonly string[] = [KYIV_ZONE, MOSCOW_ZONE];

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Zulu']);

/** "Kyiv time", "Moscow time", "UTC (…)", or "Europe/Warsaw time": a zone named for people. */
export function zoneName(zone: string, t: TFunction): string {
  if (zone === KYIV_ZONE || zone === 'Europe/Kiev') return t('zone.kyiv');
  if (zone === MOSCOW_ZONE) return t('zone.moscow');
  if (UTC_ZONES.has(zone)) return t('zone.utc');
  return t('zone.other', { zone });
}

/** "… Kyiv time (UTC+2)", "That is … Moscow time (UTC+3)"; for UTC the offset would only repeat it. */
function inZone(t: TFunction, form: 'in' | 'also', when: string, zone: string, offset: string): string {
  if (zone === KYIV_ZONE || zone === 'Europe/Kiev') return t(form === 'in' ? 'time.inKyiv' : 'time.alsoInKyiv', { when, offset });
  if (zone === MOSCOW_ZONE) return t(form === 'in' ? 'time.inMoscow' : 'time.alsoInMoscow', { when, offset });
  if (UTC_ZONES.has(zone)) return t(form === 'in' ? 'time.inUtc' : 'time.alsoInUtc', { when });
  return t(form === 'in' ? 'time.inOther' : 'time.alsoInOther', { when, zone, offset });
}

/** Zones in order, without repeats (Europe/Kiev counts as Europe/Kyiv). */
export function distinctZones(zones: ReadonlyArray<string | null | undefined>): string[] {
  const out: string[] = [];
  for (const zone of zones) {
    if (!zone) continue;
    const z = zone === 'Europe/Kiev' ? KYIV_ZONE : zone;
    if (!out.includes(z)) out.push(z);
  }
  return out;
}

/** One window as one line of text in `zone`, the zone named: for lists and comparisons. */
export function windowText(t: TFunction, window: Window, zone: string, locale: string): string {
  return inZone(t, 'in', formatWindowRange(window, zone, locale), zone, windowOffset(window, zone));
}

/**
 * A corridor window in the first zone with the zone named, then the same window in each other
 * zone whose clock differs (the public page: Kyiv, then Moscow time; the console: the viewer's
 * zone, then the parties' zones).
 */
export function WindowTime({ window, zones = PUBLIC_ZONES }: { window: Window; zones?: readonly string[] }) {
  const { t } = useTranslation();
  const locale = INTL_LOCALE[currentLang()];
  const [primary = KYIV_ZONE, ...others] = distinctZones(zones);
  const primaryOffset = windowOffset(window, primary);
  const seen = new Set([primaryOffset]);
  const alternates = others.filter((zone) => {
    const offset = windowOffset(window, zone);
    if (seen.has(offset)) return false;
    seen.add(offset);
    return true;
  });
  return (
    <>
      <span className="window-time">{inZone(t, 'in', formatWindowRange(window, primary, locale), primary, primaryOffset)}</span>
      {alternates.map((zone) => (
        <span key={zone} className="window-time window-time--alt">
          {inZone(t, 'also', formatWindowRange(window, zone, locale), zone, windowOffset(window, zone))}
        </span>
      ))}
    </>
  );
}

/** "14:05 Kyiv time (UTC+2)" in `zone` (with the date when it is not today there). */
export function useZonedClock(zone: string): (instant: string) => string {
  const { t } = useTranslation();
  const locale = INTL_LOCALE[currentLang()];
  return (instant: string) => {
    const date = new Date(instant);
    if (Number.isNaN(date.getTime())) return '';
    return inZone(t, 'in', formatClock(date, zone, locale), zone, utcOffset(date, zone));
  };
}

/** "14:05 Kyiv time (UTC+2)" (with the date when it is not today in Kyiv). */
export function useKyivClock(): (instant: string) => string {
  return useZonedClock(KYIV_ZONE);
}

/**
 * An instant with its date in the first zone, the zone named, then the same instant in each
 * other zone whose clock differs: "8 March 2022, 10:00 Kyiv time (UTC+2)", "That is … Moscow time".
 */
export function InstantTime({ instant, zones = PUBLIC_ZONES }: { instant: string; zones?: readonly string[] }) {
  const { t } = useTranslation();
  const locale = INTL_LOCALE[currentLang()];
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return null;
  const [primary = KYIV_ZONE, ...others] = distinctZones(zones);
  const primaryOffset = utcOffset(date, primary);
  const seen = new Set([primaryOffset]);
  const alternates = others.filter((zone) => {
    const offset = utcOffset(date, zone);
    if (seen.has(offset)) return false;
    seen.add(offset);
    return true;
  });
  return (
    <>
      <span className="window-time">{inZone(t, 'in', formatDateTime(instant, primary, locale), primary, primaryOffset)}</span>
      {alternates.map((zone) => (
        <span key={zone} className="window-time window-time--alt">
          {inZone(t, 'also', formatDateTime(instant, zone, locale), zone, utcOffset(date, zone))}
        </span>
      ))}
    </>
  );
}

/** "8 March 2022, 09:00 Kyiv time (UTC+2)": an instant with its date, in `zone`, the zone named. */
export function useZonedDateTime(zone: string): (instant: string) => string {
  const { t } = useTranslation();
  const locale = INTL_LOCALE[currentLang()];
  return (instant: string) => {
    const date = new Date(instant);
    if (Number.isNaN(date.getTime())) return '';
    return inZone(t, 'in', formatDateTime(instant, zone, locale), zone, utcOffset(date, zone));
  };
}
