import { useTranslation } from 'react-i18next';
import { INTL_LOCALE, currentLang } from '../i18n/index.ts';
import { KYIV_ZONE, MOSCOW_ZONE, formatClock, formatWindowRange, utcOffset, windowOffset, type Window } from '../time.ts';

/**
 * A corridor window in Kyiv time with the zone named, and — when Moscow's clock differs —
 * the same window in Moscow time, because people in occupied areas often keep Moscow time.
 */
export function WindowTime({ window }: { window: Window }) {
  const { t } = useTranslation();
  const locale = INTL_LOCALE[currentLang()];
  const kyivOffset = windowOffset(window, KYIV_ZONE);
  const moscowOffset = windowOffset(window, MOSCOW_ZONE);
  return (
    <>
      <span className="window-time">
        {t('time.kyiv', { when: formatWindowRange(window, KYIV_ZONE, locale), offset: kyivOffset })}
      </span>
      {moscowOffset !== kyivOffset && (
        <span className="window-time window-time--alt">
          {t('time.moscow', { when: formatWindowRange(window, MOSCOW_ZONE, locale), offset: moscowOffset })}
        </span>
      )}
    </>
  );
}

/** "14:05 Kyiv time (UTC+2)" (with the date when it is not today in Kyiv). */
export function useKyivClock(): (instant: string) => string {
  const { t } = useTranslation();
  const locale = INTL_LOCALE[currentLang()];
  return (instant: string) => {
    const date = new Date(instant);
    if (Number.isNaN(date.getTime())) return '';
    return t('time.kyiv', { when: formatClock(date, KYIV_ZONE, locale), offset: utcOffset(date, KYIV_ZONE) });
  };
}
