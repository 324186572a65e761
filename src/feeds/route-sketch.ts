import type { CorridorNotice } from '../domain/corridor-notice.ts';
import type { Lang } from '../domain/gazetteer.ts';
import { placeNameOf, publicWordsOf, type ViewForWords } from '../domain/public-text.ts';
import { MAIN_TOWNS } from '../domain/towns.ts';

/**
 * A corridor's route map as flat drawing instructions in a box: oblast outlines, the route, its
 * ends, gathering points and the main towns in view, each label placed so that none covers
 * another. The poster (PDF) and the public page's map (SVG) draw the same sketch, so both show
 * the same places, in the reader's language, with the same emphasis from the notice.
 */

export type Ring = [number, number][];

/** What a route map is drawn from: a public corridor view. */
export interface MapCorridor extends ViewForWords {
  notice: CorridorNotice;
  origin: (ViewForWords['origin'] & { lat: number; lon: number }) | null;
  destination: (ViewForWords['destination'] & { lat: number; lon: number }) | null;
  route: { coordinates: [number, number][] } | null;
  gatheringPoints: { name: string; lat: number; lon: number; address?: string | undefined }[];
}

type Xy = [number, number];

export const MAP_COLOURS = { open: '#1b7a3a', agreed: '#1f4e99', suspended: '#b3261e', muted: '#555555' } as const;

/** The colour of a corridor's status and route: the notice decides, never the clock. */
export function colourOf(notice: CorridorNotice): string {
  if (notice.headline === 'suspended') return MAP_COLOURS.suspended;
  if (notice.emphasis === 'open') return MAP_COLOURS.open;
  if (notice.emphasis === 'agreed') return MAP_COLOURS.agreed;
  return MAP_COLOURS.muted;
}

export interface SketchLabel {
  x: number;
  y: number;
  text: string;
  size: number;
  bold: boolean;
}

export interface RouteSketch {
  width: number;
  height: number;
  /** Outlines as projected rings, only those that reach into the box. */
  outlines: Xy[][];
  route: Xy[];
  colour: string;
  /** False when the notice says do not go: the route dashed and the points greyed. */
  go: boolean;
  ends: Xy[];
  points: { at: Xy; n: number }[];
  towns: Xy[];
  /** Every label, each at its text's left baseline. */
  labels: SketchLabel[];
}

