import turfAlong from '@turf/along';
import { lineString, point } from '@turf/helpers';
import turfLength from '@turf/length';
import turfPointToLineDistance from '@turf/point-to-line-distance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineString } from '../../src/domain/corridor.ts';
import { bboxAround, distanceFromRoute, maxDeviationMeters, metersFromRoute, nearRouteFilter, samplesAlong, type LatLon } from '../../src/domain/geo.ts';
import { IncidentIndex, type IncidentFacts } from '../../src/domain/incident.ts';
import { nearRouteTest } from '../../src/domain/route-near.ts';

/**
 * geo.ts does @turf's arithmetic without turf's allocations (deconfliction measures thousands of
 * distances per notification). These properties hold it to turf itself, to the last bit, so the
 * warnings a notification gets are exactly those turf would give.
 */

const coordinate = (lon: fc.Arbitrary<number>, lat: fc.Arbitrary<number>) => fc.tuple(lon, lat);
/** Around Ukraine most of the time, anywhere on Earth sometimes (poles, the antimeridian). */
const inUkraineArb = coordinate(fc.double({ min: 22, max: 41, noNaN: true }), fc.double({ min: 44, max: 53, noNaN: true }));
const positionArb: fc.Arbitrary<[number, number]> = fc.oneof(
  { weight: 4, arbitrary: inUkraineArb },
  { weight: 1, arbitrary: coordinate(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })) },
);
const routeOf = (position: fc.Arbitrary<[number, number]>): fc.Arbitrary<LineString> =>
  fc
    .array(position, { minLength: 2, maxLength: 8 })
    // Repeated vertices happen in hand-drawn routes.
    .chain((coordinates) => fc.boolean().map((repeat) => (repeat ? [...coordinates, coordinates[coordinates.length - 1]!] : coordinates)))
    .map((coordinates) => ({ type: 'LineString' as const, coordinates }));
const routeArb = routeOf(positionArb);
/** Short routes (a few km) in the east, as detours of a corridor are. */
const localRouteArb = routeOf(coordinate(fc.double({ min: 36, max: 36.3, noNaN: true }), fc.double({ min: 48, max: 48.3, noNaN: true })));
const near = (route: LineString): fc.Arbitrary<LatLon> =>
  fc.oneof(
    fc.constantFrom(...route.coordinates).map(([lon, lat]) => ({ lat, lon })),
    positionArb.map(([lon, lat]) => ({ lat, lon })),
    fc
      .tuple(fc.constantFrom(...route.coordinates), fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.double({ min: -0.05, max: 0.05, noNaN: true }))
      .map(([[lon, lat], dLon, dLat]) => ({ lat: Math.max(-90, Math.min(90, lat + dLat)), lon: lon + dLon })),
  );

function turfMeters(p: LatLon, route: LineString): number {
  return turfPointToLineDistance(point([p.lon, p.lat]), lineString(route.coordinates), { units: 'meters' });
}

function turfSamples(route: LineString, stepMeters: number): LatLon[] {
  const line = lineString(route.coordinates);
  const length = turfLength(line, { units: 'meters' });
  const samples: LatLon[] = route.coordinates.map(([lon, lat]) => ({ lat, lon }));
  for (let d = stepMeters; d < length; d += stepMeters) {
    const [lon, lat] = turfAlong(line, d, { units: 'meters' }).geometry.coordinates as [number, number];
    samples.push({ lat, lon });
  }
  return samples;
}

