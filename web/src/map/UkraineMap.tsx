import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { currentLang, type Lang } from '../i18n/index.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { api, type CorridorStatus, type MovementStatus, type PublicConfig } from '../api.ts';
import {
  CONFIG_URL,
  OBLASTS_URL,
  OUTLINE_URL,
  UKRAINE_BOUNDS,
  fetchGeoJson,
  oblastName,
  type OblastProperties,
} from './geo.ts';

/** Corridor and movement statuses, 'overdue' (a convoy not heard from in time), places. */
export type MarkerTone = CorridorStatus | MovementStatus | 'overdue' | 'place' | 'other';

/**
 * Gathering points are circles, checkpoints diamonds, so they differ without colour too; a
 * convoy's last position is a ringed disc, an earlier check-in a small dot.
 */
export type MarkerSymbol = 'circle' | 'diamond' | 'convoy' | 'dot';

export interface MapMarker {
  id: string;
  lat: number;
  lon: number;
  tone: MarkerTone;
  symbol?: MarkerSymbol;
  /** Shown in the tooltip (and as the permanent label when labels are permanent). */
  title: string;
  /** Extra lines for the popup opened on click or tap. */
  lines?: string[];
  /** data-testid of a convoy marker's element (with data-marker-id), for tests. */
  testId?: string;
}

/** A corridor's route (a line) or its buffer (an area), drawn under the markers. */
export type MapShape =
  | { id: string; kind: 'route'; tone: MarkerTone; points: ReadonlyArray<{ lat: number; lon: number }>; title?: string; dashed?: boolean; emphasis?: boolean }
  | { id: string; kind: 'buffer'; tone: MarkerTone; area: Feature<Polygon | MultiPolygon> };

export interface UkraineMapHandle {
  /** Zooms to the given points (or back to the whole country when empty). */
  focus(points: ReadonlyArray<{ lat: number; lon: number }>): void;
}

interface UkraineMapProps {
  markers?: readonly MapMarker[];
  shapes?: readonly MapShape[];
  /** While set, a click or tap on the map reports its position (drawing, placing points). */
  onMapClick?: ((point: { lat: number; lon: number }) => void) | null;
  /** Called with a route's shape id when it is clicked (and no onMapClick is set). */
  onShapeClick?: (id: string) => void;
  /** 'permanent' writes every marker's title on the map; 'hover' shows it on hover or tap. */
  labels?: 'hover' | 'permanent';
  className?: string;
  ref?: Ref<UkraineMapHandle>;
}

type MapState = 'loading' | 'ready' | 'error';

