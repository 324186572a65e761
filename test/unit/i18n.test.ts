import i18next from 'i18next';
import { describe, it, expect } from 'vitest';
import { FIELD_ERROR_CODES } from '../../src/domain/errors.ts';
import enPublic from '../../web/src/i18n/en/public.json' with { type: 'json' };
import enConsole from '../../web/src/i18n/en/console.json' with { type: 'json' };
import ukPublic from '../../web/src/i18n/uk/public.json' with { type: 'json' };
import ukConsole from '../../web/src/i18n/uk/console.json' with { type: 'json' };
import ruPublic from '../../web/src/i18n/ru/public.json' with { type: 'json' };
import ruConsole from '../../web/src/i18n/ru/console.json' with { type: 'json' };

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Flattens nested resources to dotted keys: { a: { b: 'x' } } → { 'a.b': 'x' }. */
function flatten(value: Json, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out[prefix] = value;
  }
  return out;
}

// The console merges both bundles into one namespace (web/src/i18n/index.ts); here they are checked as it sees them.
const en = { ...enPublic, ...enConsole };
const uk = { ...ukPublic, ...ukConsole };
const ru = { ...ruPublic, ...ruConsole };
const flat = { en: flatten(en), uk: flatten(uk), ru: flatten(ru) };
const LANGS = ['en', 'uk', 'ru'] as const;

/**
 * i18next's plural keys (`x_one`, `x_few`, …) are chosen by Intl.PluralRules of the language, so
 * each language has exactly its own categories: en one/other, uk and ru one/few/many/other.
 */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseOf = (key: string): string => key.replace(PLURAL, '');
const categoriesOf = (lang: string): string[] => [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
function pluralGroups(keys: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const form = PLURAL.exec(key)?.[1];
    if (form) groups.set(baseOf(key), [...(groups.get(baseOf(key)) ?? []), form].sort());
  }
  return groups;
}

/**
 * Keys whose text is legitimately the same in every language: the language switch's labels
 * (each language named in itself) and a separator-only template.
 */
const SAME_IN_ALL = new Set([
  'lang.uk',
  'lang.ru',
  'lang.en',
  'lang.ukName',
  'lang.ruName',
  'lang.enName',
  'ops.roleAtKind',
]);

const CYRILLIC = /[\u0400-\u04FF]/;
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();

