import turfDistance from '@turf/distance';
import { lineString, point } from '@turf/helpers';
import turfLength from '@turf/length';
import turfNearestPointOnLine from '@turf/nearest-point-on-line';
import type { LineString } from './corridor.ts';

/** Geometry on WGS84 coordinates, through @turf; distances in metres. */

export interface LatLon {
  lat: number;
  lon: number;
}

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export function metersBetween(a: LatLon, b: LatLon): number {
  return turfDistance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' });
}

export function metersFromRoute(p: LatLon, route: LineString): number {
  return distanceFromRoute(route)(p);
}

// ── The arithmetic of @turf 7.4, without its per-call allocations ───────────
//
// Deconfliction measures thousands of point-to-route distances per notification, and
// @turf/point-to-line-distance spends most of its time building features and measuring things it
// then throws away (~10 µs a segment). The functions below do exactly turf's floating-point
// operations in the same order, so they return the same numbers to the last bit;
// test/unit/geo.test.ts holds them to that against turf itself.

const EARTH_RADIUS_METERS = 63710088e-1;
const DEGREES_PER_RADIAN = 360 / (2 * Math.PI);

type Vector = [number, number, number];
type Position = readonly [number, number];

function toRadians(degrees: number): number {
  const normalised = degrees % 360;
  return (normalised * Math.PI) / 180;
}

function toDegrees(radians: number): number {
  const normalised = radians % (2 * Math.PI);
  return (normalised * 180) / Math.PI;
}

