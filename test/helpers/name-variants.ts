import cyrillicToTranslit from 'cyrillic-to-translit-js';

/**
 * Test-side spellings of Cyrillic names, written independently of the engine's decoders
 * (src/domain/names/latin-conventions.ts) so that round-trip tests check the engine against
 * separate tables, not against itself. Also a generator of labelled pairs from names that are
 * *not* in the development file, to see whether the matcher's rules carry over to other names.
 */

export type Language = 'uk' | 'ru';

export type Convention = 'kmu2010' | 'passport2007' | 'bgn' | 'icao' | 'iso9' | 'german' | 'polish' | 'czech' | 'french';

export const CONVENTIONS: readonly Convention[] = [
  'kmu2010', 'passport2007', 'bgn', 'icao', 'iso9', 'german', 'polish', 'czech', 'french',
];

const VOWELS = new Set([...'аеєиіїоуюяыэё']);
const KMU = cyrillicToTranslit({ preset: 'uk' });

interface Context {
  initial: boolean;
  afterVowel: boolean;
  beforeVowel: boolean;
  next: string | undefined;
  language: Language;
}

type Rule = string | ((c: Context) => string);
type Table = Readonly<Record<string, Rule>>;

const SHARED: Table = {
  а: 'a', б: 'b', д: 'd', з: 'z', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's',
  т: 't', у: 'u', ф: 'f', ь: '', ъ: '',
};

const TABLES: Readonly<Record<Exclude<Convention, 'kmu2010'>, Table>> = {
  passport2007: {
    ...SHARED, в: 'v', г: 'g', ґ: 'g', е: 'e', є: (c) => (c.initial ? 'ye' : 'ie'), ж: 'zh', и: 'y', і: 'i',
    ї: (c) => (c.initial ? 'yi' : 'i'), й: (c) => (c.initial ? 'y' : 'i'), х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
    щ: 'shch', ю: (c) => (c.initial ? 'yu' : 'iu'), я: (c) => (c.initial ? 'ya' : 'ia'),
  },
  bgn: {
    ...SHARED, в: 'v', г: 'g', е: (c) => (c.initial || c.afterVowel ? 'ye' : 'e'), ё: 'yo', ж: 'zh', и: 'i',
    й: 'y', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ы: 'y', э: 'e', ю: 'yu', я: 'ya',
    і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
  },
  icao: {
    ...SHARED, в: 'v', г: (c) => (c.language === 'uk' ? 'h' : 'g'), ґ: 'g', е: 'e', ё: 'e', є: 'ie', ж: 'zh',
    и: (c) => (c.language === 'uk' ? 'y' : 'i'), і: 'i', ї: 'i', й: 'i', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
    щ: 'shch', ъ: 'ie', ы: 'y', э: 'e', ю: 'iu', я: 'ia',
  },
  iso9: {
    ...SHARED, в: 'v', г: 'g', ґ: 'g̀', е: 'e', ё: 'ë', є: 'ê', ж: 'ž', и: 'i', і: 'ì', ї: 'ï', й: 'j', х: 'h',
    ц: 'c', ч: 'č', ш: 'š', щ: 'ŝ', ы: 'y', э: 'è', ю: 'û', я: 'â', ь: 'ʹ',
  },
  german: {
    ...SHARED, в: 'w', г: (c) => (c.language === 'uk' ? 'h' : 'g'), ґ: 'g',
    е: (c) => (c.language === 'ru' && (c.initial || c.afterVowel) ? 'je' : 'e'), ё: 'jo', є: 'je', ж: 'sch',
    з: 's', и: (c) => (c.language === 'uk' ? 'y' : 'i'), і: 'i', ї: 'ji', й: 'j', х: 'ch', ц: 'z', ч: 'tsch',
    ш: 'sch', щ: 'schtsch', ы: 'y', э: 'e', ю: 'ju', я: 'ja', с: (c) => (c.afterVowel && c.beforeVowel ? 'ss' : 's'),
  },
  polish: {
    ...SHARED, в: 'w', г: (c) => (c.language === 'uk' ? 'h' : 'g'), ґ: 'g',
    е: (c) => (c.initial || c.afterVowel ? 'je' : c.language === 'ru' ? 'ie' : 'e'), ё: 'io', є: 'je', ж: 'ż',
    и: (c) => (c.language === 'uk' ? 'y' : 'i'), і: 'i', ї: 'ji', й: 'j',
    л: (c) => (c.next !== undefined && 'іиеєяюь'.includes(c.next) ? 'l' : 'ł'), х: 'ch', ц: 'c', ч: 'cz', ш: 'sz',
    щ: 'szcz', ы: 'y', э: 'e', ю: (c) => (c.initial || c.afterVowel ? 'ju' : 'iu'), я: (c) => (c.initial || c.afterVowel ? 'ja' : 'ia'),
  },
  czech: {
    ...SHARED, в: 'v', г: (c) => (c.language === 'uk' ? 'h' : 'g'), ґ: 'g', е: (c) => (c.initial ? 'je' : 'e'),
    ё: 'jo', є: 'je', ж: 'ž', и: (c) => (c.language === 'uk' ? 'y' : 'i'), і: 'i', ї: 'ji', й: 'j', х: 'ch',
    ц: 'c', ч: 'č', ш: 'š', щ: 'šč', ы: 'y', э: 'e', ю: 'ju', я: 'ja',
  },
  french: {
    ...SHARED, в: 'v', г: (c) => (c.language === 'uk' ? 'h' : c.next !== undefined && 'еиіэ'.includes(c.next) ? 'gu' : 'g'),
    ґ: 'g', е: (c) => (c.initial ? 'ie' : c.afterVowel ? 'ie' : 'e'), ё: 'io', є: 'ie', ж: 'j', и: 'i', і: 'i',
    ї: 'ï', й: (c) => (c.afterVowel ? 'ï' : 'i'), х: 'kh', ц: 'ts', ч: 'tch', ш: 'ch', щ: 'chtch', ы: 'y', э: 'e',
    у: 'ou', ю: 'iou', я: 'ia', с: (c) => (c.afterVowel && c.beforeVowel ? 'ss' : 's'),
  },
};

