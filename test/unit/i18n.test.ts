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
  it('have exactly the same keys', () => {
    const enKeys = Object.keys(flat.en).sort();
    expect(enKeys.length).toBeGreaterThan(20);
    expect(Object.keys(flat.uk).sort()).toEqual(enKeys);
    expect(Object.keys(flat.ru).sort()).toEqual(enKeys);
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
      const expected = placeholders(flat.en[key] as string);
      expect(placeholders(flat.uk[key] as string), `uk:${key}`).toEqual(expected);
      expect(placeholders(flat.ru[key] as string), `ru:${key}`).toEqual(expected);
    }
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
