/**
 * RFC 4180 CSV, reading and writing, for the CLI's file tools. Small on purpose: no dependency
 * is installed for it, and names need only the basics done right — quoted fields that hold
 * commas, doubled quotes and line breaks, CRLF or LF, a UTF-8 byte-order mark from spreadsheets.
 */

/**
 * Parses CSV text into rows of fields. A blank line (no fields at all) is skipped.
 *
 * @example parseCsv('a,b\n"Шевченко, Олександр","say ""hi"""\n') // [['a','b'], ['Шевченко, Олександр', 'say "hi"']]
 */
export function parseCsv(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const endRow = (): void => {
    if (fieldStarted || row.length > 0) {
      row.push(field);
      rows.push(row);
    }
    row = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.length === 0) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      endRow();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  endRow();
  return rows;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field, quoted when it holds a comma, a quote, a line break or edge spaces. */
export function formatCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows as CSV text, each line ended by LF. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(formatCsvField).join(',')).join('\n') + (rows.length > 0 ? '\n' : '');
}
