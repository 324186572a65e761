import type { PublicTexts, PublicTranslations } from '../domain/public-text.ts';

/**
 * What the public reads of each demo corridor, in Ukrainian, Russian and English, as a coordinator
 * would write it. Facts follow the scenario data set (src/demo/scenario/ukraine-2022-03.json);
 * where the exact street address of a gathering point is not known, the text describes the spot
 * instead of inventing a number.
 */

type Trio = Record<'uk' | 'ru' | 'en', string>;
type PointTrio = { name: Trio; address: Trio };

const BRING: Trio = {
  uk: 'Паспорт або інші документи, питна вода, ліки на кілька днів, теплий одяг, заряджений телефон і павербанк. Зброю, боєприпаси та алкоголь брати заборонено.',
  ru: 'Паспорт или другие документы, питьевая вода, лекарства на несколько дней, тёплая одежда, заряженный телефон и пауэрбанк. Оружие, боеприпасы и алкоголь брать запрещено.',
  en: 'Passport or other documents, drinking water, medicines for several days, warm clothes, a charged phone and a power bank. No weapons, ammunition or alcohol.',
};

const BRING_BY_CAR: Trio = {
  uk: `${BRING.uk} Повний бак пального; біла тканина на автомобілі й напис «ДІТИ» на склі, якщо в салоні є діти.`,
  ru: `${BRING.ru} Полный бак топлива; белая ткань на автомобиле и надпись «ДЕТИ» на стекле, если в салоне есть дети.`,
  en: `${BRING.en} A full tank of fuel; a white cloth on the car and a "CHILDREN" sign on the windows if children are aboard.`,
};

const ALL_CIVILIANS: Trio = { uk: 'Усі цивільні', ru: 'Все мирные жители', en: 'All civilians' };
const NONE: Trio = { uk: '', ru: '', en: '' };

const title = (uk: string, ru: string, en: string): Trio => ({ uk, ru, en });

function texts(t: { title: Trio; eligibility: Trio; conditions?: Trio; whatToBring?: Trio; points: PointTrio[] }): PublicTranslations {
  const one = (lang: keyof Trio): PublicTexts => ({
    title: t.title[lang],
    eligibility: t.eligibility[lang],
    conditions: (t.conditions ?? NONE)[lang],
    whatToBring: (t.whatToBring ?? BRING)[lang],
    gatheringPoints: t.points.map((p) => ({ name: p.name[lang], address: p.address[lang] })),
  });
  return { uk: one('uk'), ru: one('ru'), en: one('en') };
}

const DRAMA_THEATRE: PointTrio = {
  name: { uk: 'Площа біля Драматичного театру', ru: 'Площадь у Драматического театра', en: 'Drama Theatre square' },
  address: { uk: 'Театральна площа, центр міста', ru: 'Театральная площадь, центр города', en: 'Teatralna Square, city centre' },
};
const PORT_CITY: PointTrio = {
  name: { uk: 'ТРЦ «Порт Сіті»', ru: 'ТРЦ «Порт Сити»', en: 'Port City shopping centre' },
  address: { uk: 'Автостоянка біля торгового центру', ru: 'Автостоянка у торгового центра', en: 'Car park of the shopping centre' },
};
const CENTRAL_SQUARE: PointTrio = {
  name: { uk: 'Центральна площа', ru: 'Центральная площадь', en: 'Central square' },
  address: { uk: 'Центр міста', ru: 'Центр города', en: 'Town centre' },
};
const SUMY_UNIVERSITY: PointTrio = {
  name: { uk: 'Сумський державний університет', ru: 'Сумский государственный университет', en: 'Sumy State University' },
  address: { uk: 'вул. Римського-Корсакова, 2', ru: 'ул. Римского-Корсакова, 2', en: 'Rymskoho-Korsakova St 2' },
};
const ENERHODAR_COUNCIL: PointTrio = {
  name: { uk: 'Енергодарська міська рада', ru: 'Энергодарский городской совет', en: 'Enerhodar City Council' },
  address: { uk: 'Площа перед будівлею міської ради', ru: 'Площадь перед зданием горсовета', en: 'Square in front of the city council building' },
};