describe('web translations (en, uk, ru)', () => {
  it('have exactly the same keys, plural keys with exactly the forms of each language', () => {
    const basesOf = (lang: (typeof LANGS)[number]) => [...new Set(Object.keys(flat[lang]).map(baseOf))].sort();
    const enKeys = basesOf('en');
    expect(enKeys.length).toBeGreaterThan(20);
    expect(basesOf('uk')).toEqual(enKeys);
    expect(basesOf('ru')).toEqual(enKeys);
    const enPlurals = [...pluralGroups(Object.keys(flat.en)).keys()].sort();
    for (const lang of LANGS) {
      const groups = pluralGroups(Object.keys(flat[lang]));
      expect([...groups.keys()].sort(), lang).toEqual(enPlurals);
      for (const [base, forms] of groups) expect(forms, `${lang}:${base}`).toEqual(categoriesOf(lang));
      // A plural key is never also a plain one: t() would pick one of them silently.
      for (const base of groups.keys()) expect(flat[lang][base], `${lang}:${base}`).toBeUndefined();
    }
  });

  it('split into the public and console bundles the same way in every language, no key in both', () => {
    const pub = Object.keys(enPublic).sort();
    expect(Object.keys(ukPublic).sort()).toEqual(pub);
    expect(Object.keys(ruPublic).sort()).toEqual(pub);
    expect(Object.keys(ukConsole).sort()).toEqual(Object.keys(enConsole).sort());
    expect(Object.keys(ruConsole).sort()).toEqual(Object.keys(enConsole).sort());
    expect(Object.keys(enConsole).filter((k) => pub.includes(k))).toEqual([]);
  });

  it('have a non-empty string for every key', () => {
    for (const lang of LANGS) {
      for (const [key, value] of Object.entries(flat[lang])) {
        expect(typeof value, `${lang}:${key}`).toBe('string');
        expect((value as string).trim(), `${lang}:${key}`).not.toBe('');
      }
    }
  });

  it('translate into Ukrainian and Russian (Cyrillic), except the listed keys', () => {
    for (const lang of ['uk', 'ru'] as const) {
      for (const [key, value] of Object.entries(flat[lang])) {
        const text = value as string;
        if (text === flat.en[key]) {
          expect(SAME_IN_ALL.has(key), `${lang}:${key} is an English copy: "${text}"`).toBe(true);
        } else {
          expect(text, `${lang}:${key}`).toMatch(CYRILLIC);
        }
      }
    }
  });

  it('use the same interpolation placeholders in every language', () => {
    for (const key of Object.keys(flat.en)) {
      if (PLURAL.test(key)) continue;
      const expected = placeholders(flat.en[key] as string);
      expect(placeholders(flat.uk[key] as string), `uk:${key}`).toEqual(expected);
      expect(placeholders(flat.ru[key] as string), `ru:${key}`).toEqual(expected);
    }
    // Each form of a plural key: the same placeholders as English's `other` form, except that a
    // form may leave out `count` itself ("This corridor"; uk/ru's `one` also covers 21, so keep it there).
    for (const base of pluralGroups(Object.keys(flat.en)).keys()) {
      const expected = placeholders(flat.en[`${base}_other`] as string).filter((p) => p !== 'count');
      expect(placeholders(flat.en[`${base}_other`] as string), `en:${base}_other`).toContain('count');
      for (const lang of LANGS) {
        for (const form of categoriesOf(lang)) {
          const text = flat[lang][`${base}_${form}`] as string;
          expect(placeholders(text).filter((p) => p !== 'count'), `${lang}:${base}_${form}`).toEqual(expected);
          if (lang !== 'en') expect(placeholders(text), `${lang}:${base}_${form}`).toContain('count');
        }
      }
    }
  });

  it('choose the plural form by the language: 1, 21 коридор; 3, 22 коридори; 5, 11 коридорів', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { en: { translation: en }, uk: { translation: uk }, ru: { translation: ru } }, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
    type PluralKey = 'incidents.alerts.corridors' | 'incidents.alerts.convoys' | 'incidents.suspend.confirmOthers' | 'incidents.suspend.confirmFacts';
    const say = (lng: string, key: PluralKey, count: number): string => i18n.t(key, { lng, count });
    const counts = [1, 3, 5, 11, 21, 22];
    expect(counts.map((n) => say('en', 'incidents.alerts.corridors', n))).toEqual(['1 corridor', '3 corridors', '5 corridors', '11 corridors', '21 corridors', '22 corridors']);
    expect(counts.map((n) => say('uk', 'incidents.alerts.corridors', n))).toEqual(['1 коридор', '3 коридори', '5 коридорів', '11 коридорів', '21 коридор', '22 коридори']);
    expect(counts.map((n) => say('ru', 'incidents.alerts.corridors', n))).toEqual(['1 коридор', '3 коридора', '5 коридоров', '11 коридоров', '21 коридор', '22 коридора']);
    expect(say('uk', 'incidents.alerts.convoys', 2)).toBe('2 колони');
    expect(say('en', 'incidents.suspend.confirmOthers', 1)).toBe('The other one is neither agreed nor open, so it stays as it is.');
    expect(say('en', 'incidents.suspend.confirmFacts', 1)).toMatch(/^This corridor will be suspended now/);
    expect(say('ru', 'incidents.suspend.confirmFacts', 3)).toMatch(/^3 коридора будут приостановлены/);
  });

  it('say every shared field-error code of the server', () => {
    for (const code of FIELD_ERROR_CODES) expect(flat.en[`fieldErrors.${code}`], code).toBeTypeOf('string');
    expect(Object.keys(flat.en).filter((k) => k.startsWith('fieldErrors.')).length).toBe(FIELD_ERROR_CODES.length);
  });

  it('name the product in each language', () => {
    expect(en.app.name).toBe('Safe Passage');
    expect(uk.app.name).toBe('Безпечний прохід');
    expect(ru.app.name).toBe('Безопасный проход');
  });
});
