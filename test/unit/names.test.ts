import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/cli/csv.ts';
import {
  birthDateAgreement,
  blockingKeys,
  blockingKeysPrepared,
  cyrillicLanguage,
  DEFAULT_DUPLICATE_THRESHOLD,
  DEFAULT_MATCH_THRESHOLD,
  detectScript,
  duplicateScore,
  isSameName,
  MAX_BLOCKING_KEYS,
  nameScore,
  normaliseName,
  parseName,
  prepareName,
  scorePrepared,
} from '../../src/domain/names/index.ts';
import { GIVEN_NAME_GROUPS, sharedGivenNameForms } from '../../src/domain/names/given-name-index.ts';
import { conventionsFor, latinToPhonemes } from '../../src/domain/names/latin-conventions.ts';
import { canonicalForm } from '../../src/domain/names/phonetic.ts';
import {
  CONVENTIONS,
  OTHER_GIVEN_NAMES,
  OTHER_SURNAMES,
  otherNamePairs,
  renderPerson,
  seededRandom,
  transliterateName,
  type Convention,
  type Language,
} from '../helpers/name-variants.ts';

const T = DEFAULT_MATCH_THRESHOLD;
const same = (a: string, b: string): void => {
  expect(nameScore(a, b), `${a} = ${b}`).toBeGreaterThanOrEqual(T);
};
const different = (a: string, b: string): void => {
  expect(nameScore(a, b), `${a} ≠ ${b}`).toBeLessThan(T);
};

describe('normalisation and scripts', () => {
  it('folds case, NFKC forms, apostrophe variants and separators', () => {
    expect(normaliseName('  ЛУК’ЯНЕНКО,  Надія ')).toBe('лукяненко надія');
    for (const apostrophe of ["'", '’', 'ʼ', '`', '"']) expect(normaliseName(`Лук${apostrophe}яненко`)).toBe('лукяненко');
    // Decomposed č (c + combining caron) and full-width letters arrive as the composed ones.
    expect(normaliseName('S\u030Cevc\u030Cenko')).toBe('ševčenko');
    expect(normaliseName('ＩＶＡＮ')).toBe('ivan');
    expect(normaliseName('Римський-Корсаков')).toBe('римський корсаков');
  });

  it('detects the script and, where the letters show it, the Cyrillic language', () => {
    expect(detectScript('Олександр Шевченко')).toBe('cyrillic');
    expect(detectScript('Oleksandr Ševčenko')).toBe('latin');
    expect(detectScript('Shevchenko Олександр')).toBe('mixed');
    expect(detectScript('123')).toBe('none');
    expect(cyrillicLanguage('наталія')).toBe('uk');
    expect(cyrillicLanguage('наталья ёлкина')).toBe('ru');
    expect(cyrillicLanguage('шевченко')).toBe('unknown');
  });

  it('repairs a word typed half on the wrong keyboard layout', () => {
    same('Шeвченко Олександр', 'Шевченко Олександр'); // Latin "e" inside Cyrillic
    same('Fёdor Moroz', 'Федір Мороз');
  });
});