/** Haversine central angle, as @turf/distance. */
function centralAngle(from: Position, to: Position): number {
  const dLat = toRadians(to[1] - from[1]);
  const dLon = toRadians(to[0] - from[0]);
  const lat1 = toRadians(from[1]);
  const lat2 = toRadians(to[1]);
  const a = Math.pow(Math.sin(dLat / 2), 2) + Math.pow(Math.sin(dLon / 2), 2) * Math.cos(lat1) * Math.cos(lat2);
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

function toVector(p: Position): Vector {
  const lat = toRadians(p[1]);
  const lng = toRadians(p[0]);
  return [Math.cos(lat) * Math.cos(lng), Math.cos(lat) * Math.sin(lng), Math.sin(lat)];
}

const dot = (u: Vector, v: Vector): number => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
const cross = (u: Vector, v: Vector): Vector => [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];

function normalize(v: Vector): Vector {
  const magnitude = Math.sqrt(Math.pow(v[0], 2) + Math.pow(v[1], 2) + Math.pow(v[2], 2));
  return [v[0] / magnitude, v[1] / magnitude, v[2] / magnitude];
}

/** @turf/nearest-point-on-line's nearest point of the great-circle segment AB to C (A and B as vectors too). */
function nearestOnSegment(posA: Position, posB: Position, A: Vector, B: Vector, posC: Position): Position {
  const C = toVector(posC);
  const segmentAxis = cross(A, B);
  if (segmentAxis[0] === 0 && segmentAxis[1] === 0 && segmentAxis[2] === 0) return dot(A, B) > 0 ? posB : posC;
  const targetAxis = cross(segmentAxis, C);
  if (targetAxis[0] === 0 && targetAxis[1] === 0 && targetAxis[2] === 0) return posB;
  const I1 = normalize(cross(targetAxis, segmentAxis));
  const I2: Vector = [-I1[0], -I1[1], -I1[2]];
  const I = dot(C, I1) > dot(C, I2) ? I1 : I2;
  const axis = normalize(segmentAxis);
  if (dot(cross(A, I), axis) >= 0 && dot(cross(I, B), axis) >= 0) {
    const z = Math.min(Math.max(I[2], -1), 1);
    return [toDegrees(Math.atan2(I[1], I[0])), toDegrees(Math.asin(z))];
  }
  return dot(A, C) > dot(B, C) ? posA : posB;
}

/**
 * The distance in metres from a point to the route, with the route prepared once for many points:
 * @turf/point-to-line-distance (geodesic), number for number.
 */
export function distanceFromRoute(route: LineString): (p: LatLon) => number {
  lineString(route.coordinates); // refuses what turf refuses (fewer than two positions)
  const coordinates: readonly Position[] = route.coordinates;
  const vectors = coordinates.map(toVector);
  return (p) => {
    const c: [number, number] = [p.lon, p.lat];
    point(c); // refuses what turf refuses (not numbers)
    let nearest = Infinity;
    for (let i = 0; i + 1 < coordinates.length; i++) {
      const a = coordinates[i]!;
      const b = coordinates[i + 1]!;
      const on = b[0] === c[0] && b[1] === c[1] ? b : a[0] === c[0] && a[1] === c[1] ? a : nearestOnSegment(a, b, vectors[i]!, vectors[i + 1]!, c);
      const d = centralAngle(c, on) * DEGREES_PER_RADIAN;
      if (d < nearest) nearest = d;
    }
    if (!(nearest >= 0)) throw new Error('length must be a positive number');
    return (nearest / DEGREES_PER_RADIAN) * EARTH_RADIUS_METERS;
  };
}

/**
 * A quick test that never says no to a point within `meters` of the route, though it may say yes
 * to some farther off: one box per segment, grown by `meters`, that also holds the segment's
 * great-circle bulge. It spares the exact distance to most candidates of a route's bounding box
 * (a diagonal route's box is mostly far from the route). Where it cannot bound a segment (near a
 * pole, across the antimeridian, huge buffers), it says yes to everything.
 */
export function nearRouteFilter(route: LineString, meters: number): (p: LatLon) => boolean {
  const coordinates = route.coordinates;
  const boxes = new Float64Array(4 * Math.max(0, coordinates.length - 1));
  for (let i = 0; i + 1 < coordinates.length; i++) {
    const box = segmentBox(coordinates[i]!, coordinates[i + 1]!, meters);
    if (!box) return () => true;
    boxes.set(box, 4 * i);
  }
  return (p) => {
    for (let k = 0; k < boxes.length; k += 4) {
      if (p.lon >= boxes[k]! && p.lon <= boxes[k + 1]! && p.lat >= boxes[k + 2]! && p.lat <= boxes[k + 3]!) return true;
    }
    return false;
  };
}

/** [minLon, maxLon, minLat, maxLat] holding every point within `meters` of the segment AB, or null. */
function segmentBox(a: Position, b: Position, meters: number): [number, number, number, number] | null {
  const delta = meters / EARTH_RADIUS_METERS;
  if (!(delta >= 0 && delta <= 0.1) || Math.abs(b[0] - a[0]) > 90) return null;
  let latLo = Math.min(a[1], b[1]);
  let latHi = Math.max(a[1], b[1]);
  const A = toVector(a);
  const B = toVector(b);
  const n = cross(A, B);
  const length = Math.sqrt(dot(n, n));
  if (length === 0) {
    if (a[0] !== b[0] || a[1] !== b[1]) return null;
  } else {
    // The great circle's northernmost point (the North Pole projected on its plane) and its
    // southernmost: where the arc passes one, it bulges past the latitudes of its ends.
    const u: Vector = [n[0] / length, n[1] / length, n[2] / length];
    const towardsPole: Vector = [-u[2] * u[0], -u[2] * u[1], 1 - u[2] * u[2]];
    const size = Math.sqrt(dot(towardsPole, towardsPole));
    if (!(size > 1e-9)) return null;
    const north: Vector = [towardsPole[0] / size, towardsPole[1] / size, towardsPole[2] / size];
    const south: Vector = [-north[0], -north[1], -north[2]];
    const onArc = (v: Vector) => dot(cross(A, v), u) >= 0 && dot(cross(v, B), u) >= 0;
    if (onArc(north)) latHi = Math.max(latHi, (Math.asin(north[2]) * 180) / Math.PI);
    if (onArc(south)) latLo = Math.min(latLo, (Math.asin(south[2]) * 180) / Math.PI);
  }
  // A point d from a point Q of the arc differs from Q by at most d in latitude and by
  // asin(sin d / cos lat) in longitude; 1 % more covers rounding.
  const dLat = ((delta * 180) / Math.PI) * 1.01 + 1e-9;
  const farthest = Math.max(Math.abs(latLo), Math.abs(latHi)) + dLat;
  if (farthest > 80) return null;
  const x = Math.sin(delta) / Math.cos((farthest * Math.PI) / 180);
  if (!(x <= 0.5)) return null;
  const dLon = ((Math.asin(x) * 180) / Math.PI) * 1.01 + 1e-9;
  const minLon = Math.min(a[0], b[0]) - dLon;
  const maxLon = Math.max(a[0], b[0]) + dLon;
  if (minLon < -180 || maxLon > 180) return null;
  return [minLon, maxLon, latLo - dLat, latHi + dLat];
}

/** @turf/bearing. */
function bearingDegrees(start: Position, end: Position): number {
  const lon1 = toRadians(start[0]);
  const lon2 = toRadians(end[0]);
  const lat1 = toRadians(start[1]);
  const lat2 = toRadians(end[1]);
  const a = Math.sin(lon2 - lon1) * Math.cos(lat2);
  const b = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(lon2 - lon1);
  return toDegrees(Math.atan2(a, b));
}

/** @turf/destination, in metres. */
function destinationOf(origin: Position, meters: number, bearing: number): Position {
  const longitude1 = toRadians(origin[0]);
  const latitude1 = toRadians(origin[1]);
  const bearingRad = toRadians(bearing);
  const radians = meters / EARTH_RADIUS_METERS;
  const latitude2 = Math.asin(Math.sin(latitude1) * Math.cos(radians) + Math.cos(latitude1) * Math.sin(radians) * Math.cos(bearingRad));
  const longitude2 = longitude1 + Math.atan2(Math.sin(bearingRad) * Math.sin(radians) * Math.cos(latitude1), Math.cos(radians) - Math.sin(latitude1) * Math.sin(latitude2));
  return [toDegrees(longitude2), toDegrees(latitude2)];
}

export function routeLengthMeters(route: LineString): number {
  return turfLength(lineString(route.coordinates), { units: 'meters' });
}

/** How far along the route (0 at its start, 1 at its end) the point nearest to `p` lies. */
export function fractionAlongRoute(p: LatLon, route: LineString): number {
  const length = routeLengthMeters(route);
  if (length === 0) return 0;
  const nearest = turfNearestPointOnLine(lineString(route.coordinates), point([p.lon, p.lat]), { units: 'meters' });
  return Math.min(1, Math.max(0, (nearest.properties.location ?? 0) / length));
}

/** A route with what @turf/along sums on its way to each vertex, summed once rather than again for every sample. */
interface Walk {
  coordinates: readonly Position[];
  travelled: number[];
  length: number;
}

function walkOf(route: LineString): Walk {
  lineString(route.coordinates); // refuses what turf refuses (fewer than two positions)
  const coordinates: readonly Position[] = route.coordinates;
  const travelled = [0];
  for (let i = 0; i + 1 < coordinates.length; i++) travelled.push(travelled[i]! + centralAngle(coordinates[i]!, coordinates[i + 1]!) * EARTH_RADIUS_METERS);
  return { coordinates, travelled, length: routeLengthMeters(route) };
}

/** The vertex turfAlong(route, d) stops at: the first at or past d (searching on from `from`, as d only grows). */
function vertexAtOrPast(walk: Walk, from: number, d: number): number {
  let i = from;
  while (i < walk.coordinates.length - 1 && !(walk.travelled[i]! >= d)) i++;
  return i;
}

/** turfAlong(route, d): that vertex, or stepped back from it along its segment. */
function positionAlong(walk: Walk, i: number, d: number): Position {
  const last = walk.coordinates.length - 1;
  if (d >= walk.travelled[i]! && i === last) return walk.coordinates[last]!;
  const overshot = d - walk.travelled[i]!;
  return overshot ? destinationOf(walk.coordinates[i]!, overshot, bearingDegrees(walk.coordinates[i]!, walk.coordinates[i - 1]!) - 180) : walk.coordinates[i]!;
}

const latLonOf = (p: Position): LatLon => ({ lat: p[1], lon: p[0] });

/** Points every `stepMeters` along the route, and its vertices: what a deviation check must look at. */
export function samplesAlong(route: LineString, stepMeters: number): LatLon[] {
  const walk = walkOf(route);
  const samples: LatLon[] = route.coordinates.map(([lon, lat]) => ({ lat, lon }));
  let i = 0;
  for (let d = stepMeters; d < walk.length; d += stepMeters) {
    i = vertexAtOrPast(walk, i, d);
    samples.push(latLonOf(positionAlong(walk, i, d)));
  }
  return samples;
}

const DEVIATION_STEP_METERS = 250;

/**
 * The farthest any part of `route` strays from `reference`, in metres (sampled every 250 m): the
 * largest distance of samplesAlong(route, 250) from the reference.
 *
 * Most samples cannot be the largest, and are not measured: the distance to the reference grows
 * no faster than one walks, so a sample x metres along the route from a measured point (a vertex,
 * or a sample) is at most that point's distance + x away; when that is no more than the largest
 * found so far, the sample cannot change the answer. The answer is the same number as measuring
 * every sample (test/unit/geo.test.ts).
 */
export function maxDeviationMeters(route: LineString, reference: LineString): number {
  const fromReference = distanceFromRoute(reference);
  const walk = walkOf(route);
  const { travelled } = walk;
  const last = walk.coordinates.length - 1;
  const atVertex = walk.coordinates.map((c) => fromReference(latLonOf(c)));
  const measured = [...atVertex];
  let largest = Math.max(...atVertex);
  let lastAt = 0;
  let lastValue = atVertex[0]!;
  let i = 0;
  for (let d = DEVIATION_STEP_METERS; d < walk.length; d += DEVIATION_STEP_METERS) {
    i = vertexAtOrPast(walk, i, d);
    // The sample is vertex i itself, already measured.
    if ((d >= travelled[i]! && i === last) || d === travelled[i]) continue;
    const bound = Math.min(lastValue + (d - lastAt), atVertex[i - 1]! + (d - travelled[i - 1]!), atVertex[i]! + (travelled[i]! - d));
    // Rounding in the positions and distances is far below a millimetre.
    if (bound * (1 + 1e-9) + 1e-3 <= largest) continue;
    const value = fromReference(latLonOf(positionAlong(walk, i, d)));
    measured.push(value);
    largest = Math.max(largest, value);
    lastAt = d;
    lastValue = value;
  }
  return Math.max(0, ...measured);
}

/** The route's bounding box grown by `meters` on every side (a little more, never less). */
export function bboxAround(route: LineString, meters: number): BBox {
  const lats = route.coordinates.map((c) => c[1]);
  const lons = route.coordinates.map((c) => c[0]);
  const dLat = meters / 111_000;
  const maxAbsLat = Math.max(...lats.map(Math.abs));
  const dLon = meters / (111_000 * Math.max(0.01, Math.cos((Math.min(89, maxAbsLat + dLat) * Math.PI) / 180)));
  return {
    minLon: Math.min(...lons) - dLon,
    minLat: Math.min(...lats) - dLat,
    maxLon: Math.max(...lons) + dLon,
    maxLat: Math.max(...lats) + dLat,
  };
}
