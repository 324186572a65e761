import { capitalise, OTHER_GIVEN_NAMES, OTHER_SURNAMES, seededRandom, transliterateName, type Language } from './name-variants.ts';

export interface FieldPair {
  a: string;
  b: string;
  same: boolean;
  kind: 'same' | 'sibling' | 'patronymic-differs' | 'diminutive-other' | 'same-family';
}

/**
 * Labelled pairs in the conventions of names as they really arrive (issue 13), generated from the
 * *other* names of name-variants.ts (none of them in the field development file): familiar forms,
 * family-first documents with patronymics, passport MRZ lines, Latin look-alike letters, text
 * typed on the wrong keyboard layout, stray spaces and case, typos on neighbouring keys; and the
 * hard negatives: siblings, namesakes with another patronymic, a familiar form of another name.
 * Written apart from the engine (its own layout map, its own familiar forms) so that the bench
 * measures the engine against something it was not built from.
 */

/** Familiar forms of the other given names, as people use them (index as OTHER_GIVEN_NAMES). */
const FAMILIAR: Readonly<Record<string, readonly string[]>> = {
  Тарас: ['Тарасик'], Богдан: ['Бодя', 'Богданчик'], Петро: ['Петя', 'Петрик', 'Петрусь'], Василь: ['Вася', 'Василько'],
  Григорій: ['Гриша', 'Грицько'], Костянтин: ['Костя', 'Костик'], Юрій: ['Юра', 'Юрко'], Степан: ['Стьопа', 'Степанко'],
  Павло: ['Паша', 'Павлик'], Роман: ['Рома', 'Ромчик'], Ярослав: ['Ярик', 'Слава'], Максим: ['Макс', 'Максимко'],
  Денис: ['Дениско'], Іван: ['Ваня', 'Івасик'], Олексій: ['Льоша', 'Альоша'], Федір: ['Федя', 'Федько'],
  Кирило: ['Кирюша'], Анатолій: ['Толя', 'Толик'], Валентин: ['Валік'], Леонід: ['Льоня'],
  Галина: ['Галя', 'Галинка'], Людмила: ['Люда', 'Люся'], Марія: ['Маша', 'Марійка', 'Маруся'], Вікторія: ['Віка'],
  Тетяна: ['Таня', 'Танюша'], Лариса: ['Лара'], Валентина: ['Валюша'], Ольга: ['Оля', 'Олечка'],
  Софія: ['Соня', 'Софійка'], Анастасія: ['Настя', 'Настуся'], Дарія: ['Даша', 'Дарка'], Віра: ['Вірочка'],
  Любов: ['Люба'], Ніна: ['Ніночка'], Поліна: ['Поля'], Христина: ['Христя'],
  Уляна: ['Уля'], Валерія: ['Лера'], Євгенія: ['Женя'], Мирослава: ['Мирося'],
};

/** Patronymic of a father's Ukrainian name: [son, daughter] in Ukrainian and in Russian. */
const PATRONYMICS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Іванович', 'Іванівна', 'Иванович', 'Ивановна'], ['Петрович', 'Петрівна', 'Петрович', 'Петровна'],
  ['Миколайович', 'Миколаївна', 'Николаевич', 'Николаевна'], ['Сергійович', 'Сергіївна', 'Сергеевич', 'Сергеевна'],
  ['Андрійович', 'Андріївна', 'Андреевич', 'Андреевна'], ['Васильович', 'Василівна', 'Васильевич', 'Васильевна'],
  ['Олегович', 'Олегівна', 'Олегович', 'Олеговна'], ['Степанович', 'Степанівна', 'Степанович', 'Степановна'],
];

const QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,.";
const UK = 'йцукенгшщзхїфівапролджєячсмитьбю';
const RU = 'йцукенгшщзхъфывапролджэячсмитьбю';
const LOOKALIKES: Readonly<Record<string, string>> = { а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', і: 'i', у: 'y', К: 'K', Н: 'H', В: 'B', Т: 'T', М: 'M' };

function typedOnLatinLayout(text: string, language: Language): string {
  const layout = language === 'ru' ? RU : UK;
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const at = layout.indexOf(lower);
    const key = at >= 0 ? QWERTY[at]! : lower === 'ё' ? '`' : ch === '’' || ch === "'" ? '’' : ch;
    out += ch !== lower ? key.toUpperCase() : key;
  }
  return out;
}

/** A slip on a neighbouring key (same row), a lost letter, or two letters swapped. */
function typo(word: string, random: () => number): string {
  const letters = [...word];
  if (letters.length < 5) return word;
  const at = 1 + Math.floor(random() * (letters.length - 2));
  const kind = random();
  if (kind < 0.4) {
    const layout = /[\u0400-\u04ff]/.test(word) ? UK : QWERTY;
    const i = layout.indexOf(letters[at]!.toLowerCase());
    const row = i < 12 ? [0, 12] : i < 23 ? [12, 23] : [23, 32];
    const j = i < 0 ? -1 : i + (random() < 0.5 && i > row[0]! ? -1 : 1);
    if (j >= row[0]! && j < row[1]!) letters[at] = layout[j]!;
  } else if (kind < 0.7) letters.splice(at, 1);
  else [letters[at], letters[at + 1]] = [letters[at + 1]!, letters[at]!];
  return letters.join('');
}

