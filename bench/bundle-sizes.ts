/**
 * Bundle sizes: every built chunk of dist/web/assets raw and gzip-compressed (level 9, as a
 * server or CDN would send it), and which chunks each page loads on its first visit before any
 * click: the entry, what its HTML preloads, and the locale chunks of one language.
 *   npm run build:web && npx tsx bench/bundle-sizes.ts
 * Names are printed without their content hash, so two builds compare line by line.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { WEB_ROOT } from '../src/http/web.ts';

const assets = path.join(WEB_ROOT, 'assets');
const files = fs.readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
const sizeOf = (file: string): { raw: number; gzip: number } => {
  const body = fs.readFileSync(path.join(assets, file));
  return { raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
};
const unhashed = (file: string): string => file.replace(/-[\w-]{8}\.(js|css)$/, '.$1');
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

console.log('| chunk | raw | gzip |\n|---|---:|---:|');
for (const file of files.sort((a, b) => sizeOf(b).raw - sizeOf(a).raw)) {
  const { raw, gzip } = sizeOf(file);
  console.log(`| ${unhashed(file)} | ${kb(raw)} | ${kb(gzip)} |`);
}

/** The assets a page's HTML names (entry script, modulepreloads, stylesheets). */
function assetsOfPage(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1] ?? '');
}

for (const [page, htmlFile] of [
  ['/trace (public)', 'index.html'],
  ['/verify (public)', 'verify/index.html'],
  ['/ops (console)', 'ops/index.html'],
] as const) {
  const named = assetsOfPage(fs.readFileSync(path.join(WEB_ROOT, htmlFile), 'utf8'));
  // Locale chunks are fetched by the entry for the language in use (here uk) and are not in the HTML;
  // /verify fetches every language's public strings, as it promises to work offline once loaded.
  const langs = page.startsWith('/verify') ? '(uk|ru|en)' : 'uk';
  const locales = files.filter((f) => new RegExp(`^(public|console)\\.${langs}-`).test(f) && (page.includes('console') || f.startsWith('public.')));
  const all = [...named, ...locales];
  const raw = all.reduce((sum, f) => sum + sizeOf(f).raw, 0);
  const gzip = all.reduce((sum, f) => sum + sizeOf(f).gzip, 0);
  console.log(`${page}: ${all.map(unhashed).join(', ')} = ${kb(raw)} raw, ${kb(gzip)} gzip`);
}