/** One lower-case Cyrillic word in a convention, lower case. */
export function transliterateWord(word: string, convention: Convention, language: Language): string {
  const text = word.toLowerCase().replace(/['’ʼ]/g, '');
  if (convention === 'kmu2010') return KMU.transform(text).toLowerCase();
  const table = TABLES[convention];
  const letters = [...text];
  let out = '';
  letters.forEach((letter, i) => {
    const prev = letters[i - 1];
    const next = letters[i + 1];
    const rule = table[letter];
    const context: Context = {
      initial: i === 0,
      afterVowel: prev !== undefined && (VOWELS.has(prev) || prev === 'ь' || prev === 'ъ'),
      beforeVowel: next !== undefined && VOWELS.has(next),
      next,
      language,
    };
    out += rule === undefined ? letter : typeof rule === 'string' ? rule : rule(context);
  });
  return out;
}

/** A Cyrillic full name (words separated by spaces) in a convention, capitalised. */
export function transliterateName(name: string, convention: Convention, language: Language): string {
  return name
    .split(/\s+/)
    .map((w) => capitalise(transliterateWord(w, convention, language)))
    .join(' ');
}

export function capitalise(word: string): string {
  const [first = '', ...rest] = [...word];
  return first.toUpperCase() + rest.join('');
}

/** Deterministic pseudo-random numbers (mulberry32), so generated sets are the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Typo = 'delete' | 'duplicate' | 'transpose';

/** One typing slip in a word at a position after the first letter. */
export function withTypo(word: string, kind: Typo, random: () => number): string {
  const letters = [...word];
  if (letters.length < 4) return word;
  const at = 1 + Math.floor(random() * (letters.length - 2));
  if (kind === 'delete') letters.splice(at, 1);
  else if (kind === 'duplicate') letters.splice(at, 0, letters[at] ?? '');
  else [letters[at], letters[at + 1]] = [letters[at + 1] ?? '', letters[at] ?? ''];
  return letters.join('');
}

/**
 * Names *not* used in the development pairs: given names as [Ukrainian, Russian, sex], surnames as
 * [Ukrainian masculine, Russian masculine, Ukrainian feminine, Russian feminine] (the same form
 * when a surname does not inflect).
 */
export const OTHER_GIVEN_NAMES: ReadonlyArray<readonly [string, string, 'm' | 'f']> = [
  ['Тарас', 'Тарас', 'm'], ['Богдан', 'Богдан', 'm'], ['Петро', 'Пётр', 'm'], ['Василь', 'Василий', 'm'],
  ['Григорій', 'Григорий', 'm'], ['Костянтин', 'Константин', 'm'], ['Юрій', 'Юрий', 'm'], ['Степан', 'Степан', 'm'],
  ['Павло', 'Павел', 'm'], ['Роман', 'Роман', 'm'], ['Ярослав', 'Ярослав', 'm'], ['Максим', 'Максим', 'm'],
  ['Денис', 'Денис', 'm'], ['Іван', 'Иван', 'm'], ['Олексій', 'Алексей', 'm'], ['Федір', 'Фёдор', 'm'],
  ['Кирило', 'Кирилл', 'm'], ['Анатолій', 'Анатолий', 'm'], ['Валентин', 'Валентин', 'm'], ['Леонід', 'Леонид', 'm'],
  ['Галина', 'Галина', 'f'], ['Людмила', 'Людмила', 'f'], ['Марія', 'Мария', 'f'], ['Вікторія', 'Виктория', 'f'],
  ['Тетяна', 'Татьяна', 'f'], ['Лариса', 'Лариса', 'f'], ['Валентина', 'Валентина', 'f'], ['Ольга', 'Ольга', 'f'],
  ['Софія', 'София', 'f'], ['Анастасія', 'Анастасия', 'f'], ['Дарія', 'Дарья', 'f'], ['Віра', 'Вера', 'f'],
  ['Любов', 'Любовь', 'f'], ['Ніна', 'Нина', 'f'], ['Поліна', 'Полина', 'f'], ['Христина', 'Кристина', 'f'],
  ['Уляна', 'Ульяна', 'f'], ['Валерія', 'Валерия', 'f'], ['Євгенія', 'Евгения', 'f'], ['Мирослава', 'Мирослава', 'f'],
];

export const OTHER_SURNAMES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Мельник', 'Мельник', 'Мельник', 'Мельник'], ['Ковальчук', 'Ковальчук', 'Ковальчук', 'Ковальчук'],
  ['Марченко', 'Марченко', 'Марченко', 'Марченко'], ['Руденко', 'Руденко', 'Руденко', 'Руденко'],
  ['Савченко', 'Савченко', 'Савченко', 'Савченко'], ['Петренко', 'Петренко', 'Петренко', 'Петренко'],
  ['Мороз', 'Мороз', 'Мороз', 'Мороз'], ['Кравець', 'Кравец', 'Кравець', 'Кравец'],
  ['Павленко', 'Павленко', 'Павленко', 'Павленко'], ['Клименко', 'Клименко', 'Клименко', 'Клименко'],
  ['Гончаренко', 'Гончаренко', 'Гончаренко', 'Гончаренко'], ['Литвиненко', 'Литвиненко', 'Литвиненко', 'Литвиненко'],
  ['Кузьменко', 'Кузьменко', 'Кузьменко', 'Кузьменко'], ['Сидоренко', 'Сидоренко', 'Сидоренко', 'Сидоренко'],
  ['Пономаренко', 'Пономаренко', 'Пономаренко', 'Пономаренко'], ['Гаврилюк', 'Гаврилюк', 'Гаврилюк', 'Гаврилюк'],
  ['Швець', 'Швец', 'Швець', 'Швец'], ['Кушнір', 'Кушнир', 'Кушнір', 'Кушнир'], ['Мазур', 'Мазур', 'Мазур', 'Мазур'],
  ['Яковенко', 'Яковенко', 'Яковенко', 'Яковенко'], ['Білоус', 'Белоус', 'Білоус', 'Белоус'],
  ['Тимошенко', 'Тимошенко', 'Тимошенко', 'Тимошенко'], ['Козак', 'Козак', 'Козак', 'Козак'],
  ['Мартинюк', 'Мартынюк', 'Мартинюк', 'Мартынюк'], ['Соколов', 'Соколов', 'Соколова', 'Соколова'],
  ['Попов', 'Попов', 'Попова', 'Попова'], ['Волков', 'Волков', 'Волкова', 'Волкова'],
  ['Морозов', 'Морозов', 'Морозова', 'Морозова'], ['Павлов', 'Павлов', 'Павлова', 'Павлова'],
  ['Федоров', 'Фёдоров', 'Федорова', 'Фёдорова'], ['Ковальов', 'Ковалёв', 'Ковальова', 'Ковалёва'],
  ['Воробйов', 'Воробьёв', 'Воробйова', 'Воробьёва'], ['Бєлов', 'Белов', 'Бєлова', 'Белова'],
  ['Гнатюк', 'Гнатюк', 'Гнатюк', 'Гнатюк'], ['Остапчук', 'Остапчук', 'Остапчук', 'Остапчук'],
  ['Савчук', 'Савчук', 'Савчук', 'Савчук'], ['Мельничук', 'Мельничук', 'Мельничук', 'Мельничук'],
  ['Петрук', 'Петрук', 'Петрук', 'Петрук'], ['Левченко', 'Левченко', 'Левченко', 'Левченко'],
  ['Олексієнко', 'Алексеенко', 'Олексієнко', 'Алексеенко'], ['Дорошенко', 'Дорошенко', 'Дорошенко', 'Дорошенко'],
  ['Герасименко', 'Герасименко', 'Герасименко', 'Герасименко'], ['Бондар', 'Бондарь', 'Бондар', 'Бондарь'],
  ['Коваль', 'Коваль', 'Коваль', 'Коваль'], ['Сергієнко', 'Сергиенко', 'Сергієнко', 'Сергиенко'],
  ['Григоренко', 'Григоренко', 'Григоренко', 'Григоренко'], ['Чорний', 'Черный', 'Чорна', 'Черная'],
  ['Вишневський', 'Вишневский', 'Вишневська', 'Вишневская'], ['Ковальський', 'Ковальский', 'Ковальська', 'Ковальская'],
  ['Голуб', 'Голубь', 'Голуб', 'Голубь'], ['Гуменюк', 'Гуменюк', 'Гуменюк', 'Гуменюк'],
  ['Прокопенко', 'Прокопенко', 'Прокопенко', 'Прокопенко'], ['Нестеренко', 'Нестеренко', 'Нестеренко', 'Нестеренко'],
  ['Шаповал', 'Шаповал', 'Шаповал', 'Шаповал'], ['Грищенко', 'Грищенко', 'Грищенко', 'Грищенко'],
  ['Іщенко', 'Ищенко', 'Іщенко', 'Ищенко'], ['Щербина', 'Щербина', 'Щербина', 'Щербина'],
  ['Захарчук', 'Захарчук', 'Захарчук', 'Захарчук'], ['Марчук', 'Марчук', 'Марчук', 'Марчук'],
  ['Бондарчук', 'Бондарчук', 'Бондарчук', 'Бондарчук'], ['Павлюк', 'Павлюк', 'Павлюк', 'Павлюк'],
  ['Гавриленко', 'Гавриленко', 'Гавриленко', 'Гавриленко'], ['Остапенко', 'Остапенко', 'Остапенко', 'Остапенко'],
  ['Федорчук', 'Федорчук', 'Федорчук', 'Федорчук'], ['Левчук', 'Левчук', 'Левчук', 'Левчук'],
  ['Петров', 'Петров', 'Петрова', 'Петрова'], ['Морозенко', 'Морозенко', 'Морозенко', 'Морозенко'],
];

/** Groups of surnames on one stem with different suffixes: look-alikes that are different families. */
export const OTHER_LOOKALIKES: ReadonlyArray<readonly string[]> = [
  ['Мельник', 'Мельничук'], ['Коваль', 'Ковальчук', 'Ковальов'], ['Бондар', 'Бондарчук'],
  ['Петренко', 'Петрук', 'Петров'], ['Савченко', 'Савчук'], ['Павленко', 'Павлов', 'Павлюк'],
  ['Марченко', 'Марчук'], ['Мороз', 'Морозов', 'Морозенко'], ['Гаврилюк', 'Гавриленко'],
  ['Остапчук', 'Остапенко'], ['Федоров', 'Федорчук'], ['Левченко', 'Левчук'],
];

/** Masculine and feminine forms of given names for "gender-form" pairs. */
export const GENDER_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['Олександр', 'Олександра'], ['Євген', 'Євгенія'], ['Валентин', 'Валентина'], ['Ярослав', 'Ярослава'],
  ['Богдан', 'Богдана'], ['Станіслав', 'Станіслава'], ['Владислав', 'Владислава'], ['Руслан', 'Руслана'],
];

