import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CorridorArea, CorridorContent, CorridorNotice, CorridorStatus } from '../api.ts';
import { currentLang } from '../i18n/index.ts';
import { gatheringPointName, mapPlaceName, townOf } from './labels.ts';
import { UkraineMap, type MapMarker, type MapShape, type UkraineMapHandle } from './UkraineMap.tsx';

export interface MappedCorridor extends CorridorContent {
  id: string;
  status: CorridorStatus;
  /** How the map draws it; absent for a corridor being drafted or a route being drawn. */
  notice?: Pick<CorridorNotice, 'emphasis' | 'gatheringPoints'>;
  /** Its area from the server; a route being drawn and not yet saved has none and shows as a line. */
  area?: CorridorArea;
}

interface CorridorMapProps {
  corridors: readonly MappedCorridor[];
  /** Zoom to these corridors whenever this key changes (e.g. the selection or the filter). */
  focusKey?: string;
  onSelect?: (id: string) => void;
  onMapClick?: ((point: { lat: number; lon: number }) => void) | null;
  /** The vertices of a route being drawn, shown as small dots. */
  vertices?: ReadonlyArray<{ lat: number; lon: number }>;
  className?: string;
}

const NO_POINTS: ReadonlyArray<{ lat: number; lon: number }> = [];

/**
 * Corridors on the map of Ukraine: each route as a line in its status colour, its buffer as a
 * shaded area (the server's, bufferMeters each side), gathering points as circles and checkpoints
 * as diamonds, with a legend that says so in words.
 */
export function CorridorMap({ corridors, focusKey, onSelect, onMapClick = null, vertices = NO_POINTS, className }: CorridorMapProps) {
  const { t } = useTranslation();
  const lang = currentLang();
  const mapRef = useRef<UkraineMapHandle>(null);

  const shapes = useMemo<MapShape[]>(() => {
    const out: MapShape[] = [];
    for (const c of corridors) {
      if (c.area) out.push({ id: `${c.id}:buffer`, kind: 'buffer', tone: c.status, area: c.area, notice: c.notice?.emphasis });
    }
    for (const c of corridors) {
      if (!c.route) continue;
      out.push({
        id: c.id,
        kind: 'route',
        tone: c.status,
        title: c.name,
        // Drawn as its notice says; a draft being drawn (no notice yet) stays dashed.
        notice: c.notice?.emphasis,
        dashed: !c.notice && (c.status === 'draft' || c.status === 'proposed'),
        points: c.route.coordinates.map(([lon, lat]) => ({ lat, lon })),
      });
    }
    return out;
  }, [corridors]);

  const markers = useMemo<MapMarker[]>(
    () => [
      ...corridors.flatMap((c) =>
        [c.origin, c.destination].flatMap((p, i) =>
          p && Number.isFinite(p.lat) && Number.isFinite(p.lon)
            ? [
                {
                  id: `${c.id}:end:${i}`,
                  lat: p.lat,
                  lon: p.lon,
                  tone: 'place' as const,
                  title: mapPlaceName(p, lang),
                  label: true,
                  townId: townOf(p)?.id,
                  lines: [t(i === 0 ? 'corridors.field.origin' : 'corridors.field.destination'), t('map.corridor', { name: c.name })],
                },
              ]
            : [],
        ),
      ),
      ...vertices.map<MapMarker>((v, i) => ({
        id: `vertex:${i}`,
        lat: v.lat,
        lon: v.lon,
        tone: 'other',
        title: t('corridors.map.vertex', { n: i + 1 }),
      })),
      ...corridors.flatMap((c) => [
        ...(c.gatheringPoints ?? []).map<MapMarker>((p, i) => ({
          id: `${c.id}:gp:${i}`,
          lat: p.lat,
          lon: p.lon,
          tone: c.status,
          symbol: 'circle',
          title: gatheringPointName(p, i, c, lang) || t('corridors.map.gatheringPoint'),
          label: true,
          muted: c.notice?.gatheringPoints === 'muted',
          lines: [...(p.address ? [p.address] : []), t('corridors.map.gatheringPoint'), t('map.corridor', { name: c.name })],
        })),
        ...(c.checkpoints ?? []).map<MapMarker>((p, i) => ({
          id: `${c.id}:cp:${i}`,
          lat: p.lat,
          lon: p.lon,
          tone: c.status,
          symbol: 'diamond',
          title: p.name || t('corridors.map.checkpoint'),
          lines: [t('corridors.map.checkpoint'), t('map.corridor', { name: c.name })],
        })),
      ]),
    ],
    [corridors, vertices, t, lang],
  );

  const points = useMemo(
    () =>
      corridors.flatMap((c) => [
        ...(c.origin ? [c.origin] : []),
        ...(c.destination ? [c.destination] : []),
        ...(c.route?.coordinates ?? []).map(([lon, lat]) => ({ lat, lon })),
        ...(c.gatheringPoints ?? []),
        ...(c.checkpoints ?? []),
      ]),
    [corridors],
  );
  const pointsRef = useRef(points);
  pointsRef.current = points;
  useEffect(() => {
    if (focusKey === undefined) return;
    // After the map has laid out (a freshly mounted map has no size yet).
    const frame = requestAnimationFrame(() => mapRef.current?.focus(pointsRef.current));
    return () => cancelAnimationFrame(frame);
  }, [focusKey]);

  return (
    <div className={['corridor-map', className].filter(Boolean).join(' ')}>
      <UkraineMap ref={mapRef} markers={markers} shapes={shapes} onShapeClick={onSelect} onMapClick={onMapClick} className="corridor-map__map" />
      <ul className="map-legend" aria-label={t('corridors.map.legend')} data-testid="map-legend">
        <li>
          <span className="map-legend__key map-legend__key--route" aria-hidden="true" />
          {t('corridors.map.route')}
        </li>
        <li>
          <span className="map-legend__key map-legend__key--buffer" aria-hidden="true" />
          {t('corridors.map.buffer')}
        </li>
        <li>
          <span className="map-legend__key map-legend__key--gp" aria-hidden="true" />
          {t('corridors.map.gatheringPoint')}
        </li>
        <li>
          <span className="map-legend__key map-legend__key--cp" aria-hidden="true" />
          {t('corridors.map.checkpoint')}
        </li>
        <li>
          <span className="map-legend__key map-legend__key--place" aria-hidden="true" />
          {t('corridors.map.endpoint')}
        </li>
      </ul>
    </div>
  );
}
