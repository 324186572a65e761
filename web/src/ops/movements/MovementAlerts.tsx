import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Incident, type Movement } from '../../api.ts';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { onLinkClick, movementPath } from '../route.ts';
import { useStaffEvents } from '../stream.ts';
import { useMovementWords } from './describe.tsx';

type Alert =
  | { key: string; kind: 'overdue'; movement: Movement }
  | { key: string; kind: 'incident'; movements: Movement[]; incident: Incident | null };

const MAX_ALERTS = 4;
const INCIDENT_LOOKBACK_MS = 7 * 24 * 3_600_000;

/** The incident named by an `incident` event (the event carries only its id). */
async function findIncident(id: string, at: string): Promise<Incident | null> {
  const since = new Date(new Date(at).getTime() - INCIDENT_LOOKBACK_MS).toISOString();
  try {
    const body = await api<{ items: Incident[] }>(`/api/v1/incidents?since=${encodeURIComponent(since)}`);
    return (Array.isArray(body?.items) ? body.items : []).find((i) => i.id === id) ?? null;
  } catch {
    return null;
  }
}

/**
 * Banners for what needs attention at once, from the staff stream: a convoy flagged overdue, and
 * an incident reported near a movement. They stay until dismissed.
 */
export function MovementAlerts({ zone, titleOf }: { zone: string; titleOf: (m: Movement) => string }) {
  const { t } = useTranslation();
  const clock = useZonedClock(zone);
  const words = useMovementWords();
  const [alerts, setAlerts] = useState<Alert[]>([]);

  const push = (alert: Alert) =>
    setAlerts((list) => [alert, ...list.filter((a) => a.key !== alert.key)].slice(0, MAX_ALERTS));

  useStaffEvents((event) => {
    if (!event) return;
    if (event.type === 'movement' && event.data.change === 'overdue') {
      const id = event.data.id;
      api<Movement>(`/api/v1/movements/${encodeURIComponent(id)}`)
        .then((movement) => push({ key: `overdue:${id}:${event.data.at}`, kind: 'overdue', movement }))
        .catch(() => undefined);
    } else if (event.type === 'incident' && event.data.movements.length > 0) {
      const { id, at, movements } = event.data;
      void Promise.all([
        findIncident(id, at),
        Promise.allSettled(movements.map((m) => api<Movement>(`/api/v1/movements/${encodeURIComponent(m)}`))),
      ]).then(([incident, results]) => {
        const found = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        if (found.length) push({ key: `incident:${id}`, kind: 'incident', movements: found, incident });
      });
    }
  });

  if (alerts.length === 0) return null;
  return (
    <div className="movement-alerts" role="alert" aria-label={t('movements.alerts.label')}>
      {alerts.map((a) => (
        <div key={a.key} className={`movement-alert movement-alert--${a.kind}`} data-testid="movement-alert" data-kind={a.kind} data-id={a.kind === 'overdue' ? a.movement.id : a.movements.map((m) => m.id).join(' ')}>
          <div className="movement-alert__text">
            {a.kind === 'overdue' ? (
              <p>
                {a.movement.expectedNext && a.movement.expectedNext.what !== 'arrival'
                  ? t('movements.alerts.overdue', { title: titleOf(a.movement), what: a.movement.expectedNext.what, time: clock(a.movement.expectedNext.at) })
                  : t('movements.alerts.overdueArrival', { title: titleOf(a.movement), time: a.movement.expectedNext ? clock(a.movement.expectedNext.at) : '' })}
              </p>
            ) : (
              <>
                <p>
                  {a.incident
                    ? t('movements.alerts.incident', {
                        type: words.incidentType(String(a.incident.type)),
                        severity: words.severity(String(a.incident.severity)),
                        time: clock(a.incident.occurredAt),
                        count: a.movements.length,
                      })
                    : t('movements.alerts.incidentUnknown', { count: a.movements.length })}
                </p>
                <ul className="movement-alert__list">
                  {a.movements.map((m) => (
                    <li key={m.id}>
                      <a href={movementPath(m.id)} onClick={onLinkClick}>
                        {titleOf(m)}
                      </a>{' '}
                      <span className="movement-alert__status">({t(`status.${m.status}`)})</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <div className="movement-alert__actions">
            {a.kind === 'overdue' && (
              <a className="button button--small" href={movementPath(a.movement.id)} onClick={onLinkClick}>
                {t('movements.alerts.open')}
              </a>
            )}
            <button type="button" className="button button--small button--secondary" onClick={() => setAlerts((list) => list.filter((x) => x.key !== a.key))}>
              {t('movements.alerts.dismiss')}
            </button>
          </div>
        </div>
      ))}
      {alerts.length > 1 && (
        <button type="button" className="button button--small button--secondary movement-alerts__all" onClick={() => setAlerts([])}>
          {t('movements.alerts.dismissAll')}
        </button>
      )}
    </div>
  );
}
