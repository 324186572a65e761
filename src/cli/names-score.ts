import { readFile } from 'node:fs/promises';
import { DEFAULT_MATCH_THRESHOLD, prepareName, scorePrepared, type PreparedName } from '../domain/names/index.ts';
import { formatCsv, parseCsv } from './csv.ts';

/**
 * `safe-passage names score --pairs <file.csv>` (docs/api.md §People): scores pairs of full names.
 * Input: CSV with a header that has columns `a` and `b` (others are ignored). Output on stdout:
 * `a,b,score,match`, the score with 4 decimals, match at the registration threshold.
 *
 * Names are personal data: they go to stdout only, as the requested result. Error messages name
 * the file and the problem, never a row's content.
 */

/** A problem with the input file, reported without its content. */
export class NamePairsFileError extends Error {}

/**
 * Scores every pair of a CSV text and returns the result CSV.
 *
 * @example scoreNamePairsCsv('a,b\nОлександр Шевченко,Aleksander Szewczenko\n')
 *   // 'a,b,score,match\nОлександр Шевченко,Aleksander Szewczenko,1.0000,true\n'
 */
export function scoreNamePairsCsv(text: string, threshold = DEFAULT_MATCH_THRESHOLD): string {
  const [header, ...rows] = parseCsv(text);
  const columns = (header ?? []).map((name) => name.trim().toLowerCase());
  const ia = columns.indexOf('a');
  const ib = columns.indexOf('b');
  if (ia < 0 || ib < 0) throw new NamePairsFileError('the file must start with a header row that has columns "a" and "b"');
  // People repeat across pairs (one person against many): analyse each distinct name once.
  const prepared = new Map<string, PreparedName>();
  const prepare = (name: string): PreparedName => {
    let p = prepared.get(name);
    if (p === undefined) {
      p = prepareName(name);
      prepared.set(name, p);
    }
    return p;
  };
  const out: string[][] = [['a', 'b', 'score', 'match']];
  for (const row of rows) {
    const a = row[ia] ?? '';
    const b = row[ib] ?? '';
    const score = a.trim() === '' || b.trim() === '' ? 0 : scorePrepared(prepare(a), prepare(b));
    out.push([a, b, score.toFixed(4), String(score >= threshold)]);
  }
  return formatCsv(out);
}

/** Reads the file and prints the scored pairs; throws NamePairsFileError with a safe message. */
export async function printNamePairScores(file: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : 'it cannot be read';
    throw new NamePairsFileError(`cannot read ${file}: ${reason}`);
  }
  process.stdout.write(scoreNamePairsCsv(text));
}
