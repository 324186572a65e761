import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_TYPES, isAbort, type Incident, type Me } from '../../api.ts';
import { glyphOf } from '../../map/incident-glyphs.ts';
import { UkraineMap, type MapMarker } from '../../map/UkraineMap.tsx';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { incidentPath, navigate, onLinkClick } from '../route.ts';
import { useApi } from '../session.tsx';
import { useStaffEvents } from '../stream.ts';
import { IncidentAlerts } from './IncidentAlerts.tsx';
import { IncidentDetail } from './IncidentDetail.tsx';
import { ReportIncidentForm } from './ReportIncidentForm.tsx';
import { incidentMarker, isHazardIncident, useIncidentWords } from './useIncidentWords.ts';
import './incidents.css';
import { Loading } from '../../ui/LoadState.tsx';

interface SectionProps {
  me: Me;
  rest: string[];
}

export function IncidentsSection({ me, rest }: SectionProps) {
  const [id] = rest;
  return id ? <IncidentDetail me={me} id={decodeURIComponent(id)} /> : <IncidentsHome me={me} />;
}

/**
 * Incidents on the map, styled by type and severity, with hazards (mines, blocked roads) until
 * cleared; report one by tapping the map; the mediator's alerts with suspend above it all.
 */
function IncidentsHome({ me }: { me: Me }) {
  const api = useApi();
  const { t } = useTranslation();
  const clock = useZonedClock(me.org.timeZone);
  const words = useIncidentWords();
  const [items, setItems] = useState<Incident[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [picking, setPicking] = useState(false);
  const [point, setPoint] = useState<{ lat: number; lon: number } | null>(null);
  const [showCleared, setShowCleared] = useState(false);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    api<{ items: Incident[] }>('/api/v1/incidents', { signal: controller.signal })
      .then((page) => setItems(Array.isArray(page?.items) ? page.items : []))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setFailed(true);
      });
    return () => controller.abort();
  }, [attempt, api]);
  useStaffEvents((event) => {
    if (!event || event.type === 'incident') reload();
  });

  const sorted = useMemo(() => [...(items ?? [])].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)), [items]);
  const markers = useMemo<MapMarker[]>(() => {
    const shown = sorted.filter((i) => showCleared || !(isHazardIncident(i) && i.clearedAt));
    const list = shown.map((i) => incidentMarker(i, words.title(i), [clock(i.occurredAt), ...(i.description ? [i.description] : []), ...(i.clearedAt ? [t('incidents.clearedAt', { time: clock(i.clearedAt) })] : [])]));
    if (point) list.push({ id: 'picked', lat: point.lat, lon: point.lon, tone: 'other', title: t('incidents.report.here'), label: true });
    return list;
  }, [sorted, showCleared, point, words, clock, t]);
  const canReport = me.actions['incident.report'] !== undefined;
  const isMediator = me.actions['corridor.control'] !== undefined;

  return (
    <div className="console__panel incidents" data-testid="incidents-section">
      <h1>{t('ops.nav.incidents')}</h1>
      <p className="field__hint">{t('incidents.intro')}</p>
      {isMediator && <IncidentAlerts zone={me.org.timeZone} />}
      <div className="incidents__tools">
        {canReport && (
          <button type="button" className="button" aria-pressed={picking} onClick={() => setPicking((p) => !p)} data-testid="report-on-map">
            {picking ? t('incidents.report.tapMap') : t('incidents.report.start')}
          </button>
        )}
        <label className="incidents__toggle">
          <input type="checkbox" checked={showCleared} onChange={(e) => setShowCleared(e.target.checked)} data-testid="show-cleared" /> {t('incidents.showCleared')}
        </label>
      </div>
      <p className="incidents__legend" aria-hidden="true">
        <span className="incidents__legend-item incidents__legend-item--event">{t('incidents.legend.event')}</span>
        <span className="incidents__legend-item incidents__legend-item--hazard">{t('incidents.legend.hazard')}</span>
        <span className="incidents__legend-item incidents__legend-item--cleared">{t('incidents.legend.cleared')}</span>
      </p>
      <p className="incidents__legend" aria-hidden="true" data-testid="incident-type-legend">
        {INCIDENT_TYPES.map((type) => (
          <span key={type}>
            <span className="incidents__glyph">{glyphOf(type)}</span> {words.type(type)}
          </span>
        ))}
      </p>
      <UkraineMap
        markers={markers}
        className="incidents__map"
        onMapClick={
          picking
            ? (p) => {
                setPoint(p);
                setPicking(false);
              }
            : null
        }
      />
      {point && canReport && (
        <ReportIncidentForm
          point={point}
         
          onCancel={() => setPoint(null)}
          onReported={(incident) => {
            setPoint(null);
            reload();
            navigate(incidentPath(incident.id));
          }}
        />
      )}
      {failed && <p className="notice notice--error">{t('ops.serverError')}</p>}
      {items === null && !failed ? (
        <Loading />
      ) : sorted.length === 0 ? (
        <p className="muted">{t('ops.activity.noIncidents')}</p>
      ) : (
        <ul className="activity__list">
          {sorted.map((i) => (
            <li key={i.id} className="activity__item" data-testid="incident-item" data-id={i.id}>
              <a href={incidentPath(i.id)} onClick={onLinkClick}>
                <strong>{words.title(i)}</strong>
              </a>
              <span>
                {clock(i.occurredAt)} · {i.lat.toFixed(3)}, {i.lon.toFixed(3)} · {t(`ops.activity.verification.${i.verification}`, { defaultValue: i.verification })}
                {isHazardIncident(i) && ` · ${i.clearedAt ? t('incidents.clearedAt', { time: clock(i.clearedAt) }) : t('incidents.hazardActive')}`}
              </span>
              {i.description && <span>{i.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
