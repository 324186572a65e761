import type { Lang } from '../domain/gazetteer.ts';
import { NOTICE_WORDS } from '../domain/notice-words.ts';
import { PUBLIC_LANGS, publicWordsOf } from '../domain/public-text.ts';
import { routeAreaRing } from '../domain/route-area.ts';
import type { PublicCorridorView } from '../services/corridor.presenter.ts';
import { corridorPageUrl } from './common.ts';

/**
 * GeoJSON (RFC 7946): per public corridor its route (LineString), the area it protects
 * (Polygon, exterior counter-clockwise) and its gathering points (Points), coordinates
 * [lon, lat]. Properties are the corridor's public facts and its notice, in uk, ru and en.
 */

type Localized = Record<Lang, string>;
type Geometry =
  | { type: 'LineString'; coordinates: [number, number][] }
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'Point'; coordinates: [number, number] };

export interface CorridorFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: {
    corridorId: string;
    kind: 'route' | 'area' | 'gathering_point';
    status: string;
    headline: string;
    advice: string;
    label: Localized;
    title: Localized;
    /** The gathering point's name, for points only. */
    name?: Localized;
    window: { role: string; start: string; end: string } | null;
    gatheringPoints: 'active' | 'muted';
    url: string;
  };
}

const localized = (f: (lang: Lang) => string): Localized => ({ uk: f('uk'), ru: f('ru'), en: f('en') });

export function corridorFeatures(view: PublicCorridorView, publicUrl: string): CorridorFeature[] {
  const notice = view.notice;
  const base = {
    corridorId: view.id,
    status: view.status,
    headline: notice.headline,
    advice: notice.advice,
    label: localized((lang) => NOTICE_WORDS[lang][notice.headline].label),
    title: localized((lang) => publicWordsOf(view, lang).title),
    window: notice.window ? { role: notice.window.role, start: notice.window.window.start, end: notice.window.window.end } : null,
    gatheringPoints: notice.gatheringPoints,
    url: corridorPageUrl(publicUrl, view.id, 'en'),
  };
  const features: CorridorFeature[] = [];
  if (view.route) {
    features.push({ type: 'Feature', id: `${view.id}/route`, geometry: { type: 'LineString', coordinates: view.route.coordinates }, properties: { ...base, kind: 'route' } });
    const ring = routeAreaRing(view.route, view.bufferMeters);
    if (ring) features.push({ type: 'Feature', id: `${view.id}/area`, geometry: { type: 'Polygon', coordinates: [ring] }, properties: { ...base, kind: 'area' } });
  }
  const words = Object.fromEntries(PUBLIC_LANGS.map((lang) => [lang, publicWordsOf(view, lang)])) as Record<Lang, ReturnType<typeof publicWordsOf>>;
  view.gatheringPoints.forEach((g, i) => {
    features.push({
      type: 'Feature',
      id: `${view.id}/gathering/${i + 1}`,
      geometry: { type: 'Point', coordinates: [g.lon, g.lat] },
      properties: { ...base, kind: 'gathering_point', name: localized((lang) => words[lang].gatheringPoints[i]?.name ?? g.name) },
    });
  });
  return features;
}

export function renderCorridorsGeoJson(input: { views: readonly PublicCorridorView[]; generatedAt: string; publicUrl: string }): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    generatedAt: input.generatedAt,
    features: input.views.flatMap((v) => corridorFeatures(v, input.publicUrl)),
  });
}
