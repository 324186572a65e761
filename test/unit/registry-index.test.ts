import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  birthDateAgreement,
  birthYearOf,
  blockingKeys,
  compatibleBirthYears,
  coreMayMatch,
  DEFAULT_DUPLICATE_THRESHOLD,
  DEFAULT_MATCH_THRESHOLD,
  duplicateScorePrepared,
  findDuplicates,
  foldBirthDate,
  highestScoreFrom,
  nameCore,
  prepareName,
  prepareRegisteredName,
  scoreWords,
  type PassPerson,
} from '../../src/domain/names/index.ts';
import { fullName } from '../../src/domain/person.ts';
import { CONVENTIONS, OTHER_GIVEN_NAMES, OTHER_SURNAMES, capitalise, otherNamePairs, seededRandom, transliterateWord, withTypo } from '../helpers/name-variants.ts';

const THRESHOLDS = [DEFAULT_MATCH_THRESHOLD * 0.9, DEFAULT_DUPLICATE_THRESHOLD, 0.9];

const partialDate = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1930, max: 2024 }).map(String),
  fc.tuple(fc.integer({ min: 1930, max: 2024 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc
    .tuple(fc.integer({ min: 1930, max: 2024 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);

describe('what the registry index may leave out', () => {
  it('a stored birth year outside compatibleBirthYears never reaches the threshold, whatever the name', () => {
    fc.assert(
      fc.property(partialDate, partialDate, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...THRESHOLDS), (query, stored, nameScore, threshold) => {
        const years = compatibleBirthYears(query, threshold);
        if (years === undefined || years.includes(birthYearOf(stored))) return;
        expect(foldBirthDate(nameScore, birthDateAgreement(query, stored))).toBeLessThan(threshold);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the unknown year and the years next to the query’s; filters nothing without a date', () => {
    expect(compatibleBirthYears('1956-04-12', DEFAULT_DUPLICATE_THRESHOLD)).toEqual([0, 1955, 1956, 1957]);
    expect(compatibleBirthYears(null, DEFAULT_DUPLICATE_THRESHOLD)).toBeUndefined();
    expect(compatibleBirthYears('1956', 0.5)).toBeUndefined();
  });

  it('no pair of names scores above highestScoreFrom its words’ score, with any birth dates, nor above what the query’s own patronymic and date allow', () => {
    const pairs = otherNamePairs(1500, 7);
    for (const [i, { a, b }] of pairs.entries()) {
      const pa = prepareName(a);
      const pb = prepareName(b);
      const words = scoreWords(pa, pb);
      for (const [da, db] of [['1956-04-12', '1956-04-12'], ['1956', null], ['1956-04-12', '1956-12-04'], [null, '1956-04-12'], [null, null]] as const) {
        const query = { name: pa, birthDate: da };
        const score = duplicateScorePrepared(query, { name: pb, birthDate: db });
        expect(score, `${i}: ${a} / ${b}`).toBeLessThanOrEqual(highestScoreFrom(words) + 1e-12);
        // Knowing the query: what it lacks (a patronymic, a birth date) cannot raise the score.
        expect(score, `${i}: ${a} / ${b}, knowing ${a}`).toBeLessThanOrEqual(highestScoreFrom(words, query) + 1e-12);
      }
      if (pa.patronymic === undefined) expect(highestScoreFrom(words, { name: pa, birthDate: null })).toBe(words);
    }
  });

  it('a core name whose words score cannot reach the threshold is dropped, one that can is kept', () => {
    expect(coreMayMatch(1, DEFAULT_DUPLICATE_THRESHOLD)).toBe(true);
    expect(coreMayMatch(0.2, DEFAULT_DUPLICATE_THRESHOLD)).toBe(false);
    expect(coreMayMatch(0.2, 0.9)).toBe(false);
  });

  it('the core name is given and family name, normalised, without the patronymic', () => {
    expect(nameCore(' ОЛЕКСАНДР ', 'Лук’яненко')).toBe(nameCore('олександр', 'Лук\'яненко'));
    expect(nameCore('Олександр', 'Шевченко')).toBe('олександр шевченко');
  });
});

/** A small registry: few names, many namesakes, every script, typos, patronymics, partial dates. */
function registry(size: number, seed: number): { people: PassPerson[]; identityOf: number[] } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const givens = OTHER_GIVEN_NAMES.slice(0, 8).concat(OTHER_GIVEN_NAMES.slice(20, 26));
  const surnames = OTHER_SURNAMES.slice(0, 10).concat(OTHER_SURNAMES.slice(24, 30));
  const people: PassPerson[] = [];
  const identityOf: number[] = [];
  const identities: { given: (typeof givens)[number]; surname: (typeof surnames)[number]; father: string; birth: string | null }[] = [];
  while (people.length < size) {
    const again = identities.length > 0 && random() < 0.35;
    const who = again
      ? pick(identities)
      : (() => {
          const year = 1940 + Math.floor(random() * 12);
          const r = random();
          const birth = r < 0.7 ? `${year}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}` : r < 0.85 ? String(year) : null;
          const identity = { given: pick(givens), surname: pick(surnames), father: pick(['Іван', 'Петро', 'Тарас']), birth };
          identities.push(identity);
          return identity;
        })();
    const language = random() < 0.5 ? 'uk' : 'ru';
    const female = who.given[2] === 'f';
    const given = language === 'uk' ? who.given[0] : who.given[1];
    const family = female ? (language === 'uk' ? who.surname[2] : who.surname[3]) : language === 'uk' ? who.surname[0] : who.surname[1];
    const patronymic = random() < 0.5 ? null : `${who.father}${female ? 'івна' : 'ович'}`.replace('оо', 'о');
    const latin = random() < 0.4 ? pick(CONVENTIONS) : undefined;
    const write = (word: string): string => (latin ? capitalise(transliterateWord(word, latin, language)) : word);
    let familyName = write(family);
    if (again && random() < 0.3) familyName = withTypo(familyName, pick(['delete', 'duplicate', 'transpose'] as const), random);
    const birthDate = again && who.birth && random() < 0.3 ? who.birth.slice(0, 4) : who.birth;
    const givenName = write(given);
    people.push({ givenName, patronymic: patronymic ? write(patronymic) : null, familyName, birthDate });
    identityOf.push(identities.indexOf(who));
  }
  return { people, identityOf };
}

describe('the full duplicate pass', () => {
  it('lists exactly the pairs that comparing everyone with everyone finds among core names sharing a blocking key, with the same scores', () => {
    const { people, identityOf } = registry(500, 11);
    const found = new Map<string, number>();
    const stats = findDuplicates(people, (a, b, score) => {
      expect(a).toBeLessThan(b);
      found.set(`${a},${b}`, score);
    });
    expect(stats.found).toBe(found.size);

    const prepared = people.map((p) => ({ name: prepareRegisteredName(p), birthDate: p.birthDate }));
    const cores = people.map((p) => nameCore(p.givenName, p.familyName));
    const keys = cores.map((core) => new Set(blockingKeys(core)));
    const show = (p: number): string => `${fullName(people[p]!)} ${people[p]!.birthDate}`;
    let expected = 0;
    let unreachable = 0;
    for (let a = 0; a < people.length; a++) {
      for (let b = a + 1; b < people.length; b++) {
        const score = duplicateScorePrepared(prepared[a]!, prepared[b]!);
        const pass = found.get(`${a},${b}`);
        if (score < DEFAULT_DUPLICATE_THRESHOLD) {
          expect(pass, `${show(a)} / ${show(b)}`).toBeUndefined();
          continue;
        }
        const reachable = cores[a] === cores[b] || [...keys[a]!].some((k) => keys[b]!.has(k));
        if (!reachable) {
          // Blocking may only lose look-alike namesakes (Тарас Марченко / Тарас Савченко born the
          // same day), never the same person written another way.
          if (identityOf[a] === identityOf[b]) unreachable++;
          continue;
        }
        expected++;
        expect(pass, `${show(a)} / ${show(b)}`).toBe(score);
      }
    }
    expect(found.size).toBe(expected);
    // Namesakes and re-registrations in every script: the test means something only if there are many.
    expect(expected).toBeGreaterThan(300);
    expect(unreachable).toBe(0);
  });

  it('compares nobody with themselves and finds nothing in an empty registry', () => {
    const pairs: string[] = [];
    findDuplicates([{ givenName: 'Олександр', patronymic: null, familyName: 'Шевченко', birthDate: '1956' }], (a, b) => pairs.push(`${a},${b}`));
    findDuplicates([], (a, b) => pairs.push(`${a},${b}`));
    expect(pairs).toEqual([]);
  });
});
