import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isAbort, type Corridor } from '../../api.ts';
// The one SMS rule, shared with the server: the count shown here is the count the server stores.
import { countSms } from '../../../../src/domain/sms.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { Loading } from '../../ui/LoadState.tsx';

type Lang = 'uk' | 'ru' | 'en';
const LANGS: readonly Lang[] = ['uk', 'ru', 'en'];
/** Statuses the public sees: only these corridors can be announced or printed. */

interface StaffAnnouncement {
  id: string;
  createdAt: string;
  kind: 'auto' | 'manual';
  status: string;
  texts: Record<Lang, { text: string; sms: { text: string; encoding: string; segments: number }; radio: string }>;
}

/**
 * On a corridor's page: its announcements (automatic ones on each status change, and the
 * mediator's own), the printable posters, and for the mediator a form to write one in uk, ru and en.
 */
export function AnnouncementForm({ corridor, when }: { corridor: Pick<Corridor, 'id' | 'status' | 'publiclyListed' | 'allowedActions'>; when: (iso: string) => string }) {
  const corridorId = corridor.id;
  const status = corridor.status;
  const { t, i18n } = useTranslation();
  const base = `/api/v1/corridors/${encodeURIComponent(corridorId)}/announcements`;
  const [items, setItems] = useState<StaffAnnouncement[] | null>(null);
  const [text, setText] = useState<Record<Lang, string>>({ uk: '', ru: '', en: '' });
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const isPublic = corridor.publiclyListed;
  const uiLang: Lang = LANGS.includes(i18n.language as Lang) ? (i18n.language as Lang) : 'en';

  const load = useCallback(
    (signal?: AbortSignal) => {
      api<{ items: StaffAnnouncement[] }>(base, signal ? { signal } : {})
        .then((r) => setItems(r.items))
        .catch((err: unknown) => {
          if (!isAbort(err)) setItems([]);
        });
    },
    [base],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load, status]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSent(false);
    api(base, { method: 'POST', body: { text } })
      .then(() => {
        setText({ uk: '', ru: '', en: '' });
        setSent(true);
        load();
      })
      .catch((err: unknown) => setError(requestErrorKey(err)))
      .finally(() => setBusy(false));
  };
  const complete = LANGS.every((lang) => text[lang].trim() !== '');

  return (
    <section aria-labelledby="cd-announcements" data-testid="announcements">
      <h2 id="cd-announcements">{t('corridors.announcements.heading')}</h2>
      {isPublic && (
        <p className="announcements__posters">
          {t('corridors.announcements.posters')}{' '}
          {LANGS.map((lang, i) => (
            <span key={lang}>
              {i > 0 && ' · '}
              <a href={`/api/v1/public/corridors/${encodeURIComponent(corridorId)}/poster.pdf?lang=${lang}`} target="_blank" rel="noopener" lang={lang}>
                {t(`lang.${lang}Name`)}
              </a>
            </span>
          ))}
        </p>
      )}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('corridors.announcements.none')}</p>
      ) : (
        <ol className="announcements">
          {items.map((a) => (
            <li key={a.id} data-kind={a.kind}>
              <time dateTime={a.createdAt}>{when(a.createdAt)}</time>{' '}
              <span className="muted">{t(a.kind === 'auto' ? 'corridors.announcements.kindAuto' : 'corridors.announcements.kindManual')}</span>
              <p lang={uiLang}>{a.texts[uiLang].text}</p>
            </li>
          ))}
        </ol>
      )}
      {corridor.allowedActions.includes('announce') && (
        <form onSubmit={submit} className="announcement-form">
          <h3>{t('corridors.announcements.formHeading')}</h3>
          {LANGS.map((lang) => {
            const sms = countSms(text[lang].trim());
            return (
              <label key={lang} className="field">
                <span>{t('corridors.announcements.textLabel', { lang: t(`lang.${lang}Name`) })}</span>
                <textarea lang={lang} rows={3} maxLength={1000} value={text[lang]} onChange={(e) => setText({ ...text, [lang]: e.target.value })} />
                <span className="muted announcement-form__sms" data-testid={`sms-${lang}`}>
                  {t('corridors.announcements.smsCount', { count: sms.segments, encoding: sms.encoding })}
                </span>
              </label>
            );
          })}
          {error && <p role="alert">{t(error)}</p>}
          {sent && <p role="status">{t('corridors.announcements.sent')}</p>}
          <button type="submit" disabled={busy || !complete}>
            {t('corridors.announcements.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
