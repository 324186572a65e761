import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical-json.ts';

/** A double from its IEEE 754 bits, as RFC 8785 Appendix B lists them. */
function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonical JSON (RFC 8785)', () => {
  it('serialises every number of Appendix B as the RFC does', () => {
    const vectors: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [bits, text] of vectors) expect(canonicalJson(fromBits(bits)), bits).toBe(text);
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(-0)).toBe('0');
  });

  it('refuses NaN and Infinity (Appendix B) and lone surrogates', () => {
    expect(() => canonicalJson(fromBits('7fffffffffffffff'))).toThrow(TypeError);
    expect(() => canonicalJson(fromBits('7ff0000000000000'))).toThrow(TypeError);
    expect(() => canonicalJson({ a: -Infinity })).toThrow(TypeError);
    expect(() => canonicalJson('\ud800x')).toThrow(TypeError);
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow(TypeError);
    expect(canonicalJson('\ud83d\ude00')).toBe('"😀"');
    // Lone at either end, doubled, reversed, or between pairs: each is refused; pairs side by side are text.
    for (const lone of ['\ud800', 'x\udfff', '\ud83d\ud83d\ude00', '\ude00\ud83d', '😀\udc00😀', '\ud83d\ude00\ud83d']) {
      expect(() => canonicalJson(lone), JSON.stringify(lone)).toThrow(TypeError);
    }
    expect(canonicalJson('😀😀Енергодар😀')).toBe('"😀😀Енергодар😀"');
  });

  it('writes the §3.2.2 example byte for byte', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('orders keys by UTF-16 code units as §3.2.3 does', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('nests arrays and objects, drops undefined members and keeps Cyrillic as it is', () => {
    expect(canonicalJson({ b: [[1, [2, { d: 'Суми', c: -0 }]], []], a: undefined, c: {} })).toBe('{"b":[[1,[2,{"c":0,"d":"Суми"}]],[]],"c":{}}');
  });

  it('agrees with an independent implementation on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
    );
  });
});
