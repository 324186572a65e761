import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_TYPES,
  SEVERITIES,
  VEHICLE_TYPES,
  isAbort,
  type CargoLine,
  type Corridor,
  type IncidentNear,
  type Movement,
  type MovementWarning,
  type Page,
  type Vehicle,
} from '../../api.ts';
import { INTL_LOCALE, currentLang } from '../../i18n/index.ts';
import { windowText, useZonedClock } from '../../time/WindowTime.tsx';
import { useNumber } from '../../ui/format.ts';
import { useApi } from '../session.tsx';
import { isCargoCategory, shownProgress } from './fields.ts';

/** The current time, ticking every `everyMs` (countdowns, "overdue since"). */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Corridors by id (GET /api/v1/corridors?limit=200), to name a movement's corridor and give its
 * status. Null while loading; an empty map if they cannot be read (names then fall back).
 */
export function useCorridorIndex(): Map<string, Corridor> | null {
  const api = useApi();
  const [index, setIndex] = useState<Map<string, Corridor> | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api<Page<Corridor>>('/api/v1/corridors?limit=200', { signal: controller.signal })
      .then((page) => setIndex(new Map((Array.isArray(page?.items) ? page.items : []).map((c) => [c.id, c]))))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setIndex((old) => old ?? new Map());
      });
    return () => controller.abort();
  }, [api]);
  return index;
}

/** "3 h 12 min", "2 d 4 h", "less than a minute". */
export function useDuration(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms) => {
    const minutes = Math.floor(Math.abs(ms) / 60_000);
    if (minutes < 1) return t('movements.duration.underMinute');
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const mins = minutes % 60;
    const parts: string[] = [];
    if (days) parts.push(t('movements.duration.days', { n: days }));
    if (hours) parts.push(t('movements.duration.hours', { n: hours }));
    if (mins && !days) parts.push(t('movements.duration.minutes', { n: mins }));
    return parts.join(' ');
  };
}

/** Words for a movement's parts in the current language. */
export function useMovementWords() {
  const { t } = useTranslation();
  const num = useNumber();
  const kind = (m: Pick<Movement, 'kind'>): string => t(`movements.kind.${m.kind}`);
  const vehicleType = (type: string): string =>
    (VEHICLE_TYPES as readonly string[]).includes(type) ? t(`movements.vehicle.${type as Vehicle['type']}`) : type;
  const category = (value: string): string => (isCargoCategory(value) ? t(`movements.cargoCategory.${value}`) : value);
  const incidentType = (value: string): string =>
    (INCIDENT_TYPES as readonly string[]).includes(value) ? t(`movements.incidentType.${value as (typeof INCIDENT_TYPES)[number]}`) : value;
  const severity = (value: string): string =>
    (SEVERITIES as readonly string[]).includes(value) ? t(`movements.severity.${value as (typeof SEVERITIES)[number]}`) : value;
  /** "Bus × 2, Truck × 1". */
  const vehicles = (list: readonly Vehicle[]): string => {
    const counts = new Map<string, number>();
    for (const v of list) counts.set(v.type, (counts.get(v.type) ?? 0) + 1);
    return [...counts].map(([type, n]) => `${vehicleType(type)} × ${num(n)}`).join(', ');
  };
  /** "food parcels: 1,200 parcels; insulin: 800 doses". */
  const cargo = (lines: readonly CargoLine[]): string =>
    lines.map((c) => `${c.item}: ${num(c.quantity, 3)} ${c.unit}`).join('; ');
  const cargoWeight = (lines: readonly CargoLine[]): number | null => {
    const weights = lines.map((c) => c.weightKg).filter((w): w is number => typeof w === 'number');
    return weights.length ? weights.reduce((a, b) => a + b, 0) : null;
  };
  const percent = (m: Pick<Movement, 'status' | 'progress'>): string =>
    new Intl.NumberFormat(INTL_LOCALE[currentLang()], { style: 'percent', maximumFractionDigits: 0 }).format(shownProgress(m));
  /** "Vasylivka" or "arrival", as the expected next passage is named. */
  const passage = (what: string): string => (what === 'arrival' ? t('movements.arrival') : what);
  return { kind, vehicleType, category, incidentType, severity, vehicles, cargo, cargoWeight, percent, passage };
}

/** "Evacuation · Enerhodar – Zaporizhzhia" or "Supplies · own route". */
export function useMovementTitle(corridors: ReadonlyMap<string, Pick<Corridor, 'name'>> | null): (m: Movement) => string {
  const { t } = useTranslation();
  const words = useMovementWords();
  return (m) => {
    const corridor = m.corridorId ? corridors?.get(m.corridorId)?.name : null;
    const where = corridor ?? (m.corridorId ? t('movements.corridorUnnamed') : t('movements.ownRoute'));
    return `${words.kind(m)} · ${where}`;
  };
}

