import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../../src/http/web.ts';

/**
 * What the public pages (/trace and /verify) load must not carry the console: neither its
 * strings (web/src/i18n/<lang>/console.json) nor its code (web/src/ops), and of the public
 * strings only the reader's language. Read from the built app (dist/web, `npm run build:web`;
 * `npm test` builds it first), as a browser would load it.
 */
const LANGS = ['uk', 'ru', 'en'] as const;
type Lang = (typeof LANGS)[number];
const I18N = path.resolve('web/src/i18n');
const ASSETS = path.join(WEB_ROOT, 'assets');

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return value && typeof value === 'object' ? Object.values(value).flatMap(stringsOf) : [];
}
const bundle = (lang: Lang, name: 'public' | 'console'): string[] => stringsOf(JSON.parse(fs.readFileSync(path.join(I18N, lang, `${name}.json`), 'utf8')));

/** Sentences a chunk holds verbatim (no quote, backslash or line break the bundler would escape), long enough to be unique. */
const sentences = (list: string[], unlessIn: string[]): string[] => {
  const other = new Set(unlessIn);
  return [...new Set(list)].filter((s) => s.length >= 24 && !/["\\\n]/.test(s) && !other.has(s));
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}
const testIdsIn = (files: string[]): Set<string> => new Set(files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/data-testid="([\w-]+)"/g)].map((m) => m[1]!)));

let assets: string[];
const read = (file: string): string => fs.readFileSync(path.join(ASSETS, file), 'utf8');
const chunk = (name: string): string => {
  const file = assets.find((f) => f.startsWith(`${name}-`) && f.endsWith('.js'));
  expect(file, `chunk ${name} in dist/web/assets`).toBeDefined();
  return read(file!);
};

/** The scripts a page loads first: those its HTML names, and the public strings of one language. */
function firstLoad(htmlFile: string, lang: Lang): string {
  const html = fs.readFileSync(path.join(WEB_ROOT, htmlFile), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
  expect(named.length).toBeGreaterThan(0);
  return [...named.map(read), chunk(`public.${lang}`)].join('\n');
}

describe('the public pages load none of the console, and one language', () => {
  beforeAll(() => {
    if (!fs.existsSync(ASSETS)) throw new Error(`no built web app in ${WEB_ROOT}: run npm run build:web first`);
    assets = fs.readdirSync(ASSETS);
  });

  const publicAll = LANGS.flatMap((l) => bundle(l, 'public'));
  const consoleOnly = Object.fromEntries(LANGS.map((l) => [l, sentences(bundle(l, 'console'), publicAll)])) as Record<Lang, string[]>;
  const publicOnly = (lang: Lang): string[] => sentences(bundle(lang, 'public'), LANGS.filter((l) => l !== lang).flatMap((l) => bundle(l, 'public')));

  it('the console chunks hold the console strings (so the checks below can see them)', () => {
    for (const lang of LANGS) {
      expect(consoleOnly[lang].length, lang).toBeGreaterThan(200);
      const text = chunk(`console.${lang}`);
      expect(consoleOnly[lang].filter((s) => !text.includes(s)), lang).toEqual([]);
    }
  });

  for (const [page, htmlFile] of [
    ['/trace', 'index.html'],
    ['/verify', 'verify/index.html'],
  ] as const) {
    it(`${page} loads no console string in any language`, () => {
      for (const lang of LANGS) {
        const loaded = firstLoad(htmlFile, lang);
        for (const l of LANGS) expect(consoleOnly[l].filter((s) => loaded.includes(s)), `${page} in ${lang}: ${l} console strings`).toEqual([]);
      }
    });

    it(`${page} loads the public strings of the reader's language only`, () => {
      for (const lang of LANGS) {
        const loaded = firstLoad(htmlFile, lang);
        expect(publicOnly(lang).filter((s) => !loaded.includes(s)), `${page} in ${lang}`).toEqual([]);
        for (const other of LANGS.filter((l) => l !== lang)) {
          expect(publicOnly(other).filter((s) => loaded.includes(s)), `${page} in ${lang}: ${other} strings`).toEqual([]);
        }
      }
    });

    it(`${page} loads no console code`, () => {
      // The console's test ids that no public page or kit source names stand for its components; the
      // compound ones only, as a plain word such as "start" may be in any code.
      const publicSource = [...sourceFiles('web/src/public'), ...sourceFiles('web/src/components')].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      const opsIds = [...testIdsIn(sourceFiles('web/src/ops'))].filter((id) => id.includes('-') && !publicSource.includes(id));
      expect(opsIds.length).toBeGreaterThan(50);
      // As a string literal, however the minifier quotes it.
      const holds = (text: string, id: string): boolean => ['"', "'", '`'].some((q) => text.includes(`${q}${id}${q}`));
      const ops = chunk('ops');
      expect(opsIds.filter((id) => !holds(ops, id))).toEqual([]);
      const loaded = firstLoad(htmlFile, 'uk');
      expect(opsIds.filter((id) => holds(loaded, id))).toEqual([]);
      expect(loaded).not.toContain('/ops-sw.js');
      expect(loaded).not.toMatch(/console\.(uk|ru|en)-[\w-]+\.js/);
    });
  }
});
