import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isStrictInstant } from '../../src/domain/instant.ts';

describe('strict RFC 3339 instants', () => {
  it.each(['2022-03-05T09:00:00+02:00', '2022-03-05T07:00Z', '2022-03-05T07:00:00.123Z', '2024-02-29T23:59:59-01:30', '2022-03-05T09:00:00+14:00'])('takes %s', (s) => {
    expect(isStrictInstant(s)).toBe(true);
  });

  it.each([
    '2022-13-45T99:99:99Z',
    '2022-03-05T09:00:60Z',
    '2022-03-05T09:00:00+99:99',
    '2022-02-30T10:00:00Z',
    '2023-02-29T10:00:00Z',
    '2022-03-05T24:00:00Z',
    '2022-03-05T09:60Z',
    '2022-00-10T10:00Z',
    '2022-03-00T10:00Z',
    '2022-03-05T09:00:00',
    '2022-03-05 09:00:00Z',
    '0000-01-01T00:00Z',
  ])('refuses %s', (s) => {
    expect(isStrictInstant(s)).toBe(false);
  });

  it('agrees with a round trip through Date for every instant it takes', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
        const text = d.toISOString();
        expect(isStrictInstant(text)).toBe(true);
        expect(new Date(text).toISOString()).toBe(text);
      }),
    );
  });
});