/** A coloured bar and the share of the route covered, in words. */
export function ProgressBar({ movement }: { movement: Pick<Movement, 'status' | 'progress'> }) {
  const { t } = useTranslation();
  const words = useMovementWords();
  const value = shownProgress(movement);
  const percent = words.percent(movement);
  return (
    <div className="progress" data-testid="movement-progress" data-value={value.toFixed(3)}>
      <span className="progress__label">{t('movements.progress', { percent })}</span>
      <span
        className={`progress__track progress__track--${movement.status}`}
        role="progressbar"
        aria-label={t('movements.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(value * 100)}
        aria-valuetext={percent}
      >
        <span className="progress__fill" style={{ width: `${(value * 100).toFixed(1)}%` }} />
      </span>
    </div>
  );
}

/** The red "overdue" badge, with what was expected and since when. */
export function OverdueBadge({ movement, zone }: { movement: Pick<Movement, 'overdue' | 'expectedNext'>; zone: string }) {
  const { t } = useTranslation();
  const clock = useZonedClock(zone);
  const words = useMovementWords();
  if (!movement.overdue) return null;
  const next = movement.expectedNext;
  return (
    <span className="overdue-badge" data-testid="overdue-badge" data-since={next?.at}>
      <strong>{t('movements.overdue')}</strong>
      {next && (
        <span className="overdue-badge__since">
          {next.what === 'arrival'
            ? t('movements.overdueArrival', { time: clock(next.at) })
            : t('movements.overdueAt', { what: words.passage(next.what), time: clock(next.at) })}
        </span>
      )}
    </span>
  );
}

/** "departs in 3 h 12 min", red under 6 h, "deadline passed" after the departure. */
export function Countdown({ deadline, now }: { deadline: string; now: number }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const left = new Date(deadline).getTime() - now;
  const urgent = left < 6 * 3_600_000;
  return (
    <span
      className={`countdown${left <= 0 ? ' countdown--passed' : urgent ? ' countdown--urgent' : ''}`}
      data-testid="ack-countdown"
      data-ms={Math.round(left)}
      role="timer"
    >
      {left <= 0 ? t('movements.queue.deadlinePassed') : t('movements.queue.departsIn', { duration: duration(left) })}
    </span>
  );
}

/** Deconfliction warnings, each in words with its details, in the viewer's zone. */
export function WarningList({ warnings, zone, testId }: { warnings: readonly MovementWarning[]; zone: string; testId?: string }) {
  const { t } = useTranslation();
  const num = useNumber();
  const words = useMovementWords();
  const clock = useZonedClock(zone);
  const duration = useDuration();
  const locale = INTL_LOCALE[currentLang()];
  const km = (meters: number | undefined): string => num((meters ?? 0) / 1000, 1);

  const incidents = (list: readonly IncidentNear[] | undefined) =>
    list && list.length > 0 ? (
      <ul className="warning__incidents">
        {list.map((i) => (
          <li key={i.id} data-incident={i.id}>
            {t('movements.warnings.incident', {
              type: words.incidentType(String(i.type)),
              severity: words.severity(String(i.severity)),
              time: clock(i.occurredAt),
              km: km(i.distanceMeters),
            })}
          </li>
        ))}
      </ul>
    ) : null;

  const body = (w: MovementWarning) => {
    switch (w.code) {
      case 'SHORT_NOTICE':
        return (
          <>
            <p>{t('movements.warnings.SHORT_NOTICE', { given: duration(Math.max(0, w.hoursGiven ?? 0) * 3_600_000), notice: num(w.noticeHours ?? 0) })}</p>
            <p className="warning__note">{t(w.urgent ? 'movements.warnings.shortNoticeUrgent' : 'movements.warnings.shortNoticeNotUrgent')}</p>
          </>
        );
      case 'CORRIDOR_NOT_AGREED':
        return <p>{t('movements.warnings.CORRIDOR_NOT_AGREED', { status: w.corridorStatus ? t(`status.${w.corridorStatus}`) : '' })}</p>;
      case 'OUTSIDE_WINDOW':
        return (
          <>
            <p>{t('movements.warnings.OUTSIDE_WINDOW')}</p>
            {w.windows && w.windows.length > 0 ? (
              <ul className="warning__incidents">
                {w.windows.map((win) => (
                  <li key={win.start}>{windowText(t, win, zone, locale)}</li>
                ))}
              </ul>
            ) : (
              <p className="warning__note">{t('movements.warnings.noWindows')}</p>
            )}
          </>
        );
      case 'OUTSIDE_CORRIDOR':
        return <p>{t('movements.warnings.OUTSIDE_CORRIDOR', { km: km(w.maxDeviationMeters), buffer: km(w.bufferMeters) })}</p>;
      case 'INCIDENT_NEAR_ROUTE':
        return (
          <>
            <p>{t('movements.warnings.INCIDENT_NEAR_ROUTE', { count: w.incidents?.length ?? 0 })}</p>
            {incidents(w.incidents)}
          </>
        );
      case 'HAZARD_ON_ROUTE':
        return (
          <>
            <p>{t('movements.warnings.HAZARD_ON_ROUTE', { count: w.incidents?.length ?? 0 })}</p>
            {incidents(w.incidents)}
          </>
        );
      default:
        return <p>{t('movements.warnings.other', { code: w.code, message: w.message })}</p>;
    }
  };

  if (warnings.length === 0) {
    return (
      <p className="warnings warnings--none" data-testid={testId}>
        {t('movements.warnings.none')}
      </p>
    );
  }
  return (
    <ul className="warnings" data-testid={testId}>
      {warnings.map((w, i) => (
        <li key={`${w.code}-${i}`} className={`warning warning--${w.code}`} data-testid="warning" data-code={w.code}>
          {body(w)}
        </li>
      ))}
    </ul>
  );
}
