import type { Lang } from '../domain/gazetteer.ts';

/**
 * The public page's own words in each public language. Status sentences are not here: they come
 * from `domain/notice-words.ts`, the one table every surface words a corridor's status from.
 */
export interface PageWords {
  locale: string;
  langName: string;
  siteName: string;
  title: string;
  skip: string;
  intro: string;
  safety: string;
  listHeading: string;
  empty: string;
  /** `{{time}}`: "09:40 Kyiv time (UTC+2)". */
  asOf: string;
  /** Shown by the script on a cached copy: `{{time}}` as above, `{{age}}` "2 h" / "15 min". */
  stale: string;
  hours: string;
  minutes: string;
  route: string;
  /** The route map's text alternative, before the route's name. */
  map: string;
  window: string;
  eligibility: string;
  traffic: string;
  whatToBring: string;
  conditions: string;
  gatheringPoints: string;
  noGatheringPoints: string;
  doNotGoThere: string;
  announcement: string;
  languages: string;
  tracing: string;
  /** The footer's link to /<lang>/verify, the evidence bundle check. */
  verify: string;
  staff: string;
  zoneKyiv: string;
  zoneMoscow: string;
  /** `{{when}}` in the zone, `{{zone}}` its name, `{{offset}}` "UTC+2". */
  inZone: string;
  alsoInZone: string;
  trafficKinds: Readonly<Record<string, string>>;
}

export const PAGE_WORDS: Readonly<Record<Lang, PageWords>> = {
  uk: {
    locale: 'uk-UA',
    langName: 'Українська',
    siteName: 'Безпечний прохід',
    title: 'Безпечний прохід — гуманітарні коридори в Україні',
    skip: 'Перейти до змісту',
    intro: 'Гуманітарні коридори, погоджені сторонами через нейтрального посередника: який відкритий, коли і де збиратися.',
    safety: 'Ідіть лише до вказаних тут пунктів збору і лише у визначений час. Відкритий коридор не гарантує безпеки.',
    listHeading: 'Коридори',
    empty: 'Наразі жоден коридор не погоджено. Не рухайтеся через чутки: перевіряйте тут знову.',
    asOf: 'Станом на {{time}}',
    stale: 'Станом на {{time}}, {{age}} тому — інформація може бути застарілою.',
    hours: '{{n}} год',
    minutes: '{{n}} хв',
    route: 'Маршрут',
    map: 'Карта маршруту',
    window: 'Час',
    eligibility: 'Хто може виїхати',
    traffic: 'Дозволений рух',
    whatToBring: 'Що взяти з собою',
    conditions: 'Умови',
    gatheringPoints: 'Пункти збору',
    noGatheringPoints: 'Пункти збору ще не оголошено.',
    doNotGoThere: 'Не йдіть сюди зараз',
    announcement: 'Останнє оголошення',
    languages: 'Мова',
    tracing: 'Шукаєте рідних? Запитайте тут.',
    verify: 'Перевірити пакет доказів коридору',
    staff: 'Вхід для персоналу',
    zoneKyiv: 'за київським часом',
    zoneMoscow: 'за московським часом',
    inZone: '{{when}} {{zone}} ({{offset}})',
    alsoInZone: 'Це {{when}} {{zone}} ({{offset}})',
    trafficKinds: { pedestrian: 'пішки', private_car: 'приватні автомобілі', bus: 'автобуси', truck: 'вантажівки' },
  },
  ru: {
    locale: 'ru-RU',
    langName: 'Русский',
    siteName: 'Безопасный проход',
    title: 'Безопасный проход — гуманитарные коридоры в Украине',
    skip: 'Перейти к содержанию',
    intro: 'Гуманитарные коридоры, согласованные сторонами через нейтрального посредника: какой открыт, когда и где собираться.',
    safety: 'Идите только к указанным здесь пунктам сбора и только в назначенное время. Открытый коридор не гарантирует безопасности.',
    listHeading: 'Коридоры',
    empty: 'Сейчас ни один коридор не согласован. Не выдвигайтесь из-за слухов: проверяйте здесь снова.',
    asOf: 'По состоянию на {{time}}',
    stale: 'По состоянию на {{time}}, {{age}} назад — информация может быть устаревшей.',
    hours: '{{n}} ч',
    minutes: '{{n}} мин',
    route: 'Маршрут',
    map: 'Карта маршрута',
    window: 'Время',
    eligibility: 'Кто может выехать',
    traffic: 'Разрешённое движение',
    whatToBring: 'Что взять с собой',
    conditions: 'Условия',
    gatheringPoints: 'Пункты сбора',
    noGatheringPoints: 'Пункты сбора ещё не объявлены.',
    doNotGoThere: 'Не идите сюда сейчас',
    announcement: 'Последнее объявление',
    languages: 'Язык',
    tracing: 'Ищете родных? Спросите здесь.',
    verify: 'Проверить пакет доказательств коридора',
    staff: 'Вход для персонала',
    zoneKyiv: 'по киевскому времени',
    zoneMoscow: 'по московскому времени',
    inZone: '{{when}} {{zone}} ({{offset}})',
    alsoInZone: 'Это {{when}} {{zone}} ({{offset}})',
    trafficKinds: { pedestrian: 'пешком', private_car: 'личные автомобили', bus: 'автобусы', truck: 'грузовики' },
  },
  en: {
    locale: 'en-GB',
    langName: 'English',
    siteName: 'Safe Passage',
    title: 'Safe Passage — humanitarian corridors in Ukraine',
    skip: 'Skip to content',
    intro: 'Humanitarian corridors agreed by the parties through a neutral mediator: which one is open, when, and where to gather.',
    safety: 'Go only to the gathering points listed here, and only during the window. An open corridor is not a guarantee of safety.',
    listHeading: 'Corridors',
    empty: 'No corridor is agreed at the moment. Do not move on rumours: check here again.',
    asOf: 'As of {{time}}',
    stale: 'As of {{time}}, {{age}} ago — this may be out of date.',
    hours: '{{n}} h',
    minutes: '{{n}} min',
    route: 'Route',
    map: 'Route map',
    window: 'Time',
    eligibility: 'Who may leave',
    traffic: 'Traffic allowed',
    whatToBring: 'What to bring',
    conditions: 'Conditions',
    gatheringPoints: 'Gathering points',
    noGatheringPoints: 'No gathering points announced yet.',
    doNotGoThere: 'Do not go here now',
    announcement: 'Latest announcement',
    languages: 'Language',
    tracing: 'Looking for a family member? Ask here.',
    verify: "Check a corridor's evidence bundle",
    staff: 'Staff sign-in',
    zoneKyiv: 'Kyiv time',
    zoneMoscow: 'Moscow time',
    inZone: '{{when}} {{zone}} ({{offset}})',
    alsoInZone: 'That is {{when}} {{zone}} ({{offset}})',
    trafficKinds: { pedestrian: 'on foot', private_car: 'private cars', bus: 'buses', truck: 'trucks' },
  },
};

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => values[key] ?? '');
}
