import { lineString } from '@turf/helpers';
import { length } from '@turf/length';
import type { LineString } from '../api.ts';

/** A usable route: a LineString of at least two finite [lon, lat] positions. */
export function isDrawableRoute(route: LineString | null | undefined): route is LineString {
  return (
    !!route &&
    Array.isArray(route.coordinates) &&
    route.coordinates.length >= 2 &&
    route.coordinates.every((p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]))
  );
}

/** The route's length along the ground, in kilometres (null without a usable route). */
export function routeLengthKm(route: LineString | null | undefined): number | null {
  if (!isDrawableRoute(route)) return null;
  return length(lineString(route.coordinates), { units: 'kilometers' });
}
