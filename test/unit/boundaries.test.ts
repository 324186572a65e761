import { readFileSync, statSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { PLACES } from '../../src/domain/gazetteer.ts';

// The offline base layer made by scripts/extract-boundaries.mjs.
type Ring = readonly (readonly [number, number])[];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
interface Feature<P> { type: 'Feature'; properties: P; geometry: Geometry }
interface FeatureCollection<P> { type: 'FeatureCollection'; features: Feature<P>[] }
interface OblastProps { iso: string; pcode: string; name_en: string; name_uk: string; name_ru: string; country: string }
interface OutlineProps { iso: string; name_en: string; name_uk: string; name_ru: string }

const oblastsUrl = new URL('../../web/public/geo/ukraine-oblasts.geojson', import.meta.url);
const outlineUrl = new URL('../../web/public/geo/ukraine-outline.geojson', import.meta.url);
const oblasts = JSON.parse(readFileSync(oblastsUrl, 'utf8')) as FeatureCollection<OblastProps>;
const outline = JSON.parse(readFileSync(outlineUrl, 'utf8')) as FeatureCollection<OutlineProps>;

// Ray casting, even-odd over every ring of a polygon (so holes work).
function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function polygons(g: Geometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}
function contains(g: Geometry, lon: number, lat: number): boolean {
  return polygons(g).some((rings) => rings.reduce((inside, ring) => (inRing(lon, lat, ring) ? !inside : inside), false));
}
function oblastsAt(lon: number, lat: number): string[] {
  return oblasts.features.filter((f) => contains(f.geometry, lon, lat)).map((f) => f.properties.iso);
}
// Distance in km from a point to the nearest edge of a geometry (equirectangular, fine at this scale).
function kmToBoundary(g: Geometry, lon: number, lat: number): number {
  const kx = 111.32 * Math.cos((lat * Math.PI) / 180);
  const ky = 110.57;
  let best = Infinity;
  for (const rings of polygons(g)) {
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const ax = (ring[i - 1]![0] - lon) * kx, ay = (ring[i - 1]![1] - lat) * ky;
        const bx = (ring[i]![0] - lon) * kx, by = (ring[i]![1] - lat) * ky;
        const dx = bx - ax, dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
    }
  }
  return best;
}

// [lon, lat]
const SIMFEROPOL = [34.1, 44.95] as const;
const SEVASTOPOL = [33.52, 44.6] as const;
const KYIV = [30.5234, 50.4501] as const;
const MARIUPOL = [37.5434, 47.0971] as const;
const BELGOROD = [36.59, 50.6] as const;
const ROSTOV_ON_DON = [39.7233, 47.2314] as const;