/** About how wide a line of DejaVu Sans is, per character and point of size (bold a little wider). */
const WIDTH_PER_CHAR = { regular: 0.62, bold: 0.68 };
/** Towns named in one sketch at most, most important first. */
const MAX_TOWNS = 8;
/** Points closer than this (in box units) to the one drawn before are dropped from outlines. */
const OUTLINE_STEP = 2.5;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export function sketchRoute(
  corridor: MapCorridor,
  lang: Lang,
  outlines: readonly Ring[][],
  size: { width: number; height: number },
): RouteSketch {
  const { width, height } = size;
  const line = corridor.route?.coordinates ?? [];
  const ends = [corridor.origin, corridor.destination].filter((p) => p !== null);
  const lonLats: Xy[] = [...line, ...corridor.gatheringPoints.map((g): Xy => [g.lon, g.lat]), ...ends.map((p): Xy => [p.lon, p.lat])];
  const colour = colourOf(corridor.notice);
  const go = corridor.notice.advice !== 'do_not_go';
  const empty: RouteSketch = { width, height, outlines: [], route: [], colour, go, ends: [], points: [], towns: [], labels: [] };
  if (lonLats.length === 0) return empty;

  // An equirectangular view, scaled at the middle latitude: honest enough at a corridor's scale.
  const lats = lonLats.map((p) => p[1]);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const xs = lonLats.map((p) => p[0] * k);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...lats), Math.max(...lats)];
  // At least a tenth of a degree across, so that one point alone still shows its surroundings.
  const span = Math.max(maxX - minX, maxY - minY, 0.1) * 1.35;
  const scale = Math.min(width, height) / span;
  const [cx, cy] = [(minX + maxX) / 2, (minY + maxY) / 2];
  const left = cx - width / scale / 2;
  const top = cy + height / scale / 2;
  const at = ([lon, lat]: Xy): Xy => [round((lon * k - left) * scale), round((top - lat) * scale)];
  const exact = ([lon, lat]: Xy): Xy => [(lon * k - left) * scale, (top - lat) * scale];
  const inside = ([x, y]: Xy): boolean => x >= 0 && x <= width && y >= 0 && y <= height;

  const projectedOutlines: Xy[][] = [];
  const frame = { x0: -4, y0: -4, x1: width + 4, y1: height + 4 };
  for (const polygon of outlines) {
    for (const ring of polygon) {
      const clipped = thin(clipToBox(ring.map(exact), frame));
      if (clipped.length >= 3) projectedOutlines.push(clipped);
    }
  }

  const taken: Box[] = [];
  const labels: SketchLabel[] = [];
  const place = (mark: Xy, text: string, fontSize: number, bold: boolean, below: boolean, required: boolean): boolean => {
    const w = text.length * fontSize * (bold ? WIDTH_PER_CHAR.bold : WIDTH_PER_CHAR.regular);
    const x = Math.min(Math.max(mark[0] + 8, 4), width - w - 4);
    const y = below ? mark[1] + fontSize + 6 : mark[1] - 8;
    const box = { x0: x - 2, y0: y - fontSize, x1: x + w + 2, y1: y + 3 };
    if (!required && (box.y0 < 0 || box.y1 > height || taken.some((b) => overlaps(b, box)))) return false;
    taken.push(box);
    labels.push({ x: round(x), y: round(y), text, size: fontSize, bold });
    return true;
  };

  const endMarks = ends.map((p): Xy => at([p.lon, p.lat]));
  const pointMarks = corridor.gatheringPoints.map((g, i) => ({ at: at([g.lon, g.lat]), n: i + 1 }));
  for (const mark of [...endMarks, ...pointMarks.map((p) => p.at)]) taken.push({ x0: mark[0] - 8, y0: mark[1] - 8, x1: mark[0] + 8, y1: mark[1] + 8 });
  // Ends above their mark, gathering points below theirs: the ones people must read always show.
  ends.forEach((p, i) => place(endMarks[i]!, placeNameOf(p, lang), 12, true, false, true));
  const texts = publicWordsOf(corridor, lang).gatheringPoints;
  corridor.gatheringPoints.forEach((g, i) => place(pointMarks[i]!.at, texts[i]?.name ?? g.name, 10, false, true, true));

  const endIds = new Set(ends.map((p) => p.placeId).filter((id) => id !== undefined));
  const towns: Xy[] = [];
  for (const town of MAIN_TOWNS) {
    if (towns.length >= MAX_TOWNS) break;
    if (endIds.has(town.id)) continue;
    const mark = at([town.lon, town.lat]);
    if (!inside(mark) || taken.some((b) => overlaps(b, { x0: mark[0] - 3, y0: mark[1] - 3, x1: mark[0] + 3, y1: mark[1] + 3 }))) continue;
    if (!place(mark, town.names[lang], 9, false, false, false)) continue;
    taken.push({ x0: mark[0] - 3, y0: mark[1] - 3, x1: mark[0] + 3, y1: mark[1] + 3 });
    towns.push(mark);
  }

  return { width, height, outlines: projectedOutlines, route: line.map(at), colour, go, ends: endMarks, points: pointMarks, towns, labels };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/**
 * The part of a ring inside a rectangle (Sutherland–Hodgman against each edge in turn), so a map
 * of one district carries only that district's lines, not whole oblasts.
 */
function clipToBox(ring: Xy[], box: Box): Xy[] {
  const edges: [(p: Xy) => boolean, (a: Xy, b: Xy) => Xy][] = [
    [(p) => p[0] >= box.x0, (a, b) => cut(a, b, 0, box.x0)],
    [(p) => p[0] <= box.x1, (a, b) => cut(a, b, 0, box.x1)],
    [(p) => p[1] >= box.y0, (a, b) => cut(a, b, 1, box.y0)],
    [(p) => p[1] <= box.y1, (a, b) => cut(a, b, 1, box.y1)],
  ];
  let out = ring;
  for (const [keeps, cross] of edges) {
    const input = out;
    out = [];
    input.forEach((p, i) => {
      const prev = input[(i + input.length - 1) % input.length]!;
      if (keeps(p)) {
        if (!keeps(prev)) out.push(cross(prev, p));
        out.push(p);
      } else if (keeps(prev)) out.push(cross(prev, p));
    });
    if (out.length === 0) break;
  }
  // Whole units: outlines are background, and a tenth of a unit costs bytes nobody sees.
  return out.map(([x, y]) => [Math.round(x), Math.round(y)]);
}

/** Where the segment a→b crosses the line where coordinate `axis` equals `value`. */
function cut(a: Xy, b: Xy, axis: 0 | 1, value: number): Xy {
  const f = (value - a[axis]) / (b[axis] - a[axis]);
  return axis === 0 ? [value, a[1] + f * (b[1] - a[1])] : [a[0] + f * (b[0] - a[0]), value];
}

/** Drops points that would not show at this scale, keeping the ring closed. */
function thin(ring: Xy[]): Xy[] {
  const out: Xy[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || Math.abs(p[0] - last[0]) + Math.abs(p[1] - last[1]) >= OUTLINE_STEP) out.push(p);
  }
  return out;
}