describe('conventions reach one phonetic form', () => {
  const shevchenko: Array<[string, string]> = [
    ['Shevchenko', 'en'], // KMU 2010, BGN/PCGN, ICAO
    ['Schewtschenko', 'de'],
    ['Szewczenko', 'pl'],
    ['Ševčenko', 'cs'],
    ['Chevtchenko', 'fr'],
  ];
  it.each(shevchenko)('%s (%s) reads as Шевченко', (latin, convention) => {
    const normalised = normaliseName(latin);
    expect(conventionsFor(normalised)).toContain(convention);
    expect(canonicalForm(latinToPhonemes(normalised, convention as 'en'))).toBe(prepareName('Шевченко').words[0]?.forms[0]);
  });

  it('matches the six spellings of docs/design.md §People with each other', () => {
    const forms = [
      'Олександр Шевченко', 'Александр Шевченко', 'Oleksandr Shevchenko', 'Aleksandr Shevchenko',
      'Olexandr Schewtschenko', 'Aleksander Szewczenko', 'Oleksandr Ševčenko', 'Alexandre Chevtchenko',
    ];
    for (const a of forms) for (const b of forms) same(a, b);
  });

  it('KMU 2010, the 2007 passport table (г = g), ICAO and ISO 9', () => {
    same('Ганна Коваленко', 'Hanna Kovalenko'); // KMU 2010
    same('Hanna Kovalenko', 'Ganna Kovalenko'); // the same passport holder before and after 2010
    same('Юлія Лук’яненко', 'Yuliia Lukianenko');
    same('Юлия Лукьяненко', 'Iuliia Lukianenko'); // ICAO
    same('Юлія Лук’яненко', 'Ûlìâ Lukânenko'); // ISO 9
    same('Олександр Захарченко', 'Oleksandr Zaharčenko'); // ISO 9 writes х as h
    same('Щербак Артем', 'Artem Ŝerbak');
  });

  it('BGN/PCGN and the Russian forms', () => {
    same('Соловьёв Владимир', 'Vladimir Solovyov');
    same('Соловьёв Владимир', 'Vladimir Solovev'); // ё written as e
    same('Кузнецова Надежда', 'Nadezhda Kuznetsova');
    same('Дмитрий Кузнецов', 'Dmitriy Kuznetsov');
  });

  it('German, Polish, Czech and French spellings', () => {
    same('Зінченко Ірина', 'Irina Sintschenko');
    same('Кузнецов Дмитрий', 'Dmitrij Kusnezow');
    same('Волков Юрій', 'Jurij Wołkow');
    same('Мельничук Тарас', 'Taras Melnyczuk');
    same('Чорновол Світлана', 'Svìtlana Čornovol');
    same('Поліщук Ігор', 'Igor Polichtchouk');
    same('Кузнецов Евгений', 'Evgueni Kouznetsov');
  });
});

describe('Ukrainian and Russian forms of given names', () => {
  const pairs: Array<[string, string]> = [
    ['Олександр', 'Александр'], ['Ганна', 'Анна'], ['Дмитро', 'Дмитрий'], ['Михайло', 'Михаил'],
    ['Юрій', 'Юрий'], ['Олена', 'Елена'], ['Наталія', 'Наталья'], ['Сергій', 'Сергей'],
    ['Євген', 'Евгений'], ['Павло', 'Павел'], ['Микола', 'Николай'], ['Катерина', 'Екатерина'],
    ['Надія', 'Надежда'], ['Тетяна', 'Татьяна'], ['Федір', 'Фёдор'], ['Петро', 'Пётр'],
  ];
  it.each(pairs)('%s = %s', (uk, ru) => {
    same(`${uk} Бондаренко`, `${ru} Бондаренко`);
    same(`${uk} Бондаренко`, `${transliterateName(ru, 'bgn', 'ru')} Bondarenko`);
  });

  it('the table is broad and no form belongs to two names', () => {
    expect(GIVEN_NAME_GROUPS.length).toBeGreaterThanOrEqual(150);
    expect(sharedGivenNameForms()).toEqual([]);
  });

  it('different given names stay different, however alike', () => {
    different('Олена Бондаренко', 'Оксана Бондаренко');
    different('Марина Бондаренко', 'Марія Бондаренко');
    different('Іван Бондаренко', 'Іванна Бондаренко');
  });
});

describe('Ukrainian and Russian forms of the same surname', () => {
  it.each([
    ['Білик', 'Белик'], ['Чорновол', 'Черновол'], ['Олійник', 'Олейник'], ['Лисенко', 'Лысенко'],
    ['Кузнєцов', 'Кузнецов'], ['Соловйов', 'Соловьёв'], ['Ковальов', 'Ковалёв'], ['Бондар', 'Бондарь'],
  ])('%s = %s', (uk, ru) => same(`Ірина ${uk}`, `Ирина ${ru}`));
});

