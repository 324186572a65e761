import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Corridor } from '../../api.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { corridorPath, onLinkClick } from '../route.ts';

interface SuspendOutcome {
  incidentId: string;
  reason: string;
  results: { corridorId: string; suspended: boolean; code?: string }[];
}

const SUSPENDABLE = new Set(['agreed', 'open']);

/**
 * The mediator's one click: suspend the corridors an incident touches, with the incident as the
 * reason. The click opens a confirmation that says exactly what will happen; the second click does it.
 */
export function SuspendFromIncident({ incidentId, corridorIds, onDone }: { incidentId: string; corridorIds: string[]; onDone?: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const [corridors, setCorridors] = useState<Corridor[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [outcome, setOutcome] = useState<SuspendOutcome | null>(null);
  const key = corridorIds.join(' ');

  useEffect(() => {
    let live = true;
    void Promise.allSettled(key.split(' ').filter(Boolean).map((id) => api<Corridor>(`/api/v1/corridors/${encodeURIComponent(id)}`))).then((results) => {
      if (live) setCorridors(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
    });
    return () => {
      live = false;
    };
  }, [key, outcome, api]);

  const targets = (corridors ?? []).filter((c) => SUSPENDABLE.has(c.status));
  // The alert counts every corridor the incident touches; only agreed or open ones can be
  // suspended, so the confirmation says how many of them that is and why the others are left.
  const others = corridorIds.length - targets.length;
  async function suspend() {
    setBusy(true);
    setError(null);
    try {
      const done = await api<SuspendOutcome>(`/api/v1/incidents/${encodeURIComponent(incidentId)}/suspend-corridors`, { method: 'POST', body: { corridorIds: targets.map((c) => c.id) } });
      setOutcome(done);
      setConfirming(false);
      onDone?.();
    } catch (err) {
      setError(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  if (corridors === null) return null;
  const suspended = outcome?.results.filter((r) => r.suspended).length ?? 0;
  return (
    <div className="incident-suspend" data-testid="incident-suspend">
      {outcome && (
        <p className="notice" role="status" data-testid="suspend-outcome">
          {t('incidents.suspend.done', { count: suspended })}
        </p>
      )}
      {targets.length === 0 ? (
        !outcome && <p className="muted">{t('incidents.suspend.nothing')}</p>
      ) : !confirming ? (
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)} data-testid="suspend-from-incident">
          {t('incidents.suspend.button', { count: targets.length })}
        </button>
      ) : (
        <div className="confirm-step incident-suspend__confirm" role="group" aria-label={t('incidents.suspend.confirmTitle', { count: targets.length })} data-testid="confirm-suspend">
          <p>
            <strong>{t('incidents.suspend.confirmTitle', { count: targets.length })}</strong>
          </p>
          {others > 0 && (
            <p data-testid="confirm-suspend-scope">
              {t('incidents.suspend.confirmScope', { touched: t('incidents.alerts.corridors', { count: corridorIds.length }), suspendable: targets.length })}{' '}
              {t('incidents.suspend.confirmOthers', { count: others })}
            </p>
          )}
          <ul>
            {targets.map((c) => (
              <li key={c.id}>
                <a href={corridorPath(c.id)} onClick={onLinkClick}>
                  {c.name}
                </a>{' '}
                ({t(`status.${c.status}`)})
              </li>
            ))}
          </ul>
          <p>{t('incidents.suspend.confirmFacts', { count: targets.length })}</p>
          <div className="actions__buttons">
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void suspend()} data-testid="confirm-suspend-button">
              {t('incidents.suspend.confirm', { count: targets.length })}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => setConfirming(false)}>
              {t('incidents.suspend.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
    </div>
  );
}
