import * as L from 'leaflet';
import { glyphOf } from './incident-glyphs.ts';
import { textElement } from './labels.ts';
import type { MapMarker, MapShape } from './types.ts';

/** Leaflet layers for the map's markers and shapes (web/src/map/types.ts). */

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

function incidentShape(marker: MapMarker): HTMLElement {
  const shape = document.createElement('span');
  shape.className = 'sp-incident__shape';
  shape.dataset.testid = marker.testId ?? 'incident-marker';
  shape.dataset.markerId = marker.id;
  if (marker.incident) {
    shape.dataset.type = marker.incident.type;
    shape.dataset.severity = marker.incident.severity;
    shape.dataset.state = marker.incident.state;
    // The marker's name is its title (type and severity in words); the symbol is for the eye.
    const glyph = document.createElement('span');
    glyph.className = 'sp-incident__glyph';
    glyph.setAttribute('aria-hidden', 'true');
    glyph.dataset.testid = 'incident-glyph';
    glyph.textContent = glyphOf(marker.incident.type);
    shape.append(glyph);
  }
  return shape;
}

export interface MarkerOptions {
  /** While picking a position, markers let clicks through to the map (no popups). */
  picking: boolean;
  /** The map writes every title (the console overview). */
  allLabels: boolean;
}

export function createMarker(m: MapMarker, { picking, allLabels }: MarkerOptions): L.Layer {
  const muted = m.muted ? ' sp-symbol--muted' : '';
  const incident = m.incident;
  const marker =
    m.symbol === 'incident' && incident
      ? L.marker([m.lat, m.lon], {
          icon: L.divIcon({
            className: `sp-incident sp-incident--${incident.state} sp-incident--${incident.severity} sp-incident--type-${incident.type}`,
            iconSize: [22, 22],
            html: incidentShape(m),
          }),
          keyboard: false,
          interactive: !picking,
          zIndexOffset: incident.state === 'cleared' ? 0 : 800,
        })
      : m.symbol === 'diamond'
      ? L.marker([m.lat, m.lon], {
          icon: L.divIcon({ className: `sp-symbol sp-symbol--diamond sp-symbol--${m.tone}${muted}`, iconSize: [18, 18], html: diamondShape() }),
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
            className: `sp-marker sp-marker--${m.tone}${m.muted ? ' sp-marker--muted' : ''}`,
            interactive: !picking,
          });
  const permanent = allLabels || m.label === true;
  const label = textElement('span', m.title);
  label.dataset.markerLabel = m.id;
  marker.bindTooltip(label, {
    permanent,
    // A corridor's own labels turn towards the map's middle, so an end near the edge stays named.
    direction: m.label ? 'auto' : permanent ? 'right' : 'top',
    offset: permanent ? [m.symbol === 'circle' ? 10 : 7, 0] : [0, -8],
    className: permanent ? `sp-label${m.label ? ' sp-label--pin' : ''}${m.muted ? ' sp-label--muted' : ''}` : 'sp-marker-tip',
    // Labels never catch the pointer: the oblast and route tooltips below keep working.
    interactive: false,
  });
  marker.bindPopup(popupContent(m));
  return marker;
}

export interface ShapeOptions {
  picking: boolean;
  /** Called when a route is clicked (and not while picking). */
  onClick: (id: string) => void;
}

export function createShape(shape: MapShape, { picking, onClick }: ShapeOptions): L.Layer | null {
  const notice = shape.notice ? ` sp-notice--${shape.notice}` : '';
  if (shape.kind === 'buffer') {
    return L.geoJSON(shape.area, {
      interactive: false,
      style: () => ({ className: `sp-buffer sp-buffer--${shape.tone}${notice}`, weight: 1 }),
    });
  }
  const latlngs = shape.points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon)).map((p) => L.latLng(p.lat, p.lon));
  if (latlngs.length < 2) return null;
  // A muted corridor is always dashed: nobody should take it now.
  const dashed = shape.dashed || shape.notice === 'muted';
  const weight = shape.emphasis || shape.notice === 'open' ? 7 : shape.notice === 'muted' ? 3 : 4;
  const line = L.polyline(latlngs, {
    className: `sp-route sp-route--${shape.tone}${dashed ? ' sp-route--dashed' : ''}${shape.emphasis ? ' sp-route--emphasis' : ''}${notice}`,
    weight,
    interactive: !picking,
  });
  if (shape.title) line.bindTooltip(textElement('span', shape.title), { sticky: true, className: 'sp-marker-tip' });
  line.on('click', (event: L.LeafletMouseEvent) => {
    if (picking) return; // drawing: the map's click handler takes it
    L.DomEvent.stopPropagation(event);
    onClick(shape.id);
  });
  return line;
}
