import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort, type FlagView, type Me } from '../../api.ts';
import { INTL_LOCALE, currentLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../time/zones.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { orgNamer } from '../../ui/format.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { mayDo } from '../rights.ts';
import { useApi } from '../session.tsx';
import { onLinkClick, PEOPLE_BASE, personPath } from '../route.ts';
import { useActorNames } from '../useActorNames.ts';
import { useOrgs } from '../useOrgs.ts';
import { whoLabel } from '../who.ts';

type Outcome = NonNullable<FlagView['outcome']>;
const OUTCOMES: readonly Outcome[] = ['same_person', 'different_people'];

/**
 * /ops/people/desk: "possibly registered by another organisation" flags, open or resolved. Each
 * shows record ids, organisations and a score, never a name: the two records belong to two
 * organisations, and whoever opens one sees what their rights allow. The mediator's tracing desk
 * decides each flag, saying why; a registering organisation follows its own flags here.
 */
export function TracingDesk({ me }: { me: Me }) {
  const api = useApi();
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const [flags, setFlags] = useState<FlagView[] | null>(null);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const { orgs } = useOrgs();
  const orgName = orgNamer(orgs ?? []);
  const names = useActorNames((flags ?? []).flatMap((f) => (f.resolvedBy ? [f.resolvedBy] : [])));
  const resolves = mayDo(me, 'person.resolve');

  const load = useCallback(
    (signal?: AbortSignal) => {
      api<{ items: FlagView[] }>(`/api/v1/duplicate-flags?status=${status}`, { signal })
        .then((answer) => {
          setFlags(answer.items);
          setFailure(null);
        })
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          setFailure(requestErrorKey(err));
        });
    },
    [status, api],
  );
  useEffect(() => {
    const controller = new AbortController();
    setFlags(null);
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // A record opens only for whoever may read its organisation's people; otherwise its id shows alone.
  const readable = (orgId: string) => me.actions['person.read'] === 'all' || (me.actions['person.read'] === 'own-org' && orgId === me.orgId);
  const record = (personId: string, orgId: string) => (
    <span className="desk-flag__record">
      {readable(orgId) ? (
        <a className="mono" href={personPath(personId)} onClick={onLinkClick} data-testid="desk-record">
          {personId}
        </a>
      ) : (
        <span className="mono">{personId}</span>
      )}
      <span className="desk-flag__org"> · {orgName(orgId)}</span>
    </span>
  );
  const when = (iso: string) => formatDateTime(iso, me.org.timeZone, INTL_LOCALE[currentLang()]);

  return (
    <div className="tracing-desk" data-testid="tracing-desk">
      <BackLink href={PEOPLE_BASE} label={t('people.back')} />
      <h1>{t('people.desk.heading')}</h1>
      <p>{t(resolves ? 'people.desk.intro' : 'people.desk.introOwn')}</p>
      <div className="desk-tabs" role="group" aria-label={t('people.desk.show')}>
        {(['open', 'resolved'] as const).map((s) => (
          <button
            key={s}
            type="button"
            className={`button button--small${status === s ? '' : ' button--secondary'}`}
            aria-pressed={status === s}
            onClick={() => setStatus(s)}
            data-testid={`desk-show-${s}`}
          >
            {t(`people.desk.${s}`)}
          </button>
        ))}
      </div>
      {failure && (
        <div className="notice notice--error" role="alert">
          <p>{t(failure)}</p>
          <button type="button" className="button button--small" onClick={() => load()}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {!flags && !failure && <p role="status">{t('app.loading')}</p>}
      {flags && flags.length === 0 && <p data-testid="desk-empty">{t(status === 'open' ? 'people.desk.noneOpen' : 'people.desk.noneResolved')}</p>}
      {flags && flags.length > 0 && (
        <ul className="desk-flags" data-testid="desk-flags">
          {flags.map((f) => (
            <li key={f.id} className="desk-flag group" data-testid="desk-flag" data-flag-id={f.id} data-outcome={f.outcome ?? 'open'}>
              <p className="desk-flag__score">{t('people.flag.score', { score: Math.round(f.score * 100) })}</p>
              <dl className="desk-flag__pair">
                <dt>{t('people.desk.flagged')}</dt>
                <dd>{record(f.personId, f.flaggedOrgId)}</dd>
                <dt>{t('people.desk.possiblyAlso')}</dt>
                <dd>{record(f.otherPersonId, f.otherOrgId)}</dd>
              </dl>
              <p className="field__hint">{t('people.desk.flaggedAt', { when: when(f.flaggedAt) })}</p>
              {f.outcome && f.resolvedAt ? (
                <p className="notice" data-testid="desk-resolution">
                  <strong>{t(`people.desk.outcome.${f.outcome}`)}</strong>{' '}
                  {t('people.desk.resolvedBy', { who: whoLabel(t, f.resolvedBy ? names.get(f.resolvedBy) : null, orgName), when: when(f.resolvedAt) })}
                  {f.reason && <span className="desk-flag__reason"> — {f.reason}</span>}
                </p>
              ) : (
                resolves && <Resolve flag={f} onResolved={() => load()} />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The desk's decision on one flag: the same person or not, with the reason the audit keeps. */
function Resolve({ flag, onResolved }: { flag: FlagView; onResolved: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const ready = outcome !== null && reason.trim() !== '';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setFailure(null);
    try {
      await api<FlagView>(`/api/v1/duplicate-flags/${encodeURIComponent(flag.id)}/resolution`, { method: 'POST', body: { outcome, reason: reason.trim() } });
      onResolved();
    } catch (err) {
      setFailure(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="desk-resolve" onSubmit={submit} noValidate data-testid="desk-resolve">
      <fieldset>
        <legend>{t('people.desk.decide')}</legend>
        {OUTCOMES.map((o) => (
          <label key={o} className="checks__option">
            <input type="radio" name={`${id}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} data-testid={`desk-outcome-${o}`} />{' '}
            {t(`people.desk.outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      {outcome === 'same_person' && <p className="field__hint">{t('people.desk.sameHint')}</p>}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('people.desk.reason')}</label>
        <textarea id={`${id}-reason`} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={`${id}-reason-hint`} data-testid="desk-reason" />
        <p id={`${id}-reason-hint`} className="field__hint">
          {t('people.desk.reasonHint')}
        </p>
      </div>
      <button type="submit" className="button" disabled={busy || !ready} data-testid="desk-submit">
        {t('people.desk.submit')}
      </button>
      {failure && (
        <p className="notice notice--error" role="alert">
          {t(failure)}
        </p>
      )}
    </form>
  );
}
