import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

const LOCALE_FILE = /web[\\/]src[\\/]i18n[\\/](\w+)[\\/](\w+)\.json$/;
const localeChunk = (id: string): string | null => {
  const [, lang, bundle] = LOCALE_FILE.exec(id) ?? [];
  return lang && bundle ? `${bundle}.${lang}` : null;
};

/**
 * Three pages, served by the Fastify server from dist/web:
 *   /      → index.html      (public site)
 *   /ops/* → ops/index.html  (staff console; the server answers every /ops path with it)
 *   /verify, /uk/verify… → verify/index.html (the evidence bundle check, in the browser only)
 * web/public/ (geo boundary files, favicon) is copied as is.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: resolve(webRoot, 'public'),
  plugins: [react()],
  build: {
    outDir: resolve(webRoot, '../dist/web'),
    emptyOutDir: true,
    target: 'es2020',
    // Strict CSP (script-src 'self'): never inline assets as data: scripts; small images may be data: URIs.
    assetsInlineLimit: 2048,
    sourcemap: false,
    rolldownOptions: {
      input: {
        main: resolve(webRoot, 'index.html'),
        ops: resolve(webRoot, 'ops/index.html'),
        verify: resolve(webRoot, 'verify/index.html'),
      },
      output: {
        // Libraries in chunks of their own, named, so a fix in our code leaves the browser's cached
        // copy of React or Leaflet valid, and bench/bundle-sizes.ts can say what each one weighs.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements|use-sync-external-store)[\\/]/, priority: 2 },
            { name: 'leaflet', test: /node_modules[\\/]leaflet[\\/]/, priority: 2 },
            { name: 'turf', test: /node_modules[\\/](@turf|jsts|d3-geo|d3-array)[\\/]/, priority: 2 },
            // Each language's strings, per bundle (web/src/i18n/<lang>/<bundle>.json), a chunk of its own named
            // public.uk, console.en…: fetched by web/src/i18n/index.ts for the reader's language only.
            { name: localeChunk, test: LOCALE_FILE, priority: 4 },
            // Our code two or more pages use (language switch, API client): one named chunk, not one named after a component.
            // The public pages must load no console code (test/api/bundle-split.test.ts), so nothing only the console
            // and the verify page share may land here: today that is src/domain code, in a chunk of its own.
            { name: 'shared', test: /web[\\/]src[\\/]|modulepreload-polyfill/, minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` next to `npm start`.
    proxy: { '/api': 'http://localhost:8080', '/feeds': 'http://localhost:8080' },
  },
});
