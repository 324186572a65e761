import * as L from 'leaflet';
import { MAIN_TOWNS, findTown, townById, type Town, type TownRank } from '../../../src/domain/towns.ts';
import { placeNameOf, type PlacePoint, type PublicTranslations } from '../../../src/domain/public-text.ts';
import type { Lang } from '../i18n/index.ts';

/**
 * Place names on the offline map: the main towns as small dots named in the reader's language,
 * and the permanent labels of corridor ends and gathering points. Nothing here needs tiles.
 */

/** The least zoom at which a town of each rank shows (the whole country sits near zoom 5–6). */
export const TOWN_MIN_ZOOM: Readonly<Record<TownRank, number>> = { 1: 0, 2: 0, 3: 6.5, 4: 7.5, 5: 8.5 };

export function textElement(tag: 'span' | 'strong', text: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

/** Splits "Bucha / Vorzel / Irpin" or "Irpin, Romanivka" into names and the separators between. */
const SEPARATORS = /(\s*[/,;]\s*|\s+[–—-]\s+)/u;

/** One place's name in `lang` by the gazetteer's spellings or the main towns; undefined if unknown. */
function knownName(name: string, lang: Lang): string | undefined {
  const named = placeNameOf({ name }, lang);
  return named !== name ? named : findTown(name)?.names[lang];
}

/**
 * A point's name in `lang`: its own names or gazetteer id (placeNameOf), else a main town of that
 * name, else — for a name joining several places — each part translated when every part is
 * known; otherwise the name as typed (a square, a street: no translation is invented).
 */
export function mapPlaceName(point: PlacePoint, lang: Lang): string {
  const named = placeNameOf(point, lang);
  if (point.names || named !== point.name) return named;
  const town = townOf(point);
  if (town) return town.names[lang];
  const parts = point.name.split(SEPARATORS);
  if (parts.length < 3) return point.name;
  const out = parts.map((part, i) => (i % 2 === 1 ? part : knownName(part.trim(), lang)));
  return out.every((p) => p !== undefined) ? out.join('') : point.name;
}

/**
 * A gathering point's name in `lang`: the corridor's signed public words when it carries them
 * (older corridors and views do not), else as mapPlaceName.
 */
export function gatheringPointName(
  point: PlacePoint,
  index: number,
  corridor: { publicText?: PublicTranslations | null },
  lang: Lang,
): string {
  return corridor.publicText?.[lang]?.gatheringPoints[index]?.name || mapPlaceName(point, lang);
}

/** The main town a point stands for, if any: its label replaces the town's own on the map. */
export function townOf(point: PlacePoint): Town | undefined {
  return (point.placeId ? townById(point.placeId) : undefined) ?? findTown(point.name);
}

function townIcon(town: Town, lang: Lang): L.DivIcon {
  const html = document.createElement('span');
  html.className = 'sp-town__dot';
  const label = textElement('span', town.names[lang]);
  label.className = 'sp-town__label';
  label.lang = lang;
  html.appendChild(label);
  return L.divIcon({ className: `sp-town sp-town--rank-${town.rank}`, iconSize: [8, 8], iconAnchor: [4, 4], html });
}

/**
 * Draws the main towns into `group` (in a pane that lets clicks and hovers through to the oblasts
 * and routes below), named in `lang`; towns in `skip` (drawn by a labelled marker) are left out.
 */
export function drawTowns(group: L.LayerGroup, pane: string, lang: Lang, skip: ReadonlySet<string>): void {
  group.clearLayers();
  for (const town of MAIN_TOWNS) {
    if (skip.has(town.id)) continue;
    const marker = L.marker([town.lat, town.lon], { icon: townIcon(town, lang), pane, interactive: false, keyboard: false });
    marker.on('add', () => {
      const el = marker.getElement();
      if (el) {
        el.dataset.townId = town.id;
        el.dataset.rank = String(town.rank);
      }
    });
    group.addLayer(marker);
  }
}

function overlapsAny(r: DOMRect, placed: readonly DOMRect[]): boolean {
  return placed.some((p) => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top);
}

function outside(r: DOMRect, box: DOMRect): boolean {
  return r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
}

/**
 * Keeps the map readable: permanent marker labels first (an earlier one wins an overlap), then
 * the towns by rank — a town below its zoom is hidden, and a town's name that would cover a
 * label already placed or stick out of the map is hidden while its dot stays. Zooming in brings
 * hidden names back; a marker whose label is hidden still opens its popup on tap.
 */
export function declutterLabels(map: L.Map, markers: L.LayerGroup, towns: L.LayerGroup | null): void {
  const box = map.getContainer().getBoundingClientRect();
  const placed: DOMRect[] = [];
  markers.eachLayer((layer) => {
    const tip = layer.getTooltip();
    const el = tip?.options.permanent ? tip.getElement() : undefined;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const hide = outside(r, box) || overlapsAny(r, placed);
    el.classList.toggle('sp-label--hidden', hide);
    if (!hide) placed.push(r);
  });
  if (!towns) return;
  const zoom = map.getZoom();
  towns.eachLayer((layer) => {
    const el = (layer as L.Marker).getElement?.();
    if (!el) return;
    const rank = Number(el.dataset.rank) as TownRank;
    const shown = zoom >= (TOWN_MIN_ZOOM[rank] ?? 0);
    el.classList.toggle('sp-town--hidden', !shown);
    const label = el.querySelector<HTMLElement>('.sp-town__label');
    if (!shown || !label) return;
    label.classList.remove('sp-town__label--hidden');
    const r = label.getBoundingClientRect();
    const hide = outside(r, box) || overlapsAny(r, placed);
    label.classList.toggle('sp-town__label--hidden', hide);
    if (!hide) placed.push(r);
  });
}
