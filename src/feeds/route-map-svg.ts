import type { Lang } from '../domain/gazetteer.ts';
import { NOTICE_WORDS } from '../domain/notice-words.ts';
import { publicWordsOf } from '../domain/public-text.ts';
import { escapeXml } from './common.ts';
import { MAP_COLOURS, sketchRoute, type MapCorridor, type Ring } from './route-sketch.ts';

/**
 * A corridor's route map as a small standalone SVG for the public page: no script, no tiles, no
 * network, so it shows on a cheap phone, offline from the service worker's copy, and prints.
 * Drawn from the same sketch as the poster's map.
 */

const SIZE = { width: 340, height: 240 };

const path = (points: readonly [number, number][], close: boolean): string =>
  points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join('') + (close ? 'Z' : '');

export function renderRouteMapSvg(corridor: MapCorridor, lang: Lang, outlines: readonly Ring[][]): string {
  const s = sketchRoute(corridor, lang, outlines, SIZE);
  const title = `${publicWordsOf(corridor, lang).title} — ${NOTICE_WORDS[lang][corridor.notice.headline].label}`;
  const pointColour = s.go ? s.colour : MAP_COLOURS.muted;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${s.width} ${s.height}" width="${s.width}" height="${s.height}" role="img" aria-label="${escapeXml(title)}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${s.width}" height="${s.height}" fill="#eef3f7"/>`,
  ];
  if (s.outlines.length > 0) parts.push(`<path d="${s.outlines.map((r) => path(r, true)).join('')}" fill="#fff" stroke="#9aa5b1" stroke-width="0.6"/>`);
  for (const [x, y] of s.towns) parts.push(`<circle cx="${x}" cy="${y}" r="2.5" fill="#555"/>`);
  if (s.route.length > 1) {
    parts.push(
      `<path d="${path(s.route, false)}" fill="none" stroke="${s.go ? s.colour : MAP_COLOURS.muted}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"${s.go ? '' : ' stroke-dasharray="8 6"'}/>`,
    );
  }
  for (const [x, y] of s.ends) parts.push(`<circle cx="${x}" cy="${y}" r="5" fill="#fff" stroke="#111" stroke-width="2"/>`);
  for (const { at: [x, y], n } of s.points) {
    parts.push(`<circle cx="${x}" cy="${y}" r="7" fill="${pointColour}"/><text x="${x}" y="${y + 3.5}" font-size="10" font-weight="bold" fill="#fff" text-anchor="middle">${n}</text>`);
  }
  for (const l of s.labels) {
    // A white halo keeps each name readable over lines and outlines.
    parts.push(
      `<text x="${l.x}" y="${l.y}" font-size="${l.size}"${l.bold ? ' font-weight="bold"' : ''} fill="#111" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(l.text)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