describe('geometry, number for number as @turf', () => {
  it('metersFromRoute equals @turf/point-to-line-distance (geodesic)', () => {
    fc.assert(
      fc.property(
        routeArb.chain((route) => fc.tuple(fc.constant(route), fc.array(near(route), { minLength: 1, maxLength: 10 }))),
        ([route, points]) => {
          const prepared = distanceFromRoute(route);
          for (const p of points) {
            const expected = turfMeters(p, route);
            expect(Object.is(metersFromRoute(p, route), expected)).toBe(true);
            expect(Object.is(prepared(p), expected)).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('samplesAlong equals sampling with @turf/along', () => {
    fc.assert(
      fc.property(routeArb, fc.integer({ min: 50, max: 50_000 }), (route, step) => {
        // Keep the number of samples sane for routes spanning the globe.
        fc.pre(turfLength(lineString(route.coordinates), { units: 'meters' }) / step < 5000);
        expect(samplesAlong(route, step)).toStrictEqual(turfSamples(route, step));
      }),
      { numRuns: 400 },
    );
  });

  it('maxDeviationMeters is the largest turf distance of the samples', () => {
    fc.assert(
      fc.property(localRouteArb, localRouteArb, (route, reference) => {
        const expected = Math.max(0, ...turfSamples(route, 250).map((p) => turfMeters(p, reference)));
        expect(Object.is(maxDeviationMeters(route, reference), expected)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('maxDeviationMeters measures fewer samples but finds the same largest distance', () => {
    // Corridors and the routes that follow them, or leave them by a detour, across the east.
    const eastArb = coordinate(fc.double({ min: 34, max: 38, noNaN: true }), fc.double({ min: 46.5, max: 50, noNaN: true }));
    const pairArb = routeOf(eastArb).chain((reference) =>
      fc.oneof(
        routeOf(eastArb),
        fc
          .tuple(fc.nat(), fc.double({ min: -0.2, max: 0.2, noNaN: true }), fc.double({ min: -0.2, max: 0.2, noNaN: true }))
          .map(([k, dLon, dLat]) => {
            const coordinates = reference.coordinates.map((c) => [c[0], c[1]] as [number, number]);
            const i = k % coordinates.length;
            coordinates[i] = [coordinates[i]![0] + dLon, coordinates[i]![1] + dLat];
            return { type: 'LineString' as const, coordinates };
          }),
      ).map((route) => [route, reference] as const),
    );
    fc.assert(
      fc.property(pairArb, ([route, reference]) => {
        const fromReference = distanceFromRoute(reference);
        const everySample = Math.max(0, ...samplesAlong(route, 250).map(fromReference));
        expect(Object.is(maxDeviationMeters(route, reference), everySample)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('still refuses what turf refuses', () => {
    expect(() => metersFromRoute({ lat: 50, lon: 30 }, { type: 'LineString', coordinates: [[30, 50]] })).toThrow();
    expect(() => metersFromRoute({ lat: Number.NaN, lon: 30 }, { type: 'LineString', coordinates: [[30, 50], [31, 50]] })).toThrow();
  });
});

/** The point `meters` from `p` on the initial bearing (great circle, turf's Earth radius). */
function offset(p: LatLon, meters: number, bearingDeg: number): LatLon {
  const d = meters / 6371008.8;
  const b = (bearingDeg * Math.PI) / 180;
  const lat1 = (p.lat * Math.PI) / 180;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 = (p.lon * Math.PI) / 180 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: (lat2 * 180) / Math.PI, lon: (lon2 * 180) / Math.PI };
}

/** The point a fraction `t` of the way along the great-circle arc from a to b (undefined when that is not one arc). */
function between(a: [number, number], b: [number, number], t: number): LatLon | undefined {
  const vector = ([lon, lat]: [number, number]) => {
    const φ = (lat * Math.PI) / 180;
    const λ = (lon * Math.PI) / 180;
    return [Math.cos(φ) * Math.cos(λ), Math.cos(φ) * Math.sin(λ), Math.sin(φ)];
  };
  const A = vector(a);
  const B = vector(b);
  const ω = Math.acos(Math.min(1, Math.max(-1, A[0]! * B[0]! + A[1]! * B[1]! + A[2]! * B[2]!)));
  if (ω === 0) return { lat: a[1], lon: a[0] };
  if (ω > Math.PI - 1e-6) return undefined;
  const wa = Math.sin((1 - t) * ω) / Math.sin(ω);
  const wb = Math.sin(t * ω) / Math.sin(ω);
  const [x, y, z] = [0, 1, 2].map((i) => wa * A[i]! + wb * B[i]!) as [number, number, number];
  return { lat: (Math.atan2(z, Math.hypot(x, y)) * 180) / Math.PI, lon: (Math.atan2(y, x) * 180) / Math.PI };
}

describe('nearRouteFilter', () => {
  it('never turns away a point within the distance of the route', () => {
    fc.assert(
      fc.property(
        routeArb,
        fc.double({ min: 0, max: 50_000, noNaN: true }),
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true })), { minLength: 1, maxLength: 20 }),
        (route, meters, probes) => {
          const mayBeNear = nearRouteFilter(route, meters);
          const segments = route.coordinates.length - 1;
          for (const [segment, along, away, bearing] of probes) {
            const i = segment % segments;
            const a = route.coordinates[i]!;
            const b = route.coordinates[i + 1]!;
            const on = between(a, b, along);
            if (!on) continue;
            const p = offset(on, away * meters * 1.02, bearing);
            if (metersFromRoute(p, route) <= meters) expect(mayBeNear(p)).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('catches the bulge of a long east–west segment, and turns away what is far', () => {
    const route: LineString = { type: 'LineString', coordinates: [[30, 50], [34, 50]] };
    // The great circle from (30, 50) to (34, 50) peaks about 1.9 km north of latitude 50.
    const top = { lat: (Math.atan(Math.tan((50 * Math.PI) / 180) / Math.cos((2 * Math.PI) / 180)) * 180) / Math.PI, lon: 32 };
    const mine = offset(top, 1500, 0);
    expect(metersFromRoute(mine, route)).toBeLessThan(2000);
    expect(nearRouteFilter(route, 2000)(mine)).toBe(true);
    expect(nearRouteFilter(route, 2000)({ lat: 50.5, lon: 32 })).toBe(false);
    expect(nearRouteFilter(route, 2000)({ lat: 49.9, lon: 29.5 })).toBe(false);
  });

  it('leaves IncidentIndex.nearRoute as it was: the bounding box, then the exact distance', () => {
    fc.assert(
      fc.property(
        routeOf(inUkraineArb),
        fc.array(inUkraineArb, { maxLength: 400 }),
        fc.integer({ min: 100, max: 50_000 }),
        (route, positions, meters) => {
          const incidents: IncidentFacts[] = positions.map(([lon, lat], i) => ({ id: `i${i}`, type: 'shelling', severity: 'low', lat, lon, occurredAt: '2026-01-01T00:00:00.000Z', clearedAt: null }));
          const box = bboxAround(route, meters);
          const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
          const before = incidents
            .filter((i) => i.lon >= box.minLon && i.lon <= box.maxLon && i.lat >= box.minLat && i.lat <= box.maxLat)
            .map((i) => ({ id: i.id, distanceMeters: turfMeters(i, route) }))
            .filter((h) => h.distanceMeters <= meters)
            .sort(byId);
          const now = new IncidentIndex(incidents).nearRoute(route, meters);
          expect(now.map((h) => ({ id: h.incident.id, distanceMeters: h.distanceMeters })).sort(byId)).toStrictEqual(before);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('nearRouteTest (the impact of an incident)', () => {
  it('never turns away a route within the distance of the point, anywhere on Earth', () => {
    fc.assert(
      fc.property(
        routeArb,
        fc.double({ min: 0, max: 50_000, noNaN: true }),
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true })), { minLength: 1, maxLength: 20 }),
        (route, meters, probes) => {
          const segments = route.coordinates.length - 1;
          for (const [segment, along, away, bearing] of probes) {
            const i = segment % segments;
            const on = between(route.coordinates[i]!, route.coordinates[i + 1]!, along);
            if (!on) continue;
            const p = offset(on, away * meters * 1.02, bearing);
            if (metersFromRoute(p, route) <= meters) expect(nearRouteTest(p)(route, meters)).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('catches the bulge of a long east–west segment, and turns away what is far', () => {
    const route: LineString = { type: 'LineString', coordinates: [[30, 50], [34, 50]] };
    const top = { lat: (Math.atan(Math.tan((50 * Math.PI) / 180) / Math.cos((2 * Math.PI) / 180)) * 180) / Math.PI, lon: 32 };
    const mine = offset(top, 1500, 0);
    expect(metersFromRoute(mine, route)).toBeLessThan(2000);
    expect(nearRouteTest(mine)(route, 2000)).toBe(true);
    expect(nearRouteTest({ lat: 50.5, lon: 32 })(route, 2000)).toBe(false);
    expect(nearRouteTest({ lat: 49.9, lon: 32 })(route, 2000)).toBe(false);
    expect(nearRouteTest({ lat: 50, lon: 29.5 })(route, 2000)).toBe(false);
  });
});
