import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Lang } from '../i18n/index.ts';

export const OUTLINE_URL = '/geo/ukraine-outline.geojson';
export const OBLASTS_URL = '/geo/ukraine-oblasts.geojson';
export const CONFIG_URL = '/api/v1/public/config';

/** Ukraine's extent (Crimea included), used before the outline has loaded. */
export const UKRAINE_BOUNDS: [[number, number], [number, number]] = [
  [44.38, 22.14],
  [52.38, 40.23],
];

export interface OblastProperties {
  iso?: string;
  pcode?: string;
  name_en?: string;
  name_uk?: string;
  name_ru?: string;
  country?: string;
}

export type OblastFeature = Feature<Geometry, OblastProperties | null>;

export function oblastName(props: OblastProperties | null | undefined, lang: Lang): string {
  if (!props) return '';
  return props[`name_${lang}`] ?? props.name_en ?? props.name_uk ?? props.pcode ?? '';
}

function isFeatureCollection(value: unknown): value is FeatureCollection {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'FeatureCollection' &&
    Array.isArray((value as { features?: unknown }).features)
  );
}

export async function fetchGeoJson(url: string, signal: AbortSignal): Promise<FeatureCollection> {
  const res = await fetch(url, { signal, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const body: unknown = await res.json();
  if (isFeatureCollection(body)) return body;
  // A single Feature is accepted too.
  if (typeof body === 'object' && body !== null && (body as { type?: unknown }).type === 'Feature') {
    return { type: 'FeatureCollection', features: [body as Feature] };
  }
  throw new Error(`${url}: not GeoJSON`);
}