interface Person {
  given: number;
  surname: number;
  father: number;
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!;
}

function parts(p: Person, language: Language): { given: string; family: string; patronymic: string; sex: 'm' | 'f' } {
  const [uk, ru, sex] = OTHER_GIVEN_NAMES[p.given]!;
  const s = OTHER_SURNAMES[p.surname]!;
  const family = sex === 'm' ? (language === 'uk' ? s[0] : s[1]) : language === 'uk' ? s[2] : s[3];
  const f = PATRONYMICS[p.father]!;
  const patronymic = language === 'uk' ? (sex === 'm' ? f[0] : f[1]) : sex === 'm' ? f[2] : f[3];
  return { given: language === 'uk' ? uk : ru, family, patronymic, sex };
}

/** One way of writing a person, as a desk, a document or a relative would. */
function write(p: Person, random: () => number, allowFamiliar: boolean): string {
  const language: Language = random() < 0.7 ? 'uk' : 'ru';
  const { given, family, patronymic } = parts(p, language);
  const familiar = FAMILIAR[OTHER_GIVEN_NAMES[p.given]![0]] ?? [];
  const style = random();
  if (style < 0.15) return `${transliterateName(family, language === 'uk' ? 'kmu2010' : 'icao', language).toUpperCase()}<<${transliterateName(given, language === 'uk' ? 'kmu2010' : 'icao', language).toUpperCase()}`;
  if (style < 0.3) return `${family.toUpperCase()} ${given} ${patronymic}`;
  if (style < 0.4) return `  ${family.toLowerCase()}   ${given.toLowerCase()} `;
  if (style < 0.5) return typedOnLatinLayout(`${given} ${family}`, language);
  if (style < 0.6 && allowFamiliar && familiar.length > 0) return `${pick(familiar, random)} ${family}`;
  if (style < 0.68 && allowFamiliar && familiar.length > 0) return transliterateName(`${pick(familiar, random)} ${family}`, 'kmu2010', 'uk');
  if (style < 0.8) return [...`${given} ${family}`].map((ch) => (random() < 0.25 ? (LOOKALIKES[ch] ?? ch) : ch)).join('');
  if (style < 0.9) return `${typo(given, random)} ${family}`;
  if (style < 0.95) return `${given} ${typo(family, random)}`;
  return transliterateName(`${given} ${family}`, pick(['kmu2010', 'bgn', 'icao'] as const, random), language).split(' ').map(capitalise).join(' ');
}

/** `count` labelled pairs, about half of them the same person, seeded. */
export function fieldPairs(count: number, seed = 20261202): FieldPair[] {
  const random = seededRandom(seed);
  const pairs: FieldPair[] = [];
  const person = (): Person => ({ given: Math.floor(random() * OTHER_GIVEN_NAMES.length), surname: Math.floor(random() * OTHER_SURNAMES.length), father: Math.floor(random() * PATRONYMICS.length) });
  const full = (p: Person): string => {
    const { given, family, patronymic } = parts(p, 'uk');
    return random() < 0.5 ? `${family.toUpperCase()} ${given} ${patronymic}` : `${given} ${patronymic} ${family}`;
  };
  while (pairs.length < count) {
    const a = person();
    const kind = random();
    if (kind < 0.5) {
      pairs.push({ a: random() < 0.5 ? full(a) : write(a, random, false), b: write(a, random, true), same: true, kind: 'same' });
      continue;
    }
    const b = { ...a };
    if (kind < 0.6) {
      while (b.given === a.given) b.given = Math.floor(random() * OTHER_GIVEN_NAMES.length);
      pairs.push({ a: full(a), b: full(b), same: false, kind: 'sibling' });
    } else if (kind < 0.7) {
      while (b.father === a.father) b.father = Math.floor(random() * PATRONYMICS.length);
      pairs.push({ a: full(a), b: full(b), same: false, kind: 'patronymic-differs' });
    } else if (kind < 0.85) {
      while (b.given === a.given) b.given = Math.floor(random() * OTHER_GIVEN_NAMES.length);
      const familiar = FAMILIAR[OTHER_GIVEN_NAMES[b.given]![0]] ?? [];
      if (familiar.length === 0) continue;
      pairs.push({ a: write(a, random, false), b: `${pick(familiar, random)} ${parts(a, 'uk').family}`, same: false, kind: 'diminutive-other' });
    } else {
      while (b.given === a.given) b.given = Math.floor(random() * OTHER_GIVEN_NAMES.length);
      pairs.push({ a: write(a, random, false), b: write(b, random, true), same: false, kind: 'same-family' });
    }
  }
  return pairs;
}
