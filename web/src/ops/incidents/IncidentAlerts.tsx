import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentRecord } from '../../api.ts';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { useListJoin } from '../../ui/format.ts';
import { incidentPath, onLinkClick } from '../route.ts';
import { useApi } from '../session.tsx';
import { useStaffEvents } from '../stream.ts';
import { SuspendFromIncident } from './SuspendFromIncident.tsx';
import { useIncidentWords } from './useIncidentWords.ts';

const MAX_ALERTS = 5;

/**
 * The mediator's alert panel: each new incident that touches a corridor or a convoy, as the staff
 * stream reports it, with "Suspend" one click (and a confirmation) away. Reporting never suspends
 * anything; this is where the mediator decides.
 */
export function IncidentAlerts({ zone }: { zone: string }) {
  const api = useApi();
  const { t } = useTranslation();
  const clock = useZonedClock(zone);
  const words = useIncidentWords();
  const join = useListJoin();
  // "Touches 3 corridors and 1 convoy": plural forms by Intl.PluralRules (i18next's `_one`, `_few`…
  // keys), and a count of zero left out (an alert touches at least one corridor or convoy).
  const touches = (a: IncidentRecord): string => {
    const corridors = a.affected.corridors.length;
    const convoys = a.affected.movements.length;
    const what = [corridors > 0 && t('incidents.alerts.corridors', { count: corridors }), convoys > 0 && t('incidents.alerts.convoys', { count: convoys })];
    return t('incidents.alerts.touches', { what: join(what.filter((w): w is string => typeof w === 'string')) });
  };
  const [alerts, setAlerts] = useState<IncidentRecord[]>([]);

  useStaffEvents((event) => {
    if (!event || event.type !== 'incident') return;
    if (event.data.corridors.length === 0 && event.data.movements.length === 0) return;
    api<IncidentRecord>(`/api/v1/incidents/${encodeURIComponent(event.data.id)}`)
      .then((record) => setAlerts((list) => [record, ...list.filter((a) => a.id !== record.id)].slice(0, MAX_ALERTS)))
      .catch(() => undefined);
  });

  return (
    <section className="incident-alerts" aria-label={t('incidents.alerts.label')} data-testid="incident-alerts">
      <h2>{t('incidents.alerts.heading')}</h2>
      {alerts.length === 0 ? (
        <p className="muted">{t('incidents.alerts.none')}</p>
      ) : (
        <ul className="incident-alerts__list" role="alert">
          {alerts.map((a) => (
            <li key={a.id} className={`incident-alert incident-alert--${a.severity}`} data-testid="incident-alert" data-id={a.id}>
              <p>
                <strong>{words.title(a)}</strong> · {clock(a.occurredAt)}
              </p>
              <p data-testid="incident-alert-touches">{touches(a)}</p>
              {a.description && <p className="muted">{a.description}</p>}
              <SuspendFromIncident incidentId={a.id} corridorIds={a.affected.corridors.map((c) => c.id)} />
              <p className="incident-alert__links">
                <a href={incidentPath(a.id)} onClick={onLinkClick}>
                  {t('incidents.alerts.open')}
                </a>{' '}
                <button type="button" className="button button--small button--secondary" onClick={() => setAlerts((list) => list.filter((x) => x.id !== a.id))}>
                  {t('movements.alerts.dismiss')}
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
