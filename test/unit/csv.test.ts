import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from '../../src/cli/csv.ts';

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\uFEFFa,b\r\n"Шевченко, Олександр","say ""hi"""\r\n"two\nlines",\n\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['Шевченко, Олександр', 'say "hi"'],
      ['two\nlines', ''],
    ]);
  });

  it('quotes only what needs quoting', () => {
    expect(formatCsv([['a', 'b,c', 'd"e', ' f']])).toBe('a,"b,c","d""e"," f"\n');
  });

  it('reads back what it writes (property)', () => {
    const field = fc.string({ maxLength: 12 });
    const rows = fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(rows, (table) => {
        // A row of one empty field is written as a blank line, which reads as no row: not produced here.
        expect(parseCsv(formatCsv(table))).toEqual(table);
      }),
    );
  });
});
