import { describe, expect, it } from 'vitest';
import { corridorRuleErrors, missingForProposal, normaliseContent, versionHash, withPlaceIds, type CorridorInput } from '../../src/domain/corridor.ts';
import { placeNameOf, publicWordsOf } from '../../src/domain/public-text.ts';
import { liveDemoCorridor, pendingDemoCorridor, SCENARIO_CORRIDORS } from '../../src/demo/scenario-corridors.ts';
import { SUMY_POLTAVA_TEXT, corridorBody } from '../helpers/corridors.ts';

const body = (overrides: Record<string, unknown> = {}) => corridorBody(['ua', 'ru'], overrides) as unknown as CorridorInput;
const paths = (input: CorridorInput) => missingForProposal(normaliseContent(input)).map((e) => e.path);

describe('public texts', () => {
  it('a complete corridor lacks nothing', () => {
    expect(paths(body())).toEqual([]);
  });

  it('names the language and field still missing', () => {
    const { ru: _ru, ...ukEn } = SUMY_POLTAVA_TEXT;
    expect(paths(body({ publicText: ukEn }))).toEqual([
      '/publicText/ru/title',
      '/publicText/ru/eligibility',
      '/publicText/ru/whatToBring',
      '/publicText/ru/conditions',
      '/publicText/ru/gatheringPoints/0/name',
      '/publicText/ru/gatheringPoints/0/address',
    ]);
    const blankTitle = { ...SUMY_POLTAVA_TEXT, en: { ...SUMY_POLTAVA_TEXT.en, title: '   ' } };
    expect(paths(body({ publicText: blankTitle }))).toEqual(['/publicText/en/title']);
  });

  it('asks for conditions and addresses only where the staff version has them', () => {
    const strip = (t: (typeof SUMY_POLTAVA_TEXT)['en']) => ({ ...t, conditions: '', gatheringPoints: [{ name: t.gatheringPoints[0]!.name }] });
    const texts = { uk: strip(SUMY_POLTAVA_TEXT.uk), ru: strip(SUMY_POLTAVA_TEXT.ru), en: strip(SUMY_POLTAVA_TEXT.en) };
    expect(paths(body({ publicText: texts, conditions: null, gatheringPoints: [{ name: 'Sumy State University', lat: 50.8926, lon: 34.8415 }] }))).toEqual([]);
    expect(paths(body({ publicText: texts }))).toHaveLength(6);
  });

  it('refuses gathering-point texts that do not match the points one for one', () => {
    const extra = { ...SUMY_POLTAVA_TEXT, uk: { ...SUMY_POLTAVA_TEXT.uk, gatheringPoints: [...SUMY_POLTAVA_TEXT.uk.gatheringPoints, { name: 'Друга', address: '' }] } };
    const errors = corridorRuleErrors(normaliseContent(body({ publicText: extra })), new Set(['ua', 'ru']));
    expect(errors.map((e) => e.path)).toEqual(['/publicText/uk/gatheringPoints']);
  });

  it('resolves endpoints to gazetteer ids and refuses unknown ones', () => {
    const content = withPlaceIds(normaliseContent(body()));
    expect([content.origin?.placeId, content.destination?.placeId]).toEqual(['sumy', 'poltava']);
    const unknown = normaliseContent(body({ origin: { name: 'Sumy', lat: 50.9, lon: 34.8, placeId: 'atlantis' } }));
    expect(corridorRuleErrors(unknown, new Set(['ua', 'ru'])).map((e) => e.path)).toEqual(['/origin/placeId']);
  });

  it('makes a public text change a new signed content', () => {
    const a = normaliseContent(body());
    const b = normaliseContent(body({ publicText: { ...SUMY_POLTAVA_TEXT, ru: { ...SUMY_POLTAVA_TEXT.ru, whatToBring: 'Документы' } } }));
    expect(versionHash('c1', 1, b)).not.toBe(versionHash('c1', 1, a));
  });

  it('words the public view in each language, falling back for corridors agreed before public texts', () => {
    expect(placeNameOf({ name: 'Enerhodar', placeId: 'enerhodar' }, 'ru')).toBe('Энергодар');
    expect(placeNameOf({ name: 'Zaporozhye' }, 'uk')).toBe('Запоріжжя');
    expect(placeNameOf({ name: 'Nowhere-on-Sea' }, 'uk')).toBe('Nowhere-on-Sea');
    const legacy = { ...normaliseContent(body()), publicText: null };
    expect(publicWordsOf(legacy, 'uk')).toMatchObject({ title: 'Суми → Полтава', eligibility: 'Everyone; foreign students first', whatToBring: '' });
    expect(publicWordsOf({ ...legacy, origin: null }, 'en').title).toBe('Sumy – Poltava');
    expect(publicWordsOf(normaliseContent(body()), 'ru').gatheringPoints).toEqual([{ name: 'Сумский государственный университет', address: 'ул. Римского-Корсакова, 2' }]);
  });

  it('gives every demo corridor its public words in all three languages and its places by id', () => {
    const parties = { ua: 'ua', ru: 'ru' };
    const now = new Date('2026-01-01T00:00:00Z');
    const inputs = [...SCENARIO_CORRIDORS.map((c) => c.content(parties)), liveDemoCorridor(parties, now), pendingDemoCorridor(parties, now)];
    for (const input of inputs) {
      const content = normaliseContent(input);
      expect(missingForProposal(content), content.name).toEqual([]);
      expect(corridorRuleErrors(content, new Set(['ua', 'ru'])), content.name).toEqual([]);
      expect([content.origin?.placeId, content.destination?.placeId].every(Boolean), content.name).toBe(true);
    }
  });
});
