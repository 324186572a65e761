import turfBuffer from '@turf/buffer';
import { lineString } from '@turf/helpers';
import type { LineString } from './corridor.ts';

/**
 * The ground a corridor protects: its route widened by the agreed buffer, as one closed ring of
 * [lon, lat] pairs, exterior counter-clockwise (RFC 7946's right-hand rule). The feeds (GeoJSON
 * polygon, CAP area) draw it; holes a looping route would leave are dropped, since a person
 * inside the loop is still near the route.
 */

/** Points per quarter circle at the route's ends and bends: enough to look round, few enough for CAP readers. */
const STEPS = 4;

export type Ring = [number, number][];

/** Twice the signed area (positive counter-clockwise) in degrees: only the sign is used. */
export function ringSignedArea(ring: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

export function routeAreaRing(route: LineString, meters: number): Ring | null {
  if (route.coordinates.length < 2 || meters <= 0) return null;
  const area = turfBuffer(lineString(route.coordinates), meters, { units: 'meters', steps: STEPS });
  if (!area) return null;
  const geometry = area.geometry;
  // A self-touching route can come back as several polygons: the largest is the corridor.
  const exteriors: Ring[] =
    geometry.type === 'Polygon' ? [geometry.coordinates[0] as Ring] : geometry.coordinates.map((p) => p[0] as Ring);
  const largest = exteriors.reduce<Ring | null>((best, r) => (best && Math.abs(ringSignedArea(best)) >= Math.abs(ringSignedArea(r)) ? best : r), null);
  if (!largest || largest.length < 4) return null;
  const ring = largest.map(([lon, lat]) => [round(lon), round(lat)] as [number, number]);
  const closed = ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring : [...ring, ring[0]!];
  const deduped = closed.filter((c, i) => i === 0 || c[0] !== closed[i - 1]![0] || c[1] !== closed[i - 1]![1]);
  return ringSignedArea(deduped) < 0 ? deduped.reverse() : deduped;
}

/** The corridor's area as a GeoJSON Polygon (one exterior ring): what the console draws and the feeds publish. */
export interface RouteArea {
  type: 'Polygon';
  coordinates: Ring[];
}

export function routeArea(route: LineString | null, meters: number): RouteArea | null {
  const ring = route ? routeAreaRing(route, meters) : null;
  return ring ? { type: 'Polygon', coordinates: [ring] } : null;
}

/** Six decimals: about 10 cm, far finer than any buffer, and short in CAP text. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Do two segments cross or touch away from a shared end? */
function segmentsMeet(a: readonly number[], b: readonly number[], c: readonly number[], d: readonly number[]): boolean {
  const orient = (p: readonly number[], q: readonly number[], r: readonly number[]) => Math.sign((q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!));
  const within = (p: readonly number[], q: readonly number[], r: readonly number[]) =>
    Math.min(p[0]!, r[0]!) <= q[0]! && q[0]! <= Math.max(p[0]!, r[0]!) && Math.min(p[1]!, r[1]!) <= q[1]! && q[1]! <= Math.max(p[1]!, r[1]!);
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && within(a, c, b)) || (o2 === 0 && within(a, d, b)) || (o3 === 0 && within(c, a, d)) || (o4 === 0 && within(c, b, d));
}

/** Does a closed ring cross itself? Neighbouring edges share a point by construction and are skipped. */
export function ringSelfIntersects(ring: readonly (readonly [number, number])[]): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsMeet(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true;
    }
  }
  return false;
}