describe('patronymics', () => {
  it('are recognised in any script and optional', () => {
    expect(parseName('Олександр Іванович Шевченко')).toMatchObject({ given: 'олександр', patronymic: 'іванович', family: 'шевченко' });
    expect(parseName('Шевченко Олександр Іванович')).toMatchObject({ given: 'олександр', patronymic: 'іванович', family: 'шевченко' });
    expect(parseName('Ekaterina Sergeevna Shevchuk').patronymic).toBe('sergeevna');
    expect(parseName('Ivan Petrovych').patronymic).toBeUndefined(); // two words: Petrovych is the surname
    same('Олександр Іванович Шевченко', 'Олександр Шевченко');
    same('Надежда Николаевна Лукьяненко', 'Надія Миколаївна Лук’яненко');
    same('Sergey Aleksandrovich Zinchenko', 'Сергій Олександрович Зінченко');
  });

  it('of different fathers or sexes make different people', () => {
    different('Олександр Іванович Шевченко', 'Олександр Петрович Шевченко');
    different('Олександра Іванівна Коваленко', 'Олександр Іванович Коваленко');
  });
});

describe('word order', () => {
  it('any order, including passport "SURNAME GIVEN"', () => {
    same('SHEVCHENKO OLEKSANDR', 'Олександр Шевченко');
    same('Шевченко Олександр Іванович', 'Oleksandr Ivanovych Shevchenko');
    expect(parseName('SHEVCHENKO TARAS')).toMatchObject({ given: 'taras', family: 'shevchenko' });
    expect(parseName('KOVAL ZAKHAR')).toMatchObject({ given: 'zakhar', family: 'koval' });
  });
});

describe('typos', () => {
  it.each([
    ['Taras Shevchenko', 'Taras Shevcheko'], // deletion
    ['Taras Shevchenko', 'Taras Shevchenkko'], // duplication
    ['Taras Shevchenko', 'Taras Shevhcenko'], // transposition
    ['Taras Shevchenko', 'Tras Shevchenko'],
    ['Андрій Кравчук', 'Andrii Kravcuhk'], // a swap that splits a digraph
    ['Iryna Zinczenko', 'Iyna Zinchenko'], // the slip reads as another name (Інна)
    ['Михаил Иванов', 'Mykhailo Ianov'],
  ])('%s = %s', same);
});

describe('sex and look-alikes stay apart', () => {
  it('gender forms', () => {
    different('Oleksandr Shevchenko', 'Oleksandra Shevchenko');
    different('Ivan Ivanov', 'Ivan Ivanova');
    different('Анна Соколова', 'Анна Соколов');
    different('Jarosław Ostapenko', 'Jarosława Ostapenko');
    // -enko, -uk, -ko have one form for both sexes.
    same('Олена Коваленко', 'Olena Kovalenko');
    same('Марія Шевчук', 'Mariia Shevchuk');
  });

  it('look-alike surnames', () => {
    different('Andrii Kravchenko', 'Andrii Kravchuk');
    different('Serhii Shevchenko', 'Serhii Shevchuk');
    different('Ivan Ivanov', 'Ivan Ivanenko');
    different('Petro Koval', 'Petro Kovalchuk');
    different('Taras Melnyk', 'Taras Melnychuk');
    different('Taras Moroz', 'Taras Morozov');
    different('Petro Petrenko', 'Petro Petruk'); // look-alike even through a typo: Petreko
    different('Petro Petreko', 'Petro Petruk');
  });

  it('different people with one name in common', () => {
    different('Сергій Шевченко', 'Сергій Зінченко');
    different('Ганна Чорновол', 'Оксана Чорновол');
    different('Ivan Petrenko', 'Petro Ivanenko');
  });
});

