import { describe, expect, it } from 'vitest';
import { countSms } from '../../src/domain/sms.ts';

const seg = (text: string) => countSms(text).segments;

describe('SMS parts', () => {
  it('counts plain Latin text in GSM-7: 160 in one part, 153 per part after', () => {
    expect(countSms('a'.repeat(160))).toEqual({ text: 'a'.repeat(160), encoding: 'GSM-7', segments: 1 });
    expect(seg('a'.repeat(161))).toBe(2);
    expect(seg('a'.repeat(306))).toBe(2);
    expect(seg('a'.repeat(307))).toBe(3);
    expect(seg('')).toBe(1);
  });

  it('counts extension characters as two septets and never splits one across parts', () => {
    for (const ch of ['€', '[', ']', '{', '}', '^', '~', '\\', '|']) {
      expect(countSms(ch).encoding, ch).toBe('GSM-7');
      expect(seg(ch.repeat(80)), ch).toBe(1);
      expect(seg(ch.repeat(81)), ch).toBe(2);
    }
    // 152 septets then a two-septet character: it does not fit in part one's 153, so it opens part two.
    expect(seg(`${'a'.repeat(152)}€${'a'.repeat(7)}`)).toBe(2);
    expect(seg(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toBe(3);
    expect(seg(`${'a'.repeat(151)}€${'a'.repeat(153)}`)).toBe(2);
  });

  it('keeps GSM letters with accents in GSM-7 (é, ü, Ñ) but not others (ł, ó, ź)', () => {
    expect(countSms('Café Müller Ñ').encoding).toBe('GSM-7');
    expect(countSms('Łódź').encoding).toBe('UCS-2');
  });

  it('puts Cyrillic in UCS-2: 70 in one part, 67 per part after', () => {
    expect(countSms('я'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(seg('я'.repeat(71))).toBe(2);
    expect(seg('я'.repeat(134))).toBe(2);
    expect(seg('я'.repeat(135))).toBe(3);
  });

  it('lets one character outside GSM-7 turn a whole Latin text into UCS-2', () => {
    expect(countSms(`${'a'.repeat(69)}ї`)).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(countSms(`${'a'.repeat(70)}ї`)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(countSms('Open 09:00–18:00').encoding).toBe('UCS-2'); // the en dash is not GSM-7
  });

  it('counts an emoji as two UTF-16 units and never splits its pair', () => {
    expect(countSms('🚌').encoding).toBe('UCS-2');
    expect(seg('🚌'.repeat(35))).toBe(1);
    expect(seg('🚌'.repeat(36))).toBe(2);
    // 66 units then an emoji: it would straddle the 67-unit boundary, so it moves to part two.
    expect(seg(`${'я'.repeat(66)}🚌${'я'.repeat(5)}`)).toBe(2);
    expect(seg(`${'я'.repeat(66)}🚌${'я'.repeat(65)}`)).toBe(2);
    expect(seg(`${'я'.repeat(66)}🚌${'я'.repeat(66)}`)).toBe(3);
  });
});