export interface LabelledPair {
  a: string;
  b: string;
  same: boolean;
  kind: 'same' | 'same-given' | 'same-surname' | 'lookalike-surname' | 'gender-form' | 'different';
}

interface Person {
  given: readonly [string, string, 'm' | 'f'];
  surname: readonly [string, string, string, string];
  father: readonly [string, string];
}

/** Fathers' names whose patronymic is the name plus the suffix in both languages. */
const FATHERS: ReadonlyArray<readonly [string, string]> = [
  ['Тарас', 'Тарас'], ['Богдан', 'Богдан'], ['Роман', 'Роман'], ['Іван', 'Иван'], ['Степан', 'Степан'],
  ['Максим', 'Максим'], ['Денис', 'Денис'], ['Валентин', 'Валентин'], ['Ярослав', 'Ярослав'], ['Леонід', 'Леонид'],
];

const PATRONYMIC: Readonly<Record<Language, { m: string; f: string }>> = {
  uk: { m: 'ович', f: 'івна' },
  ru: { m: 'ович', f: 'овна' },
};

function patronymicOf(father: string, sex: 'm' | 'f', language: Language): string {
  return father + PATRONYMIC[language][sex];
}

/**
 * One written form of a person: Cyrillic (Ukrainian or Russian forms) or a Latin convention, in
 * "Given Family", "Family Given" or passport "FAMILY GIVEN" order, maybe with a patronymic, maybe
 * with a typo in one word.
 */
