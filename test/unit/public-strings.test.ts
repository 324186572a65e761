import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import enPublic from '../../web/src/i18n/en/public.json' with { type: 'json' };
import enConsole from '../../web/src/i18n/en/console.json' with { type: 'json' };

/**
 * The public and verify pages fetch only web/src/i18n/<lang>/public.json (web/src/i18n/index.ts),
 * while the typed `t` knows the console's keys too: a console key used on those pages would show
 * as the key itself. So every key their code names must be in the public bundle.
 */
const ENTRIES = ['web/src/public/main.tsx', 'web/src/public/verify/main.tsx'];
const IMPORT = /(?:from|import)\s*['"](\.[^'"]+)['"]/g;
const KEY = /\bt\(\s*['"`]([A-Za-z]+)\./g;

/** The web/src files an entry reaches through relative imports. */
function reachable(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !/\.tsx?$/.test(file) || !file.startsWith('web/src/')) continue;
    seen.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)));
  }
  return [...seen];
}

describe('the public pages ask only for the public strings', () => {
  it('name no key outside web/src/i18n/<lang>/public.json', () => {
    const files = reachable(ENTRIES);
    expect(files).toContain('web/src/components/BirthDateFields.tsx');
    const used = files.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(KEY)].map((m) => `${file}: ${m[1]}`));
    expect(used.length).toBeGreaterThan(30);
    expect(used.filter((u) => !Object.hasOwn(enPublic, u.split(': ')[1]!))).toEqual([]);
    // The check sees a console key when there is one.
    expect(Object.hasOwn(enPublic, Object.keys(enConsole)[0]!)).toBe(false);
  });
});