const MARIUPOL_TITLE = (uk: string, ru: string, en: string) =>
  title(`Маріуполь → Запоріжжя${uk}`, `Мариуполь → Запорожье${ru}`, `Mariupol → Zaporizhzhia${en}`);
const ENERHODAR_TITLE = title('Енергодар → Запоріжжя', 'Энергодар → Запорожье', 'Enerhodar → Zaporizhzhia');
const MARIUPOL_CIVILIANS: Trio = { uk: 'Усі цивільні мешканці Маріуполя', ru: 'Все мирные жители Мариуполя', en: 'All civilians of Mariupol' };

/** By scenario key; `live` and `pending` are the corridors the demo makes around the present. */
export const DEMO_PUBLIC_TEXTS: Readonly<Record<string, PublicTranslations>> = {
  'UA22-C01': texts({
    title: MARIUPOL_TITLE(': евакуація 5 березня', ': эвакуация 5 марта', ': evacuation, 5 March'),
    eligibility: MARIUPOL_CIVILIANS,
    conditions: {
      uk: 'Режим тиші з 09:00 за київським часом (10:00 за московським); автобуси відправляються з 11:00.',
      ru: 'Режим тишины с 09:00 по киевскому времени (10:00 по московскому); автобусы отправляются с 11:00.',
      en: 'Ceasefire from 09:00 Kyiv time (10:00 Moscow time); buses leave from 11:00.',
    },
    points: [DRAMA_THEATRE],
  }),
  'UA22-C02': texts({
    title: title('Волноваха → Покровськ', 'Волноваха → Покровск', 'Volnovakha → Pokrovsk'),
    eligibility: ALL_CIVILIANS,
    points: [CENTRAL_SQUARE],
  }),
  'UA22-C03': texts({
    title: MARIUPOL_TITLE(': евакуація 6 березня', ': эвакуация 6 марта', ': evacuation, 6 March'),
    eligibility: MARIUPOL_CIVILIANS,
    conditions: {
      uk: 'Режим тиші з 10:00 до 21:00 за київським часом; евакуація з 12:00.',
      ru: 'Режим тишины с 10:00 до 21:00 по киевскому времени; эвакуация с 12:00.',
      en: 'Ceasefire 10:00–21:00 Kyiv time; evacuation from 12:00.',
    },
    points: [DRAMA_THEATRE],
  }),
  'UA22-C04': texts({
    title: title('Київ → Гомель', 'Киев → Гомель', 'Kyiv → Gomel'),
    eligibility: ALL_CIVILIANS,
    points: [
      {
        name: { uk: 'Центральний залізничний вокзал', ru: 'Центральный железнодорожный вокзал', en: 'Kyiv central railway station' },
        address: { uk: 'Вокзальна площа, 1', ru: 'Вокзальная площадь, 1', en: 'Vokzalna Square 1' },
      },
    ],
  }),
  'UA22-C05': texts({
    title: title('Суми → Полтава', 'Сумы → Полтава', 'Sumy → Poltava'),
    eligibility: {
      uk: 'Усі охочі; першими — іноземні студенти',
      ru: 'Все желающие; первыми — иностранные студенты',
      en: 'Everyone; foreign students first',
    },
    conditions: {
      uk: 'Перша колона вирушає о 10:00; приватні автомобілі їдуть за автобусами. Гуманітарна допомога надходить тим самим маршрутом.',
      ru: 'Первая колонна отправляется в 10:00; частные автомобили следуют за автобусами. Гуманитарная помощь идёт тем же маршрутом.',
      en: 'The first column leaves at 10:00; private cars follow the buses. Aid comes in on the same route.',
    },
    points: [SUMY_UNIVERSITY],
  }),
  'UA22-C06': texts({
    title: ENERHODAR_TITLE,
    eligibility: {
      uk: 'Першими — жінки, діти та люди похилого віку',
      ru: 'В первую очередь — женщины, дети и пожилые люди',
      en: 'Women, children and elderly people first',
    },
    conditions: {
      uk: 'Ті самі автобуси привозять гуманітарну допомогу й вивозять цивільних.',
      ru: 'Те же автобусы привозят гуманитарную помощь и вывозят мирных жителей.',
      en: 'The same buses bring aid in and take civilians out.',
    },
    points: [ENERHODAR_COUNCIL],
  }),
  'UA22-C07': texts({
    title: title('Ізюм → Лозова', 'Изюм → Лозовая', 'Izium → Lozova'),
    eligibility: ALL_CIVILIANS,
    points: [CENTRAL_SQUARE],
  }),
  'UA22-C08': texts({
    title: title('Буча, Ворзель, Ірпінь → Київ', 'Буча, Ворзель, Ирпень → Киев', 'Bucha, Vorzel, Irpin → Kyiv'),
    eligibility: {
      uk: 'Першими — жінки й діти (автобуси з Бучі); з Ірпеня та Ворзеля — усі охочі',
      ru: 'В первую очередь — женщины и дети (автобусы из Бучи); из Ирпеня и Ворзеля — все желающие',
      en: 'Women and children first (Bucha buses); everyone from Irpin and Vorzel',
    },
    points: [
      {
        name: { uk: 'Бучанська міська рада (автобуси 10:40–11:00, жінки й діти)', ru: 'Бучанский городской совет (автобусы 10:40–11:00, женщины и дети)', en: 'Bucha city council (buses 10:40–11:00, women and children)' },
        address: { uk: 'Біля будівлі міської ради', ru: 'У здания городского совета', en: 'Outside the city council building' },
      },
      {
        name: { uk: 'Ворзель', ru: 'Ворзель', en: 'Vorzel' },
        address: { uk: 'вул. Курортна, 25', ru: 'ул. Курортная, 25', en: 'Kurortna St 25' },
      },
      {
        name: { uk: 'Ірпінь, Романівка', ru: 'Ирпень, Романовка', en: 'Irpin, Romanivka' },
        address: { uk: 'Біля Романівського мосту', ru: 'У Романовского моста', en: 'By the Romanivka bridge' },
      },
    ],
  }),
  'UA22-C09': texts({
    title: MARIUPOL_TITLE(': власним авто, 14 березня', ': на личных авто, 14 марта', ': by private car, 14 March'),
    eligibility: { uk: 'Цивільні на власних автомобілях', ru: 'Мирные жители на собственных автомобилях', en: 'Civilians in their own cars' },
    conditions: {
      uk: 'Пункт прийому в Запоріжжі: вул. Рекордна, 41 (цирк).',
      ru: 'Пункт приёма в Запорожье: ул. Рекордная, 41 (цирк).',
      en: 'Reception point in Zaporizhzhia: 41 Rekordna St (circus).',
    },
    whatToBring: BRING_BY_CAR,
    points: [PORT_CITY],
  }),
  'UA22-C10': texts({
    title: title('Суми → Лубни', 'Сумы → Лубны', 'Sumy → Lubny'),
    eligibility: ALL_CIVILIANS,
    conditions: {
      uk: 'Колони супроводжують МКЧХ і Товариство Червоного Хреста України.',
      ru: 'Колонны сопровождают МККК и Общество Красного Креста Украины.',
      en: 'The ICRC and the Ukrainian Red Cross accompany the convoys.',
    },
    points: [SUMY_UNIVERSITY],
  }),
  live: texts({
    title: ENERHODAR_TITLE,
    eligibility: {
      uk: 'Першими — жінки, діти, люди похилого віку та люди з інвалідністю',
      ru: 'В первую очередь — женщины, дети, пожилые люди и люди с инвалидностью',
      en: 'Women, children, elderly people and people with disabilities first',
    },
    conditions: {
      uk: 'Автобуси відправляються від міської ради щогодини; на приватних автомобілях — біла тканина.',
      ru: 'Автобусы отправляются от горсовета каждый час; на частных автомобилях — белая ткань.',
      en: 'Buses leave from the city council every hour; private cars carry a white cloth.',
    },
    points: [ENERHODAR_COUNCIL],
  }),
  pending: texts({
    title: MARIUPOL_TITLE('', '', ''),
    eligibility: ALL_CIVILIANS,
    points: [PORT_CITY],
  }),
};

export function demoPublicText(key: string): PublicTranslations {
  const found = DEMO_PUBLIC_TEXTS[key];
  if (!found) throw new Error(`no public text for demo corridor ${key}`);
  return found;
}
