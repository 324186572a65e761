import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type FlagView, type Person } from '../../api.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';

interface RecordLinksProps {
  person: Person;
  onChanged: (person: Person) => void;
}

/**
 * Corrections to the registry from one record: merge another record of the organisation into it
 * (two records, one person), or flag it as possibly registered by another organisation too, for
 * the tracing desk. A flag answers ids and scores only.
 */
export function RecordLinks({ person, onChanged }: RecordLinksProps) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
  const [otherId, setOtherId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [merged, setMerged] = useState(false);
  const [flags, setFlags] = useState<FlagView[] | null>(null);

  const fail = (err: unknown) => {
    setFailure(requestErrorKey(err));
  };

  async function merge(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!otherId.trim()) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      onChanged(await api<Person>(`/api/v1/people/${encodeURIComponent(person.id)}/merge`, { method: 'POST', body: { otherId: otherId.trim() } }));
      setMerged(true);
      setOtherId('');
      setConfirming(false);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function flag() {
    setFailure(null);
    setBusy(true);
    try {
      setFlags((await api<{ items: FlagView[] }>(`/api/v1/people/${encodeURIComponent(person.id)}/duplicate-flags`, { method: 'POST' })).items);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="group record-links" data-testid="record-links">
      {person.allowedActions.includes('merge') && (
        <>
        <h2>{t('people.merge.heading')}</h2>
        <form onSubmit={merge} noValidate>
          <div className="field">
            <label htmlFor={`${id}-other`}>{t('people.merge.otherId')}</label>
            <input
              id={`${id}-other`}
              className="mono"
              value={otherId}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setOtherId(e.target.value);
                setConfirming(false);
                setMerged(false);
              }}
              data-testid="merge-other-id"
            />
            <p className="field__hint">{t('people.merge.hint')}</p>
          </div>
          {confirming && (
            <p className="notice" role="status" data-testid="merge-confirm-text">
              {t('people.merge.confirmText', { other: otherId.trim() })}
            </p>
          )}
          <button type="submit" className={confirming ? 'button button--danger' : 'button'} disabled={busy || !otherId.trim()} data-testid="merge-submit">
            {t(confirming ? 'people.merge.confirm' : 'people.merge.submit')}
          </button>
          {confirming && (
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('people.merge.cancel')}
            </button>
          )}
          {merged && (
            <p className="notice notice--ok" role="status" data-testid="merge-done">
              {t('people.merge.done')}
            </p>
          )}
        </form>
        </>
      )}

      {person.allowedActions.includes('flag') && (
        <>
        <h2>{t('people.flag.heading')}</h2>
        <p className="field__hint">{t('people.flag.hint')}</p>
        <button type="button" className="button" disabled={busy} onClick={() => void flag()} data-testid="flag-elsewhere">
          {t('people.flag.submit')}
        </button>
        {flags && (
          <div role="status" data-testid="flag-result">
            {flags.length === 0 ? (
              <p>{t('people.flag.none')}</p>
            ) : (
              <>
                <p>{t('people.flag.flagged', { count: flags.length })}</p>
                <ul className="flag-list">
                  {flags.map((f) => (
                    <li key={f.id}>
                      <span className="mono">{f.otherPersonId}</span> · {t('people.flag.score', { score: Math.round(f.score * 100) })}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        </>
      )}
      {failure && (
        <p className="notice notice--error" role="alert">
          {t(failure)}
        </p>
      )}
    </section>
  );
}