function textElement(tag: 'span' | 'strong', text: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

function popupContent(marker: MapMarker): HTMLElement {
  const box = document.createElement('div');
  box.className = 'sp-popup';
  box.appendChild(textElement('strong', marker.title));
  for (const line of marker.lines ?? []) {
    const p = document.createElement('p');
    p.textContent = line;
    box.appendChild(p);
  }
  return box;
}

const UKRAINE = L.latLngBounds(UKRAINE_BOUNDS);

/** The drawn diamond sits inside the icon: Leaflet positions the icon itself with a transform. */
function diamondShape(): HTMLElement {
  const shape = document.createElement('span');
  shape.className = 'sp-symbol__shape';
  return shape;
}

function convoyShape(marker: MapMarker): HTMLElement {
  const shape = document.createElement('span');
  shape.className = 'sp-symbol__convoy';
  if (marker.testId) {
    shape.dataset.testid = marker.testId;
    shape.dataset.markerId = marker.id;
    shape.dataset.lat = String(marker.lat);
    shape.dataset.lon = String(marker.lon);
  }
  return shape;
}

/**
 * Hides permanent labels that would overlap an earlier one or stick out of the map, so dense
 * areas (Kyiv, Irpin, Bucha) stay readable; zooming in brings the hidden ones back. A marker
 * whose label is hidden still opens its popup on tap.
 */
function declutterLabels(map: L.Map, group: L.LayerGroup): void {
  const box = map.getContainer().getBoundingClientRect();
  const placed: DOMRect[] = [];
  group.eachLayer((layer) => {
    const el = layer.getTooltip()?.getElement();
    if (!el) return;
    const r = el.getBoundingClientRect();
    const outside = r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
    const overlaps = placed.some((p) => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top);
    const hide = outside || overlaps;
    el.classList.toggle('sp-label--hidden', hide);
    if (!hide) placed.push(r);
  });
}

/**
 * Leaflet map of Ukraine drawn from the offline boundary files (no tiles unless the server's
 * public config names a tile server). `data-ready="true"` appears once the country outline
 * is on screen.
 */
export function UkraineMap({ markers = [], shapes = [], onMapClick = null, onShapeClick, labels = 'hover', className, ref }: UkraineMapProps) {
  const { t, i18n } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markerLayerRef = useRef<L.LayerGroup | null>(null);
  const shapeLayerRef = useRef<L.LayerGroup | null>(null);
  const mapClickRef = useRef(onMapClick);
  mapClickRef.current = onMapClick;
  const shapeClickRef = useRef(onShapeClick);
  shapeClickRef.current = onShapeClick;
  const langRef = useRef<Lang>(currentLang());
  // Without tiles there is nothing to see below oblast level, so focusing stops at zoom 8.
  const focusMaxZoomRef = useRef(8);
  // Once a view asked to focus somewhere, the outline arriving late must not zoom back out, and
  // a resize soon after (the layout settling) fits the same area again.
  const focusedRef = useRef(false);
  const lastFocusRef = useRef<{ bounds: L.LatLngBounds; at: number } | null>(null);
  const [state, setState] = useState<MapState>('loading');
  const lang = currentLang();
  langRef.current = lang;

  // Create the map once; load boundaries and optional tiles.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const controller = new AbortController();
    const map = L.map(el, {
      zoomControl: false,
      attributionControl: false,
      zoomSnap: 0.25,
      zoomDelta: 0.5,
      minZoom: 4,
      maxZoom: 12,
      maxBounds: UKRAINE.pad(0.6),
      maxBoundsViscosity: 0.8,
    });
    mapRef.current = map;
    map.fitBounds(UKRAINE);

    // Oblasts under the national border; both under markers (overlayPane, z 400), above tiles (z 200).
    map.createPane('spOblasts').style.zIndex = '300';
    const borderPane = map.createPane('spBorder');
    borderPane.style.zIndex = '350';
    borderPane.style.pointerEvents = 'none';
    // Leaflet gives each pane its own SVG renderer (Map#getRenderer), so no renderer is passed.

    // Shapes first, so markers are drawn over routes and buffers.
    shapeLayerRef.current = L.layerGroup().addTo(map);
    markerLayerRef.current = L.layerGroup().addTo(map);
    map.on('click', (event: L.LeafletMouseEvent) => {
      mapClickRef.current?.({ lat: event.latlng.lat, lon: event.latlng.lng });
    });

    const observer = new ResizeObserver(() => {
      map.invalidateSize();
      const last = lastFocusRef.current;
      if (last && Date.now() - last.at < 2000) {
        map.fitBounds(last.bounds, { padding: [32, 32], maxZoom: focusMaxZoomRef.current, animate: false });
      }
    });
    observer.observe(el);

    fetchGeoJson(OUTLINE_URL, controller.signal)
      .then((outline) => {
        const layer = L.geoJSON(outline, {
          pane: 'spBorder',
          interactive: false,
          style: () => ({ className: 'sp-outline', weight: 2, fill: false }),
        }).addTo(map);
        const bounds = layer.getBounds();
        if (bounds.isValid() && !focusedRef.current) map.fitBounds(bounds);
        setState('ready');
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) {
          console.error(err);
          setState('error');
        }
      });

    fetchGeoJson(OBLASTS_URL, controller.signal)
      .then((oblasts) => {
        L.geoJSON(oblasts, {
          pane: 'spOblasts',
          style: () => ({ className: 'sp-oblast', weight: 1, fillOpacity: 1 }),
          onEachFeature: (feature, layer) => {
            const props = feature.properties as OblastProperties | null;
            layer.bindTooltip(() => textElement('span', oblastName(props, langRef.current)), {
              sticky: true,
              className: 'sp-oblast-tip',
            });
          },
        }).addTo(map);
      })
      .catch((err: unknown) => {
        // The outline alone still gives a usable map.
        if (!controller.signal.aborted) console.error(err);
      });

    api<PublicConfig>(CONFIG_URL, { signal: controller.signal })
      .then((config) => {
        if (!config?.tileUrl) return;
        el.classList.add('sp-map--tiles');
        map.setMaxZoom(18);
        focusMaxZoomRef.current = 15;
        L.tileLayer(config.tileUrl, {
          attribution: config.tileAttribution ?? undefined,
          maxZoom: 18,
        }).addTo(map);
      })
      .catch(() => {
        /* No config, no tiles: the offline base layer is enough. */
      });

    return () => {
      controller.abort();
      observer.disconnect();
      map.remove();
      mapRef.current = null;
      markerLayerRef.current = null;
      shapeLayerRef.current = null;
    };
  }, []);

  // Controls whose text depends on the language.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const zoom = L.control.zoom({
      position: 'topright',
      zoomInTitle: t('map.zoomIn'),
      zoomOutTitle: t('map.zoomOut'),
    });
    zoom.addTo(map);
    const attribution = L.control.attribution({
      prefix: '<a href="https://leafletjs.com">Leaflet</a>',
    });
    attribution.addAttribution(t('map.attribution'));
    attribution.addTo(map);
    map.eachLayer((layer) => layer.closeTooltip());
    return () => {
      zoom.remove();
      attribution.remove();
    };
  }, [t, i18n.language]);

  // While picking a position, markers and routes let clicks through to the map (no popups).
  const picking = onMapClick !== null;

  // Markers.
  useEffect(() => {
    const group = markerLayerRef.current;
    if (!group) return;
    group.clearLayers();
    for (const m of markers) {
      if (!Number.isFinite(m.lat) || !Number.isFinite(m.lon)) continue;
      const marker =
        m.symbol === 'diamond'
          ? L.marker([m.lat, m.lon], {
              icon: L.divIcon({ className: `sp-symbol sp-symbol--diamond sp-symbol--${m.tone}`, iconSize: [18, 18], html: diamondShape() }),
              keyboard: false,
              interactive: !picking,
            })
          : m.symbol === 'convoy'
            ? L.marker([m.lat, m.lon], {
                icon: L.divIcon({ className: `sp-symbol sp-symbol--convoy sp-symbol--${m.tone}`, iconSize: [26, 26], html: convoyShape(m) }),
                keyboard: false,
                interactive: !picking,
                zIndexOffset: m.tone === 'overdue' ? 1000 : 500,
              })
          : L.circleMarker([m.lat, m.lon], {
              radius: m.symbol === 'dot' ? 5 : m.tone === 'place' || m.tone === 'other' ? 6 : 9,
              weight: 2,
              fillOpacity: 1,
              className: `sp-marker sp-marker--${m.tone}`,
              interactive: !picking,
            });
      marker.bindTooltip(textElement('span', m.title), {
        permanent: labels === 'permanent',
        direction: labels === 'permanent' ? 'right' : 'top',
        offset: labels === 'permanent' ? [6, 0] : [0, -8],
        className: labels === 'permanent' ? 'sp-label' : 'sp-marker-tip',
      });
      marker.bindPopup(popupContent(m));
      group.addLayer(marker);
    }
    const map = mapRef.current;
    if (labels !== 'permanent' || !map) return;
    const declutter = () => declutterLabels(map, group);
    const frame = requestAnimationFrame(declutter);
    map.on('moveend resize', declutter);
    return () => {
      cancelAnimationFrame(frame);
      map.off('moveend resize', declutter);
    };
  }, [markers, labels, picking]);

  // Routes and buffers.
  useEffect(() => {
    const group = shapeLayerRef.current;
    if (!group) return;
    group.clearLayers();
    for (const shape of shapes) {
      if (shape.kind === 'buffer') {
        group.addLayer(
          L.geoJSON(shape.area, {
            interactive: false,
            style: () => ({ className: `sp-buffer sp-buffer--${shape.tone}`, weight: 1 }),
          }),
        );
        continue;
      }
      const latlngs = shape.points
        .filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon))
        .map((p) => L.latLng(p.lat, p.lon));
      if (latlngs.length < 2) continue;
      const line = L.polyline(latlngs, {
        className: `sp-route sp-route--${shape.tone}${shape.dashed ? ' sp-route--dashed' : ''}${shape.emphasis ? ' sp-route--emphasis' : ''}`,
        weight: shape.emphasis ? 7 : 4,
        interactive: !picking,
      });
      if (shape.title) line.bindTooltip(textElement('span', shape.title), { sticky: true, className: 'sp-marker-tip' });
      line.on('click', (event: L.LeafletMouseEvent) => {
        if (mapClickRef.current) return; // drawing: the map's click handler takes it
        L.DomEvent.stopPropagation(event);
        shapeClickRef.current?.(shape.id);
      });
      group.addLayer(line);
    }
  }, [shapes, picking]);

  useImperativeHandle(
    ref,
    () => ({
      focus(points) {
        const map = mapRef.current;
        if (!map) return;
        focusedRef.current = points.length > 0;
        const latlngs = points
          .filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon))
          .map((p) => L.latLng(p.lat, p.lon));
        if (latlngs.length === 0) {
          lastFocusRef.current = null;
          map.fitBounds(UKRAINE, { animate: false });
        } else {
          const bounds = L.latLngBounds(latlngs);
          lastFocusRef.current = { bounds, at: Date.now() };
          // No animation: a view may unmount the map right after (Leaflet throws mid-animation).
          map.fitBounds(bounds, { padding: [32, 32], maxZoom: focusMaxZoomRef.current, animate: false });
        }
      },
    }),
    [],
  );

  return (
    <div
      className={['sp-map', onMapClick ? 'sp-map--picking' : '', className].filter(Boolean).join(' ')}
      data-testid="map"
      data-ready={state === 'ready' ? 'true' : state === 'error' ? 'error' : 'false'}
      role="region"
      aria-label={t('map.label')}
    >
      <div ref={containerRef} className="sp-map__canvas" />
      {state === 'error' && (
        <p className="sp-map__error" role="status">
          {t('map.loadError')}
        </p>
      )}
    </div>
  );
}