describe('oblast boundaries', () => {
  it('has the 27 first-level units, all in Ukraine, with the agreed properties', () => {
    expect(oblasts.type).toBe('FeatureCollection');
    expect(oblasts.features).toHaveLength(27);
    for (const f of oblasts.features) {
      expect(Object.keys(f.properties).sort()).toEqual(['country', 'iso', 'name_en', 'name_ru', 'name_uk', 'pcode']);
      expect(f.properties.country).toBe('UA');
      expect(f.properties.iso).toMatch(/^UA-\d\d$/);
      expect(f.properties.pcode).toMatch(/^UA\d\d$/);
      expect(f.properties.name_uk).toMatch(/^\p{Script=Cyrillic}/u);
      expect(f.properties.name_ru).toMatch(/^\p{Script=Cyrillic}/u);
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    }
    expect(new Set(oblasts.features.map((f) => f.properties.iso)).size).toBe(27);
    expect(new Set(oblasts.features.map((f) => f.properties.pcode)).size).toBe(27);
  });

  it('includes Crimea and Sevastopol as Ukrainian units', () => {
    const byIso = new Map(oblasts.features.map((f) => [f.properties.iso, f.properties]));
    expect(byIso.get('UA-43')).toMatchObject({ pcode: 'UA01', country: 'UA', name_en: 'Autonomous Republic of Crimea', name_uk: 'Автономна Республіка Крим', name_ru: 'Автономная Республика Крым' });
    expect(byIso.get('UA-40')).toMatchObject({ pcode: 'UA85', country: 'UA', name_en: 'Sevastopol' });
    expect(byIso.get('UA-30')).toMatchObject({ pcode: 'UA80', name_en: 'Kyiv' });
    expect(byIso.get('UA-23')).toMatchObject({ pcode: 'UA23', name_uk: 'Запорізька область', name_ru: 'Запорожская область', name_en: 'Zaporizhzhia Oblast' });
  });

  it('puts known cities in the right unit', () => {
    expect(oblastsAt(...SIMFEROPOL)).toEqual(['UA-43']);
    expect(oblastsAt(...SEVASTOPOL)).toEqual(['UA-40']);
    expect(oblastsAt(...KYIV)).toEqual(['UA-30']);
    expect(oblastsAt(...MARIUPOL)).toEqual(['UA-14']);
    expect(oblastsAt(36.2304, 49.9935)).toEqual(['UA-63']); // Kharkiv
    expect(oblastsAt(32.26, 48.51)).toEqual(['UA-35']); // Kropyvnytskyi
    expect(oblastsAt(...BELGOROD)).toEqual([]);
  });

  it('agrees with the gazetteer: each Ukrainian place lies in (or next to) its adm1 unit, foreign ones outside', () => {
    const byPcode = new Map(oblasts.features.map((f) => [f.properties.pcode, f]));
    const outlineGeom = outline.features[0]!.geometry;
    for (const p of PLACES) {
      if (p.adm1 === null) {
        expect(oblastsAt(p.lon, p.lat), p.id).toEqual([]);
        expect(contains(outlineGeom, p.lon, p.lat), p.id).toBe(false);
        continue;
      }
      const unit = byPcode.get(p.adm1);
      expect(unit, `${p.id}: unknown adm1 ${p.adm1}`).toBeDefined();
      expect(contains(outlineGeom, p.lon, p.lat), p.id).toBe(true);
      // The base layer is coarse (Natural Earth): its Kyiv city polygon, for one,
      // takes in Irpin and Hostomel. So a place may fall just across a border,
      // but never more than a few km from its own unit.
      if (!contains(unit!.geometry, p.lon, p.lat)) {
        expect(kmToBoundary(unit!.geometry, p.lon, p.lat), `${p.id} is far outside ${p.adm1}`).toBeLessThan(10);
      }
    }
  });
});

describe('country outline', () => {
  it('is a single feature with the agreed properties', () => {
    expect(outline.type).toBe('FeatureCollection');
    expect(outline.features).toHaveLength(1);
    expect(outline.features[0]!.properties).toEqual({ iso: 'UA', name_en: 'Ukraine', name_uk: 'Україна', name_ru: 'Украина' });
  });

  it('contains Crimea, Sevastopol, Kyiv and Mariupol, but not Belgorod or Rostov-on-Don', () => {
    const g = outline.features[0]!.geometry;
    expect(contains(g, ...SIMFEROPOL)).toBe(true);
    expect(contains(g, ...SEVASTOPOL)).toBe(true);
    expect(contains(g, ...KYIV)).toBe(true);
    expect(contains(g, ...MARIUPOL)).toBe(true);
    expect(contains(g, ...BELGOROD)).toBe(false);
    expect(contains(g, ...ROSTOV_ON_DON)).toBe(false);
  });

  it('has the mainland and Crimea in one main part, with no holes', () => {
    const parts = polygons(outline.features[0]!.geometry);
    for (const rings of parts) expect(rings).toHaveLength(1);
    const main = parts.reduce((a, b) => (b[0]!.length > a[0]!.length ? b : a));
    const mainGeom: Geometry = { type: 'Polygon', coordinates: main };
    expect(contains(mainGeom, ...KYIV)).toBe(true);
    expect(contains(mainGeom, ...SIMFEROPOL)).toBe(true);
    expect(contains(mainGeom, ...SEVASTOPOL)).toBe(true);
  });
});

describe('file sizes', () => {
  it('stays small enough for a cheap phone', () => {
    expect(statSync(oblastsUrl).size).toBeLessThan(250_000);
    expect(statSync(outlineUrl).size).toBeLessThan(80_000);
  });
});
