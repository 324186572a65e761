import fs from 'node:fs';
import type { LineString } from '../src/domain/corridor.ts';
import type { LatLon } from '../src/domain/geo.ts';

/**
 * Synthetic but plausible geography for the benchmarks: Ukraine's outline (the offline layer the
 * web map draws, web/public/geo/), a front line through the east and south, and seeded random
 * points and routes inside the country. Seeded, so two runs measure the same world.
 */

type Ring = [number, number][];

const outline = JSON.parse(fs.readFileSync(new URL('../web/public/geo/ukraine-outline.geojson', import.meta.url), 'utf8')) as {
  features: { geometry: { type: 'MultiPolygon'; coordinates: Ring[][] } }[];
};
const POLYGONS: Ring[][] = outline.features.flatMap((f) => f.geometry.coordinates);

/** Ukraine's bounding box (lon/lat). */
export const BBOX = (() => {
  const all = POLYGONS.flatMap((p) => p[0] ?? []);
  return {
    minLon: Math.min(...all.map((c) => c[0])),
    maxLon: Math.max(...all.map((c) => c[0])),
    minLat: Math.min(...all.map((c) => c[1])),
    maxLat: Math.max(...all.map((c) => c[1])),
  };
})();

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function insideUkraine(p: LatLon): boolean {
  if (p.lon < BBOX.minLon || p.lon > BBOX.maxLon || p.lat < BBOX.minLat || p.lat > BBOX.maxLat) return false;
  return POLYGONS.some(([outer, ...holes]) => outer !== undefined && inRing(p.lon, p.lat, outer) && !holes.some((h) => inRing(p.lon, p.lat, h)));
}

/** Roughly the line of contact: Kupiansk → Bakhmut → Avdiivka → Vuhledar → Robotyne → along the Dnipro → Kinburn. */
export const FRONT_LINE: LatLon[] = [
  { lat: 50.35, lon: 37.85 },
  { lat: 49.71, lon: 37.61 },
  { lat: 49.05, lon: 38.2 },
  { lat: 48.59, lon: 38.0 },
  { lat: 48.14, lon: 37.75 },
  { lat: 47.78, lon: 37.25 },
  { lat: 47.63, lon: 36.5 },
  { lat: 47.45, lon: 35.83 },
  { lat: 47.5, lon: 35.1 },
  { lat: 47.2, lon: 34.1 },
  { lat: 46.75, lon: 33.3 },
  { lat: 46.63, lon: 32.62 },
  { lat: 46.5, lon: 31.7 },
];

/** Cities shelled well away from the front, where incidents cluster too. */
export const CITIES: LatLon[] = [
  { lat: 49.99, lon: 36.23 }, // Kharkiv
  { lat: 50.91, lon: 34.8 }, // Sumy
  { lat: 47.84, lon: 35.14 }, // Zaporizhzhia
  { lat: 48.46, lon: 35.05 }, // Dnipro
  { lat: 46.97, lon: 32.0 }, // Mykolaiv
  { lat: 46.48, lon: 30.73 }, // Odesa
  { lat: 50.45, lon: 30.52 }, // Kyiv
  { lat: 51.49, lon: 31.29 }, // Chernihiv
  { lat: 48.72, lon: 37.56 }, // Kramatorsk
  { lat: 47.91, lon: 33.39 }, // Kryvyi Rih
];

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

export const between = (r: Random, min: number, max: number): number => min + r() * (max - min);
export const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

function gaussian(r: Random): number {
  const u = 1 - r();
  const v = r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const EARTH_M = 6_371_008.8;

/** The point `meters` away from `p` on the initial bearing `bearingDeg` (great circle). */
export function destination(p: LatLon, meters: number, bearingDeg: number): LatLon {
  const d = meters / EARTH_M;
  const b = (bearingDeg * Math.PI) / 180;
  const lat1 = (p.lat * Math.PI) / 180;
  const lon1 = (p.lon * Math.PI) / 180;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 = lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: (lat2 * 180) / Math.PI, lon: (lon2 * 180) / Math.PI };
}

export function uniformInUkraine(r: Random): LatLon {
  for (;;) {
    const p = { lat: between(r, BBOX.minLat, BBOX.maxLat), lon: between(r, BBOX.minLon, BBOX.maxLon) };
    if (insideUkraine(p)) return p;
  }
}

function near(r: Random, centre: LatLon, sigmaMeters: number): LatLon {
  return destination(centre, Math.abs(gaussian(r)) * sigmaMeters, r() * 360);
}

function onFrontLine(r: Random): LatLon {
  const i = Math.floor(r() * (FRONT_LINE.length - 1));
  const a = FRONT_LINE[i]!;
  const b = FRONT_LINE[i + 1]!;
  const t = r();
  return { lat: a.lat + (b.lat - a.lat) * t, lon: a.lon + (b.lon - a.lon) * t };
}

/** An incident location: 60 % within tens of km of the front line, 15 % around shelled cities, 25 % anywhere. */
export function incidentLocation(r: Random): LatLon {
  for (;;) {
    const roll = r();
    const p = roll < 0.6 ? near(r, onFrontLine(r), 25_000) : roll < 0.75 ? near(r, pick(r, CITIES), 10_000) : uniformInUkraine(r);
    if (insideUkraine(p)) return p;
  }
}

/**
 * A random route of 3–8 vertices, 20–300 km long in all, every vertex inside Ukraine; it wanders
 * (each leg turns up to ±40°). Half start in the east and south, where convoys mostly go.
 */
export function randomRoute(r: Random, minKm = 20, maxKm = 300): LineString {
  for (;;) {
    const vertices = 3 + Math.floor(r() * 6);
    const total = between(r, minKm, maxKm) * 1000;
    const start = r() < 0.5 ? near(r, onFrontLine(r), 80_000) : uniformInUkraine(r);
    if (!insideUkraine(start)) continue;
    let bearing = r() * 360;
    const points = [start];
    const weights = Array.from({ length: vertices - 1 }, () => 0.5 + r());
    const sum = weights.reduce((a, b) => a + b, 0);
    for (const w of weights) {
      bearing += between(r, -40, 40);
      points.push(destination(points[points.length - 1]!, (total * w) / sum, bearing));
    }
    if (points.every(insideUkraine)) return { type: 'LineString', coordinates: points.map((p) => [round6(p.lon), round6(p.lat)]) };
  }
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The route with one inner vertex pushed sideways by `meters` (a convoy taking a detour). */
export function detour(route: LineString, r: Random, meters: number): LineString {
  const coordinates = route.coordinates.map((c) => [c[0], c[1]] as [number, number]);
  const i = 1 + Math.floor(r() * (coordinates.length - 2));
  const [lon, lat] = coordinates[i]!;
  const moved = destination({ lat, lon }, meters, r() * 360);
  coordinates[i] = [round6(moved.lon), round6(moved.lat)];
  return { type: 'LineString', coordinates };
}
