import { existsSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { PLACES, findPlace, normalisePlaceName, type Lang } from '../../src/domain/gazetteer.ts';

// The `places` of src/demo/scenario/ukraine-2022-03.json, with the values given there.
const SCENARIO_PLACES: Record<string, { id: string; adm1: string | null; lat: number; lon: number }> = {
  Mariupol: { id: 'mariupol', adm1: 'UA14', lat: 47.0971, lon: 37.5434 },
  Volnovakha: { id: 'volnovakha', adm1: 'UA14', lat: 47.6011, lon: 37.4966 },
  Pokrovsk: { id: 'pokrovsk', adm1: 'UA14', lat: 48.2822, lon: 37.1758 },
  Berdiansk: { id: 'berdiansk', adm1: 'UA23', lat: 46.7587, lon: 36.7845 },
  Zaporizhzhia: { id: 'zaporizhzhia', adm1: 'UA23', lat: 47.8388, lon: 35.1396 },
  Enerhodar: { id: 'enerhodar', adm1: 'UA23', lat: 47.4989, lon: 34.6558 },
  Vasylivka: { id: 'vasylivka', adm1: 'UA23', lat: 47.443, lon: 35.276 },
  Sumy: { id: 'sumy', adm1: 'UA59', lat: 50.9077, lon: 34.7981 },
  Lubny: { id: 'lubny', adm1: 'UA53', lat: 50.0186, lon: 32.9869 },
  Poltava: { id: 'poltava', adm1: 'UA53', lat: 49.5883, lon: 34.5514 },
  Izium: { id: 'izium', adm1: 'UA63', lat: 49.2128, lon: 37.2569 },
  Lozova: { id: 'lozova', adm1: 'UA63', lat: 48.8892, lon: 36.3158 },
  Kharkiv: { id: 'kharkiv', adm1: 'UA63', lat: 49.9935, lon: 36.2304 },
  Bucha: { id: 'bucha', adm1: 'UA32', lat: 50.5436, lon: 30.2123 },
  Irpin: { id: 'irpin', adm1: 'UA32', lat: 50.5218, lon: 30.2506 },
  Vorzel: { id: 'vorzel', adm1: 'UA32', lat: 50.549, lon: 30.154 },
  Kyiv: { id: 'kyiv', adm1: 'UA80', lat: 50.4501, lon: 30.5234 },
  'Gomel (Belarus)': { id: 'gomel', adm1: null, lat: 52.4345, lon: 30.9754 },
  'Belgorod (Russia)': { id: 'belgorod', adm1: null, lat: 50.5954, lon: 36.5873 },
};

// Route waypoints named in the scenario's corridors (and Rostov-on-Don, named in C04).
const WAYPOINTS: Record<string, string> = {
  Holubivka: 'holubivka',
  Lokhvytsia: 'lokhvytsia',
  Lubny: 'lubny',
  Andriyashivka: 'andriiashivka',
  Romny: 'romny',
  Nedryhailiv: 'nedryhailiv',
  Stoianka: 'stoianka',
  Bilohorodka: 'bilohorodka',
  Melekyne: 'melekyne',
  Portovske: 'portovske',
  Manhush: 'manhush',
  Tokmak: 'tokmak',
  Hostomel: 'hostomel',
  Borodianka: 'borodianka',
  Romanivka: 'romanivka',
  'Rostov-on-Don': 'rostov-on-don',
};

const ALIAS_GROUPS: readonly (readonly string[])[] = [
  ['Zaporizhzhia', 'Zaporizhia', 'Zaporozhye', 'Zaporozhe', 'Запоріжжя', 'Запорожье'],
  ['Enerhodar', 'Energodar', 'Енергодар', 'Энергодар'],
  ['Kyiv', 'Kiev', 'Київ', 'Киев'],
  ['Kharkiv', 'Kharkov', 'Харків', 'Харьков'],
  ['Mariupol', "Mariupol'", 'Маріуполь', 'Мариуполь'],
  ['Izium', 'Izyum', 'Ізюм', 'Изюм'],
  ['Berdiansk', 'Berdyansk', 'Бердянськ', 'Бердянск'],
  ['Sumy', 'Суми', 'Сумы'],
  ['Irpin', 'Irpen', 'Ірпінь', 'Ирпень'],
  ['Gomel', 'Homel', 'Гомель'],
  ['Belgorod', 'Бєлгород', 'Белгород'],
];

const LANGS: readonly Lang[] = ['uk', 'ru', 'en'];
const CYRILLIC_NAME = /^\p{Script=Cyrillic}[\p{Script=Cyrillic} \-]*$/u;
const LATIN_NAME = /^[A-Z][A-Za-z \-]*$/;

describe('gazetteer', () => {
  it('resolves every scenario place key to the expected place, with the scenario coordinates', () => {
    for (const [key, want] of Object.entries(SCENARIO_PLACES)) {
      const p = findPlace(key);
      expect(p, key).toBeDefined();
      expect(p?.id, key).toBe(want.id);
      expect(p?.adm1, key).toBe(want.adm1);
      expect(p?.lat, key).toBe(want.lat);
      expect(p?.lon, key).toBe(want.lon);
    }
    expect(findPlace('Gomel (Belarus)')?.country).toBe('BY');
    expect(findPlace('Belgorod (Russia)')?.country).toBe('RU');
  });

  it('resolves every route waypoint of the scenario corridors', () => {
    for (const [name, id] of Object.entries(WAYPOINTS)) {
      expect(findPlace(name)?.id, name).toBe(id);
    }
    expect(findPlace('Rostov-on-Don')).toMatchObject({ country: 'RU', adm1: null });
  });

  // Cross-check against the repo's copy of the scenario, when it is there.
  const scenarioUrl = new URL('../../src/demo/scenario/ukraine-2022-03.json', import.meta.url);
  it.skipIf(!existsSync(scenarioUrl))('knows every place and waypoint in the repo copy of the scenario', () => {
    const scenario = JSON.parse(readFileSync(scenarioUrl, 'utf8')) as {
      places: Record<string, { adm1: string | null; lat: number; lon: number }>;
      corridors: { route_waypoints?: string[]; aid_route_waypoints?: string[] }[];
    };
    for (const [key, v] of Object.entries(scenario.places)) {
      expect(findPlace(key), key).toMatchObject({ adm1: v.adm1, lat: v.lat, lon: v.lon });
    }
    for (const c of scenario.corridors) {
      for (const w of [...(c.route_waypoints ?? []), ...(c.aid_route_waypoints ?? [])]) {
        expect(findPlace(w), w).toBeDefined();
      }
    }
  });

  it('resolves each alias group to one place', () => {
    for (const group of ALIAS_GROUPS) {
      const ids = new Set(group.map((n) => findPlace(n)?.id));
      expect([...ids], group.join(' / ')).toHaveLength(1);
      expect(ids.has(undefined), group.join(' / ')).toBe(false);
    }
  });

  it('ignores case, diacritics, apostrophe variants, stress marks and hyphens', () => {
    expect(findPlace('ZAPORIZHZHIA')?.id).toBe('zaporizhzhia');
    expect(findPlace('  kyïv ')?.id).toBe('kyiv');
    expect(findPlace('Kijów')?.id).toBe('kyiv');
    expect(findPlace('КИЇВ')?.id).toBe('kyiv');
    for (const a of ["'", '’', 'ʼ', '`', '´', 'ʹ']) {
      expect(findPlace(`Mariupol${a}`)?.id, a).toBe('mariupol');
      expect(findPlace(`Irpin${a}`)?.id, a).toBe('irpin');
    }
    expect(findPlace('Маріу́поль')?.id).toBe('mariupol');
    expect(findPlace('Rostov on Don')?.id).toBe('rostov-on-don');
    expect(findPlace('rostov-na-donu')?.id).toBe('rostov-on-don');
    expect(findPlace('Zaporizhzhia (Ukraine)')?.id).toBe('zaporizhzhia');
    expect(normalisePlaceName('Ірпінь')).not.toBe(normalisePlaceName('Ирпень'));
    expect(normalisePlaceName('Недригайлів')).toContain('й');
    expect(normalisePlaceName("Zaporozh'ye")).toBe('zaporozhye');
    expect(normalisePlaceName('Ivano–Frankivsk')).toBe('ivano frankivsk');
  });

  it('gives undefined for unknown names', () => {
    for (const n of ['', '   ', 'Atlantis', 'Lviv', 'Moscow', 'Kyivv', 'Mariupol Oblast', '()']) {
      expect(findPlace(n), n).toBeUndefined();
    }
  });

  it('has names in all three languages, Cyrillic in Cyrillic and English in Latin', () => {
    for (const p of PLACES) {
      for (const lang of LANGS) expect(p.names[lang].trim(), `${p.id} ${lang}`).not.toBe('');
      expect(p.names.uk, p.id).toMatch(CYRILLIC_NAME);
      expect(p.names.ru, p.id).toMatch(CYRILLIC_NAME);
      expect(p.names.en, p.id).toMatch(LATIN_NAME);
      // Letters that exist in only one of the two languages catch swapped names.
      expect(p.names.uk, p.id).not.toMatch(/[ыэёъ]/iu);
      expect(p.names.ru, p.id).not.toMatch(/[іїєґ]/iu);
    }
  });

  it('has unique kebab-case ids derived from the English name', () => {
    const ids = PLACES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PLACES) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.id).toBe(normalisePlaceName(p.names.en).replace(/ /g, '-'));
    }
  });

  it('has no spelling that points at two places', () => {
    const owner = new Map<string, string>();
    for (const p of PLACES) {
      for (const n of [p.id, p.names.uk, p.names.ru, p.names.en, ...p.aliases]) {
        const key = normalisePlaceName(n);
        expect(key, `${p.id}: "${n}"`).not.toBe('');
        const prev = owner.get(key);
        expect(prev === undefined || prev === p.id, `"${n}" is claimed by ${prev} and ${p.id}`).toBe(true);
        owner.set(key, p.id);
      }
    }
  });

  it('has plausible coordinates, country and adm1', () => {
    for (const p of PLACES) {
      // Bounding box of Ukraine and its neighbours' border regions.
      expect(p.lat, p.id).toBeGreaterThan(44);
      expect(p.lat, p.id).toBeLessThan(53);
      expect(p.lon, p.id).toBeGreaterThan(22);
      expect(p.lon, p.id).toBeLessThan(41);
      if (p.country === 'UA') expect(p.adm1, p.id).toMatch(/^UA\d\d$/);
      else expect(p.adm1, p.id).toBeNull();
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(PLACES)).toBe(true);
    expect(Object.isFrozen(PLACES[0])).toBe(true);
    expect(Object.isFrozen(PLACES[0]?.names)).toBe(true);
  });
});
