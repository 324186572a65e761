import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/cli/csv.ts';
import { runCli } from '../helpers/cli.ts';

// `names score` needs no database: the same run serves both dialects, so no describe.each here.
describe('CLI names score', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'safe-passage-names-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, content: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, content, 'utf8');
    return path;
  }

  it('scores each pair, keeps quoted fields intact and ignores extra columns', async () => {
    const input = [
      'id,a,b,note',
      '1,"Шевченко, Олександр","Aleksander ""Sasha"" Szewczenko",x',
      '2,Олександр Шевченко,Olexandr Schewtschenko,',
      '3,Oleksandr Shevchenko,Oleksandra Shevchenko,"two\nlines"',
      '4,Андрій Кравчук,ANDRII KRAVCHENKO,',
      '5,Ганна Коваленко,Ganna Kovalenko,',
      '6,,Ganna Kovalenko,',
    ].join('\r\n');
    const result = await runCli(['names', 'score', '--pairs', await file('pairs.csv', input)], {});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = parseCsv(result.stdout);
    expect(rows[0]).toEqual(['a', 'b', 'score', 'match']);
    expect(rows).toHaveLength(7);
    expect(rows[1]?.slice(0, 2)).toEqual(['Шевченко, Олександр', 'Aleksander "Sasha" Szewczenko']);
    expect(result.stdout).toContain('"Шевченко, Олександр","Aleksander ""Sasha"" Szewczenko"');
    for (const row of rows.slice(1)) {
      expect(row).toHaveLength(4);
      expect(row[2]).toMatch(/^(0|1)\.\d{4}$/);
      expect(['true', 'false']).toContain(row[3]);
    }
    expect(rows.slice(1).map((r) => r[3])).toEqual(['true', 'true', 'false', 'false', 'true', 'false']);
    expect(rows[6]?.[2]).toBe('0.0000');
  });

  it('exits 1 with a clear message for a missing file, naming no one', async () => {
    const result = await runCli(['names', 'score', '--pairs', join(dir, 'absent.csv')], {});
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/cannot read .*absent\.csv: no such file/);
  });

  it('exits 1 for a file without a,b columns, without echoing its content', async () => {
    const path = await file('wrong.csv', 'first,second\nОлександр Шевченко,Oleksandr Shevchenko\n');
    const result = await runCli(['names', 'score', '--pairs', path], {});
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/header row that has columns "a" and "b"/);
    expect(result.stderr).not.toMatch(/Шевченко|Shevchenko/);
  });

  it('requires --pairs', async () => {
    const result = await runCli(['names', 'score'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--pairs/);
  });
});
