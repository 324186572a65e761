import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort, type IncidentRecord, type Me } from '../../api.ts';
import { UkraineMap } from '../../map/UkraineMap.tsx';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { corridorPath, INCIDENTS_BASE, movementPath, onLinkClick } from '../route.ts';
import { useActorNames } from '../useActorNames.ts';
import { useOrgs } from '../useOrgs.ts';
import { IncidentStatements, StatementForm } from './IncidentStatements.tsx';
import { SuspendFromIncident } from './SuspendFromIncident.tsx';
import { incidentMarker, isHazardIncident, useIncidentWords } from './useIncidentWords.ts';
import { Loading } from '../../ui/LoadState.tsx';

/** One incident: what, where, when, what it touched, the suspensions it caused, and each party's statement. */
export function IncidentDetail({ me, id }: { me: Me; id: string }) {
  const api = useApi();
  const { t } = useTranslation();
  const clock = useZonedClock(me.org.timeZone);
  const words = useIncidentWords();
  const { orgs } = useOrgs();
  const [record, setRecord] = useState<IncidentRecord | null>(null);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    api<IncidentRecord>(`/api/v1/incidents/${encodeURIComponent(id)}`, { signal: controller.signal })
      .then(setRecord)
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setError(requestErrorKey(err));
      });
    return () => controller.abort();
  }, [id, attempt, api]);

  const people = useActorNames(
    record ? [...record.statements.map((s) => s.userId), ...record.suspensions.map((s) => s.byUser), ...(record.clearedBy ? [record.clearedBy] : [])] : [],
  );
  const orgName = (orgId: string) => orgs?.find((o) => o.id === orgId)?.name ?? t('signing.someone');
  const who = (userId: string | null): string => {
    const person = userId ? people.get(userId) : undefined;
    if (!person) return t('signing.someone');
    return person.name ?? t('corridors.approvals.roleAt', { role: t(`role.${person.role}`, { defaultValue: person.role }), org: orgName(person.orgId) });
  };
  const markers = useMemo(() => (record ? [incidentMarker(record, words.title(record), [])] : []), [record, words]);

  if (error) return <p className="notice notice--error console__panel">{t(error)}</p>;
  if (!record) return <Loading className="console__panel" />;
  const hazard = isHazardIncident(record);
  return (
    <div className="console__panel incident-detail" data-testid="incident-detail" data-id={record.id}>
      <p>
        <a href={INCIDENTS_BASE} onClick={onLinkClick}>
          {t('incidents.back')}
        </a>
      </p>
      <h1>{words.title(record)}</h1>
      <dl className="facts">
        <dt>{t('incidents.facts.when')}</dt>
        <dd>{clock(record.occurredAt)}</dd>
        <dt>{t('incidents.facts.where')}</dt>
        <dd>
          {record.lat.toFixed(4)}, {record.lon.toFixed(4)}
        </dd>
        <dt>{t('incidents.facts.reportedBy')}</dt>
        <dd>{orgName(record.reportedByOrg)}</dd>
        <dt>{t('incidents.facts.verification')}</dt>
        <dd>{t(`ops.activity.verification.${record.verification}`, { defaultValue: record.verification })}</dd>
        {record.description && (
          <>
            <dt>{t('incidents.facts.description')}</dt>
            <dd>{record.description}</dd>
          </>
        )}
        {hazard && (
          <>
            <dt>{t('incidents.facts.hazard')}</dt>
            <dd data-testid="hazard-state">
              {record.clearedAt ? t('incidents.clearedBy', { user: who(record.clearedBy), time: clock(record.clearedAt) }) : t('incidents.hazardActive')}
              {record.clearedNote && ` — ${record.clearedNote}`}
            </dd>
          </>
        )}
      </dl>
      <UkraineMap markers={markers} className="incident-detail__map" />
      <section aria-labelledby="incident-affected">
        <h2 id="incident-affected">{t('incidents.affected.heading')}</h2>
        {record.affected.corridors.length + record.affected.movements.length === 0 ? (
          <p className="muted">{t('incidents.affected.none')}</p>
        ) : (
          <ul>
            {record.affected.corridors.map((c) => (
              <li key={c.id}>
                <a href={corridorPath(c.id)} onClick={onLinkClick}>
                  {t('incidents.affected.corridor')}
                </a>{' '}
                · {t('incidents.affected.distance', { meters: c.distanceMeters })}
              </li>
            ))}
            {record.affected.movements.map((m) => (
              <li key={m.id}>
                <a href={movementPath(m.id)} onClick={onLinkClick}>
                  {t('incidents.affected.movement')}
                </a>{' '}
                · {t('incidents.affected.distance', { meters: m.distanceMeters })}
              </li>
            ))}
          </ul>
        )}
        {record.suspensions.map((s) => (
          <p key={`${s.corridorId}-${s.at}`} className="notice" data-testid="incident-suspension">
            {t('incidents.suspendedBy', { user: who(s.byUser), time: clock(s.at) })}{' '}
            <a href={corridorPath(s.corridorId)} onClick={onLinkClick}>
              {t('incidents.affected.corridor')}
            </a>
          </p>
        ))}
        {me.actions['corridor.control'] !== undefined && (
          <SuspendFromIncident incidentId={record.id} corridorIds={record.affected.corridors.map((c) => c.id)} onDone={reload} />
        )}
        {hazard && !record.clearedAt && me.actions['incident.verify'] !== undefined && <ClearHazard id={record.id} onDone={reload} />}
      </section>
      <IncidentStatements record={record} orgName={orgName} who={who} when={clock} />
      {me.actions['incident.state'] !== undefined && <StatementForm me={me} incidentId={record.id} onStated={reload} />}
    </div>
  );
}

function ClearHazard({ id, onDone }: { id: string; onDone: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<RequestErrorKey | null>(null);
  async function clear() {
    try {
      await api(`/api/v1/incidents/${encodeURIComponent(id)}/clear`, { method: 'POST', body: { note: note.trim() } });
      onDone();
    } catch (err) {
      setError(requestErrorKey(err));
    }
  }
  return (
    <div className="field incident-clear">
      <label htmlFor={`clear-${id}`}>{t('incidents.clear.note')}</label>
      <input id={`clear-${id}`} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="button" className="button button--secondary" disabled={!note.trim()} onClick={() => void clear()} data-testid="clear-hazard">
        {t('incidents.clear.button')}
      </button>
      {error && <p className="notice notice--error">{t(error)}</p>}
    </div>
  );
}