describe('scores', () => {
  it('stay in [0, 1] with 1 for a name against itself and 0 for no name', () => {
    expect(nameScore('Олександр Шевченко', 'Олександр Шевченко')).toBe(1);
    expect(nameScore('', 'Олександр Шевченко')).toBe(0);
    expect(nameScore('123', '---')).toBe(0);
    expect(isSameName('Олександр Шевченко', 'Aleksander Szewczenko')).toBe(true);
  });

  it('are symmetric for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        const s = nameScore(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(nameScore(b, a)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  const names = fc
    .tuple(fc.constantFrom(...OTHER_GIVEN_NAMES), fc.constantFrom(...OTHER_SURNAMES), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
    .map(([given, surname, seed]) =>
      renderPerson({ given, surname, father: ['Тарас', 'Тарас'] }, seededRandom(seed)),
    );

  it('are symmetric and 1 against itself for generated names (property)', () => {
    fc.assert(
      fc.property(names, names, (a, b) => {
        expect(nameScore(a, a)).toBe(1);
        expect(nameScore(a, b)).toBe(nameScore(b, a));
      }),
      { numRuns: 300 },
    );
  });
});

/** A Cyrillic person and the conventions that apply to their language. */
const cyrillicPeople = fc
  .tuple(fc.constantFrom(...OTHER_GIVEN_NAMES), fc.constantFrom(...OTHER_SURNAMES), fc.constantFrom<Language>('uk', 'ru'))
  .map(([[uk, ru, sex], surname, language]) => {
    const given = language === 'uk' ? uk : ru;
    const family = sex === 'm' ? (language === 'uk' ? surname[0] : surname[1]) : language === 'uk' ? surname[2] : surname[3];
    const conventions = CONVENTIONS.filter((c) => (language === 'uk' ? c !== 'bgn' : c !== 'kmu2010' && c !== 'passport2007'));
    return { name: `${given} ${family}`, language, conventions };
  });

describe('transliteration round trips (property)', () => {
  it('a Cyrillic name matches its KMU, 2007 passport, BGN, ICAO, ISO 9, German, Polish, Czech and French spellings, and shares a blocking key', () => {
    fc.assert(
      fc.property(cyrillicPeople, fc.nat(), fc.boolean(), ({ name, language, conventions }, pick, reversed) => {
        const convention = conventions[pick % conventions.length] as Convention;
        const latin = transliterateName(name, convention, language);
        const written = reversed ? latin.split(' ').reverse().join(' ').toUpperCase() : latin;
        expect(nameScore(name, written), `${name} / ${written}`).toBeGreaterThanOrEqual(T);
        const keys = blockingKeys(written);
        expect(blockingKeys(name).some((k) => keys.includes(k)), `${name} / ${written}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('the Ukrainian and Russian Cyrillic forms of a name match and share a key', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OTHER_GIVEN_NAMES), fc.constantFrom(...OTHER_SURNAMES), ([uk, ru, sex], surname) => {
        const a = `${uk} ${sex === 'm' ? surname[0] : surname[2]}`;
        const b = `${ru} ${sex === 'm' ? surname[1] : surname[3]}`;
        expect(nameScore(a, b), `${a} / ${b}`).toBeGreaterThanOrEqual(T);
        const keys = blockingKeys(b);
        expect(blockingKeys(a).some((k) => keys.includes(k))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('blocking keys', () => {
  it('are few per name', () => {
    for (const name of ['Олександр Шевченко', 'SHEVCHENKO OLEKSANDR', 'Michail Chornovol', 'Zakhar Koval', 'Шевченко']) {
      const keys = blockingKeys(name);
      expect(keys.length).toBeGreaterThanOrEqual(1);
      expect(keys.length).toBeLessThanOrEqual(MAX_BLOCKING_KEYS);
    }
    expect(blockingKeys('Олександр Шевченко').length).toBeGreaterThanOrEqual(2);
    expect(blockingKeys('')).toEqual([]);
  });

  it('of pairs that match share a key: transliterations, word orders, patronymics, Ukrainian/Russian forms (property)', () => {
    const people = fc
      .tuple(fc.constantFrom(...OTHER_GIVEN_NAMES), fc.constantFrom(...OTHER_SURNAMES), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
      .map(([given, surname, seed]) => {
        const random = seededRandom(seed);
        const person = { given, surname, father: ['Богдан', 'Богдан'] as const };
        return [renderPerson(person, random, false), renderPerson(person, random, false)] as const;
      });
    fc.assert(
      fc.property(people, ([a, b]) => {
        const pa = prepareName(a);
        const pb = prepareName(b);
        expect(scorePrepared(pa, pb), `${a} / ${b}`).toBeGreaterThanOrEqual(T);
        const keys = blockingKeysPrepared(pb);
        expect(blockingKeysPrepared(pa).some((k) => keys.includes(k)), `${a} / ${b}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('of matching pairs with typos share a key at least 99% of the time', () => {
    // A typo inside a digraph (Szczerbyna typed Sczzerbyna) can change two consonants at once and
    // escape the keys: measured here and in bench/names-quality.ts rather than promised.
    const matched = otherNamePairs(1500, 99).filter((p) => nameScore(p.a, p.b) >= T);
    const together = matched.filter((p) => {
      const keys = blockingKeys(p.b);
      return blockingKeys(p.a).some((k) => keys.includes(k));
    });
    expect(together.length / matched.length).toBeGreaterThanOrEqual(0.99);
  });
});

describe('birth dates', () => {
  it('agree fully, partially (year only), swapped, or not at all', () => {
    expect(birthDateAgreement('1980-03-04', '1980-03-04')).toBe(1);
    expect(birthDateAgreement('1980-03-04', '1980-04-03')).toBeGreaterThan(0.8); // day/month swapped
    expect(birthDateAgreement('1980', '1980-04-03')).toBeGreaterThan(0.5);
    expect(birthDateAgreement('1980', '1980-04-03')).toBeLessThan(birthDateAgreement('1980-04', '1980-04-03'));
    expect(birthDateAgreement('1980', '1981')).toBe(0);
    expect(birthDateAgreement('1980-03-04', '1980-05-06')).toBe(0);
    expect(birthDateAgreement(undefined, '1980')).toBe(0.5);
    expect(birthDateAgreement('04.03.1980', '1980-03-04')).toBe(0.5); // unreadable: unknown, not a conflict
    expect(birthDateAgreement('1980-13', '1980-01')).toBe(0.5);
  });

  it('are symmetric (property)', () => {
    const date = fc.oneof(
      fc.integer({ min: 1930, max: 2024 }).map(String),
      fc.tuple(fc.integer({ min: 1930, max: 2024 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      fc
        .tuple(fc.integer({ min: 1930, max: 2024 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    );
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(birthDateAgreement(a, b)).toBe(birthDateAgreement(b, a));
      }),
    );
  });

  it('fold into the duplicate score', () => {
    const a = { name: 'Олександр Шевченко', birthDate: '1980-03-04' };
    expect(duplicateScore(a, { name: 'Oleksandr Shevchenko', birthDate: '1980-04-03' })).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
    expect(duplicateScore(a, { name: 'Oleksandr Shevchenko', birthDate: '1980' })).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
    expect(duplicateScore(a, { name: 'Oleksandr Shevchenko' })).toBe(nameScore(a.name, 'Oleksandr Shevchenko'));
    // Namesakes: the same name with another birth year is another person.
    expect(duplicateScore(a, { name: 'Oleksandr Shevchenko', birthDate: '1985-03-04' })).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLD);
    // A shared birth date does not make a different person a duplicate.
    expect(duplicateScore(a, { name: 'Олександр Зінченко', birthDate: '1980-03-04' })).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLD);
  });
});

describe('quality gates', () => {
  const devPairs = parseCsv(readFileSync(fileURLToPath(new URL('../fixtures/names/dev-pairs.csv', import.meta.url)), 'utf8'))
    .slice(1)
    .map(([a = '', b = '', label = '', kind = '']) => ({ a, b, same: label === 'true', kind }));

  function f1(pairs: ReadonlyArray<{ a: string; b: string; same: boolean }>): number {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const p of pairs) {
      const match = nameScore(p.a, p.b) >= T;
      if (match && p.same) tp++;
      else if (match) fp++;
      else if (p.same) fn++;
    }
    return (2 * tp) / (2 * tp + fp + fn);
  }

  it('F1 on the labelled development pairs is at least 0.97 at the default threshold', () => {
    expect(devPairs.length).toBeGreaterThan(1000);
    expect(f1(devPairs)).toBeGreaterThanOrEqual(0.97);
  });

  it('F1 on pairs generated from other names is at least 0.97 too', () => {
    expect(f1(otherNamePairs(1500))).toBeGreaterThanOrEqual(0.97);
  });

  it('blocking keys keep at least 99% of the same-person development pairs together', () => {
    const positives = devPairs.filter((p) => p.same);
    const together = positives.filter((p) => {
      const keys = blockingKeys(p.b);
      return blockingKeys(p.a).some((k) => keys.includes(k));
    });
    expect(together.length / positives.length).toBeGreaterThanOrEqual(0.99);
  });
});