export function renderPerson(person: Person, random: () => number, typos = true): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const language: Language = random() < 0.5 ? 'uk' : 'ru';
  const sex = person.given[2];
  const given = language === 'uk' ? person.given[0] : person.given[1];
  const surname = sex === 'm' ? (language === 'uk' ? person.surname[0] : person.surname[1]) : language === 'uk' ? person.surname[2] : person.surname[3];
  const fatherName = language === 'uk' ? person.father[0] : person.father[1];
  const withPatronymic = random() < 0.3;
  const script = random();
  let words = [given, surname];
  if (withPatronymic) words = [given, patronymicOf(fatherName, sex, language), surname];
  let rendered: string[];
  if (script < 0.35) {
    rendered = words.map((w) => w.toLowerCase()).map(capitalise);
  } else {
    // KMU 2010 and the 2007 passport table are Ukrainian; BGN/PCGN is for Russian.
    const usable = CONVENTIONS.filter((c) => (language === 'uk' ? c !== 'bgn' : c !== 'kmu2010' && c !== 'passport2007'));
    const convention = pick(usable);
    rendered = words.map((w) => capitalise(transliterateWord(w, convention, language)));
  }
  if (random() < 0.3 && typos) {
    const at = Math.floor(random() * rendered.length);
    const word = rendered[at] ?? '';
    rendered[at] = withTypo(word, pick(['delete', 'duplicate', 'transpose'] as const), random);
  }
  const order = random();
  if (order < 0.2) {
    const [g, ...rest] = rendered;
    return [rest[rest.length - 1] ?? '', g ?? ''].map((w) => w.toUpperCase()).join(' ');
  }
  if (order < 0.45) {
    const last = rendered.pop() ?? '';
    rendered.unshift(last);
  }
  return rendered.join(' ');
}

