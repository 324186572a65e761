import { describe, expect, it } from 'vitest';
import { cleanBody, isPersonName, textProblem } from '../../src/domain/text.ts';

describe('text as it enters', () => {
  it.each(['Олександр', 'Мар’яна', 'Hnatkevych-Bondarenko', 'line one\nline two\ttabbed', 'Ключ 🔑 emoji'])('takes %j', (s) => {
    expect(textProblem(s)).toBeNull();
  });

  it.each(['nul\u0000byte', 'escape \u001b[31mred', 'right-to-left \u202Eовереd', 'isolate \u2066x\u2069', 'lone \uD800 surrogate', 'tail \uDC00', 'c1 \u0085'])('refuses %j', (s) => {
    expect(textProblem(s)).not.toBeNull();
  });

  it('needs a letter in a name: invisible-only and punctuation-only strings are no one', () => {
    expect(isPersonName('\u200B\u200B')).toBe(false);
    expect(isPersonName('--')).toBe(false);
    expect(isPersonName('Іван')).toBe(true);
  });

  it('puts every string of a body in NFC and names each one that may not enter', () => {
    const decomposed = 'Йосип'.normalize('NFD');
    expect(decomposed).not.toBe('Йосип');
    expect(cleanBody({ a: [{ name: decomposed }], n: 3 })).toEqual({ a: [{ name: 'Йосип' }], n: 3 });
    expect(() => cleanBody({ people: [{ givenName: 'ok' }, { givenName: 'bad\u202E' }] })).toThrow(
      expect.objectContaining({ code: 'INVALID_TEXT', errors: [{ path: '/people/1/givenName', code: 'CONTROL_CHARACTERS', message: expect.any(String) }] }),
    );
  });
});
