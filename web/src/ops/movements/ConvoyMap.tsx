import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Movement } from '../../api.ts';
import { UkraineMap, type MapMarker, type MapShape, type MarkerTone, type UkraineMapHandle } from '../../map/UkraineMap.tsx';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { formatLatLon } from '../../ui/format.ts';
import { useMovementWords } from './describe.tsx';
import { routePoints } from './fields.ts';

interface ConvoyMapProps {
  movements: readonly Movement[];
  /** A name for each movement (tooltips, popups). */
  titleOf: (movement: Movement) => string;
  zone: string;
  selectedId?: string | null;
  /** Zoom to the movements whenever this key changes. */
  focusKey?: string;
  onSelect?: (id: string) => void;
  /** One movement in detail: its checkpoints and every check-in, not just the last. */
  detailed?: boolean;
  /** A point being chosen (a check-in's position). */
  picked?: { lat: number; lon: number } | null;
  onMapClick?: ((point: { lat: number; lon: number }) => void) | null;
  className?: string;
  testId?: string;
}

/** Overdue convoys are red wherever they are; otherwise the route takes the movement's status. */
export function movementTone(m: Pick<Movement, 'overdue' | 'status'>): MarkerTone {
  return m.overdue ? 'overdue' : m.status;
}

/**
 * Convoys on the map of Ukraine: each movement's route (dashed until it sets off) in its status
 * colour, red when overdue, and a ringed marker where it last checked in.
 */
export function ConvoyMap({ movements, titleOf, zone, selectedId = null, focusKey, onSelect, detailed = false, picked = null, onMapClick = null, className, testId }: ConvoyMapProps) {
  const { t, i18n } = useTranslation();
  const clock = useZonedClock(zone);
  const words = useMovementWords();
  const mapRef = useRef<UkraineMapHandle>(null);

  const shapes = useMemo<MapShape[]>(() => {
    // Drawn in order of concern, so where routes overlap the convoys on the road show on top:
    // planned and finished first, then under way, then overdue, the selected one last.
    const rank = (m: Movement) => (m.id === selectedId ? 3 : m.overdue ? 2 : m.status === 'underway' ? 1 : 0);
    const ordered = [...movements].sort((a, b) => rank(a) - rank(b));
    return ordered.flatMap<MapShape>((m) => {
      const points = routePoints(m);
      if (points.length < 2) return [];
      return [
        {
          id: m.id,
          kind: 'route',
          tone: movementTone(m),
          title: titleOf(m),
          dashed: m.status === 'submitted' || m.status === 'acknowledged' || m.status === 'denied' || m.status === 'aborted',
          emphasis: m.id === selectedId,
          points,
        },
      ];
    });
  }, [movements, selectedId, titleOf]);

  const markers = useMemo<MapMarker[]>(() => {
    const out: MapMarker[] = [];
    for (const m of movements) {
      if (detailed) {
        m.expectedPassages.forEach((p, i) => {
          out.push({
            id: `${m.id}:cp:${i}`,
            lat: p.lat,
            lon: p.lon,
            tone: 'place',
            symbol: 'diamond',
            title: p.checkpoint,
            lines: [t('corridors.map.checkpoint'), t('movements.detail.expectedAt', { time: clock(p.expectedAt) })],
          });
        });
        m.checkins.slice(0, -1).forEach((c, i) => {
          out.push({
            id: `${m.id}:checkin:${i}`,
            lat: c.lat,
            lon: c.lon,
            tone: 'other',
            symbol: 'dot',
            title: t('movements.map.checkinAt', { time: clock(c.at) }),
            lines: [...(c.checkpoint ? [c.checkpoint] : []), ...(c.note ? [c.note] : []), formatLatLon(c)],
          });
        });
      }
      const last = m.lastCheckin;
      if (!last) continue;
      out.push({
        id: `${m.id}:position`,
        lat: last.lat,
        lon: last.lon,
        tone: m.overdue ? 'overdue' : m.status === 'underway' ? 'underway' : m.status === 'completed' ? 'completed' : m.status === 'aborted' ? 'aborted' : 'other',
        symbol: 'convoy',
        testId: 'convoy-marker',
        title: titleOf(m),
        lines: [
          t('movements.map.lastPosition', { time: clock(last.at) }),
          ...(last.checkpoint ? [t('movements.map.atCheckpoint', { name: last.checkpoint })] : []),
          t('movements.progress', { percent: words.percent(m) }),
          ...(m.overdue ? [t('movements.overdue')] : []),
        ],
      });
    }
    if (picked) {
      out.push({ id: 'picked', lat: picked.lat, lon: picked.lon, tone: 'other', title: t('movements.map.picked', { position: formatLatLon(picked) }) });
    }
    return out;
    // clock and words follow the language and the zone; listing them would redraw every render.
  }, [movements, detailed, picked, titleOf, t, zone, i18n.language]);

  // Zoom to the selected movement, or to all of them.
  const points = useMemo(() => {
    const chosen = movements.filter((m) => m.id === selectedId);
    return (chosen.length ? chosen : movements).flatMap((m) => [...routePoints(m), ...(m.lastCheckin ? [m.lastCheckin] : [])]);
  }, [movements, selectedId]);
  const pointsRef = useRef(points);
  pointsRef.current = points;
  useEffect(() => {
    if (focusKey === undefined) return;
    const frame = requestAnimationFrame(() => mapRef.current?.focus(pointsRef.current));
    return () => cancelAnimationFrame(frame);
  }, [focusKey]);

  return (
    <div className={['corridor-map', 'convoy-map', className].filter(Boolean).join(' ')} data-testid={testId}>
      <UkraineMap ref={mapRef} markers={markers} shapes={shapes} onShapeClick={onSelect} onMapClick={onMapClick} className="corridor-map__map" />
      <ul className="map-legend" aria-label={t('corridors.map.legend')}>
        <li>
          <span className="map-legend__key map-legend__key--underway" aria-hidden="true" />
          {t('movements.map.legendUnderway')}
        </li>
        <li>
          <span className="map-legend__key map-legend__key--overdue" aria-hidden="true" />
          {t('movements.map.legendOverdue')}
        </li>
        <li>
          <span className="map-legend__key map-legend__key--planned" aria-hidden="true" />
          {t('movements.map.legendPlanned')}
        </li>
        <li>
          <span className="map-legend__key map-legend__key--arrived" aria-hidden="true" />
          {t('movements.map.legendArrived')}
        </li>
        <li>
          <span className="map-legend__key map-legend__key--convoy" aria-hidden="true" />
          {t('movements.map.legendPosition')}
        </li>
        {detailed && (
          <li>
            <span className="map-legend__key map-legend__key--cp" aria-hidden="true" />
            {t('corridors.map.checkpoint')}
          </li>
        )}
      </ul>
    </div>
  );
}
