import turfAlong from '@turf/along';
import turfDistance from '@turf/distance';
import { lineString, point } from '@turf/helpers';
import turfLength from '@turf/length';
import turfNearestPointOnLine from '@turf/nearest-point-on-line';
import turfPointToLineDistance from '@turf/point-to-line-distance';
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
  return turfPointToLineDistance(point([p.lon, p.lat]), lineString(route.coordinates), { units: 'meters' });
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

/** Points every `stepMeters` along the route, and its vertices: what a deviation check must look at. */
export function samplesAlong(route: LineString, stepMeters: number): LatLon[] {
  const line = lineString(route.coordinates);
  const length = routeLengthMeters(route);
  const samples: LatLon[] = route.coordinates.map(([lon, lat]) => ({ lat, lon }));
  for (let d = stepMeters; d < length; d += stepMeters) {
    const [lon, lat] = turfAlong(line, d, { units: 'meters' }).geometry.coordinates as [number, number];
    samples.push({ lat, lon });
  }
  return samples;
}

/** The farthest any part of `route` strays from `reference`, in metres (sampled every 250 m). */
export function maxDeviationMeters(route: LineString, reference: LineString): number {
  return Math.max(0, ...samplesAlong(route, 250).map((p) => metersFromRoute(p, reference)));
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