/** A labelled set of pairs from OTHER_* names, in the proportions of the development file. */
export function otherNamePairs(count: number, seed = 20240301): LabelledPair[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const person = (sex?: 'm' | 'f'): Person => {
    const given = pick(sex === undefined ? OTHER_GIVEN_NAMES : OTHER_GIVEN_NAMES.filter((g) => g[2] === sex));
    return { given, surname: pick(OTHER_SURNAMES), father: pick(FATHERS) };
  };
  const surnameByName = (name: string): readonly [string, string, string, string] =>
    OTHER_SURNAMES.find((s) => s[0] === name) ?? (OTHER_SURNAMES[0] as readonly [string, string, string, string]);
  const pairs: LabelledPair[] = [];
  while (pairs.length < count) {
    const roll = random();
    if (roll < 0.4) {
      const p = person();
      pairs.push({ a: renderPerson(p, random), b: renderPerson(p, random), same: true, kind: 'same' });
    } else if (roll < 0.58) {
      const p = person();
      let q = person(p.given[2]);
      q = { ...q, given: p.given };
      if (q.surname[0] === p.surname[0]) continue;
      pairs.push({ a: renderPerson(p, random), b: renderPerson(q, random), same: false, kind: 'same-given' });
    } else if (roll < 0.8) {
      const p = person();
      const q = { ...person(p.given[2]), surname: p.surname };
      if (q.given[0] === p.given[0]) continue;
      pairs.push({ a: renderPerson(p, random), b: renderPerson(q, random), same: false, kind: 'same-surname' });
    } else if (roll < 0.88) {
      const group = pick(OTHER_LOOKALIKES);
      const [x, y] = [pick(group), pick(group)];
      if (x === y) continue;
      const p = { ...person(), surname: surnameByName(x) };
      const q = { ...person(p.given[2]), given: random() < 0.5 ? p.given : person(p.given[2]).given, surname: surnameByName(y) };
      pairs.push({ a: renderPerson(p, random), b: renderPerson(q, random), same: false, kind: 'lookalike-surname' });
    } else if (roll < 0.9) {
      const [m, f] = pick(GENDER_PAIRS);
      const surname = pick(OTHER_SURNAMES);
      const p: Person = { given: [m, m, 'm'], surname, father: pick(FATHERS) };
      const q: Person = { given: [f, f, 'f'], surname, father: pick(FATHERS) };
      pairs.push({ a: renderPerson(p, random), b: renderPerson(q, random), same: false, kind: 'gender-form' });
    } else {
      const p = person();
      const q = person();
      if (p.given[0] === q.given[0] || p.surname[0] === q.surname[0]) continue;
      pairs.push({ a: renderPerson(p, random), b: renderPerson(q, random), same: false, kind: 'different' });
    }
  }
  return pairs;
}
