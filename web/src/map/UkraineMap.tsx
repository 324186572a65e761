import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { currentLang, type Lang } from '../i18n/index.ts';
import { api, type PublicConfig } from '../api.ts';
import {
  CONFIG_URL,
  OBLASTS_URL,
  OUTLINE_URL,
  UKRAINE_BOUNDS,
  fetchGeoJson,
  oblastName,
  type OblastProperties,
} from './geo.ts';
import { declutterLabels, drawTowns, textElement } from './labels.ts';
import { createMarker, createShape } from './markers.ts';

export type { MapMarker, MapShape, MarkerSymbol, MarkerTone, RouteEmphasis } from './types.ts';
import type { MapMarker, MapShape } from './types.ts';

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

const UKRAINE = L.latLngBounds(UKRAINE_BOUNDS);
/** The towns' pane: over routes and buffers (overlayPane, z 400), under markers (z 600). */
const TOWN_PANE = 'spTowns';

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
  const townLayerRef = useRef<L.LayerGroup | null>(null);
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

    // Towns let every click and hover through to the oblasts and routes below them.
    const townPane = map.createPane(TOWN_PANE);
    townPane.style.zIndex = '450';
    townPane.style.pointerEvents = 'none';

    // Shapes first, so markers are drawn over routes and buffers.
    shapeLayerRef.current = L.layerGroup().addTo(map);
    const markerGroup = L.layerGroup().addTo(map);
    markerLayerRef.current = markerGroup;
    const townGroup = L.layerGroup().addTo(map);
    townLayerRef.current = townGroup;
    map.on('zoomend moveend resize', () => declutterLabels(map, markerGroup, townGroup));
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
      townLayerRef.current = null;
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

  // Markers, then which names fit.
  useEffect(() => {
    const group = markerLayerRef.current;
    const map = mapRef.current;
    if (!group || !map) return;
    group.clearLayers();
    for (const m of markers) {
      if (!Number.isFinite(m.lat) || !Number.isFinite(m.lon)) continue;
      group.addLayer(createMarker(m, { picking, allLabels: labels === 'permanent' }));
    }
    const frame = requestAnimationFrame(() => declutterLabels(map, group, townLayerRef.current));
    return () => cancelAnimationFrame(frame);
  }, [markers, labels, picking]);

  // The main towns that no marker stands for, redrawn only when the language or those change
  // (not on every convoy check-in).
  const townsTaken = markers.flatMap((m) => (m.townId ? [m.townId] : [])).join(' ');
  useEffect(() => {
    const towns = townLayerRef.current;
    const map = mapRef.current;
    if (!towns || !map) return;
    drawTowns(towns, TOWN_PANE, lang, new Set(townsTaken.split(' ')));
    const frame = requestAnimationFrame(() => {
      if (markerLayerRef.current) declutterLabels(map, markerLayerRef.current, towns);
    });
    return () => cancelAnimationFrame(frame);
  }, [lang, townsTaken]);

  // Routes and buffers.
  useEffect(() => {
    const group = shapeLayerRef.current;
    if (!group) return;
    group.clearLayers();
    const onClick = (id: string) => shapeClickRef.current?.(id);
    for (const shape of shapes) {
      const layer = createShape(shape, { picking, onClick });
      if (layer) group.addLayer(layer);
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
