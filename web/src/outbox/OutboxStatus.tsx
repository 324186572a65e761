import { useEffect, useState } from 'react';
import './outbox.css';
import { useTranslation } from 'react-i18next';
import { INTL_LOCALE, currentLang } from '../i18n/index.ts';
import { formatClock } from '../time/zones.ts';
import { discardItem, flushOutbox, retryItem, type OutboxItem } from './outbox.ts';
import { useOutbox } from './useOutbox.ts';

/** The refusals the console can explain in words; anything else shows the server's title. */
const KNOWN_CODES = [
  'MOVEMENT_ILLEGAL_TRANSITION',
  'ALREADY_BOARDED',
  'ALREADY_ARRIVED',
  'MARKED_NOT_BOARDED',
  'ALREADY_NOT_BOARDED',
  'CONVOY_NOT_AT_DESTINATION',
  'NOT_BOARDED',
  'NOT_ON_MANIFEST',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];
const isKnown = (code: string | undefined): code is KnownCode => (KNOWN_CODES as readonly (string | undefined)[]).includes(code);

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * Under the top bar on every console page (times in the organisation's zone): how many taps wait on this device, and each tap the
 * server refused, for the user to resolve (drop it, since what the server holds stands, or send
 * it again as it was).
 */
export function OutboxStatus({ zone }: { zone: string }) {
  const { t } = useTranslation();
  const { waiting, refused } = useOutbox();
  const online = useOnline();
  const [busy, setBusy] = useState(false);
  if (waiting.length === 0 && refused.length === 0 && online) return null;
  const time = (iso: string) => formatClock(new Date(iso), zone, INTL_LOCALE[currentLang()]);
  const why = (item: OutboxItem) => {
    const code = item.problem?.code;
    return isKnown(code) ? t(`outbox.refusal.${code}`) : item.problem?.title || t('outbox.refusal.other');
  };

  return (
    <section className="outbox" aria-live="polite" data-testid="outbox" data-online={online ? 'true' : 'false'}>
      {!online && <p className="outbox__offline" data-testid="outbox-offline">{t('outbox.offline')}</p>}
      {waiting.length > 0 && (
        <p className="outbox__waiting" data-testid="outbox-waiting" data-count={waiting.length}>
          <span>{t('outbox.waiting', { count: waiting.length })}</span>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={busy || !online}
            onClick={() => {
              setBusy(true);
              void flushOutbox().finally(() => setBusy(false));
            }}
            data-testid="outbox-send"
          >
            {t('outbox.sendNow')}
          </button>
        </p>
      )}
      {refused.length > 0 && (
        <div className="notice notice--error outbox__refused" role="alert">
          <p>{t('outbox.refusedHeading', { count: refused.length })}</p>
          <ul>
            {refused.map((item) => (
              <li key={item.key} data-testid="outbox-refused" data-kind={item.kind} data-code={item.problem?.code ?? ''}>
                <strong>{t(`outbox.kind.${item.kind}`)}</strong> · {t('outbox.tappedAt', { time: time(item.tappedAt) })}
                <br />
                {why(item)}
                <span className="outbox__buttons">
                  <button type="button" className="button button--small" onClick={() => void discardItem(item)} data-testid="outbox-discard">
                    {t('outbox.discard')}
                  </button>
                  <button type="button" className="button button--small button--secondary" onClick={() => void retryItem(item)} data-testid="outbox-retry">
                    {t('outbox.retry')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
