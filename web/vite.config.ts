import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Two pages, served by the Fastify server from dist/web:
 *   /      → index.html      (public site)
 *   /ops/* → ops/index.html  (staff console; the server answers every /ops path with it)
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
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` next to `npm start`.
    proxy: { '/api': 'http://localhost:8080', '/feeds': 'http://localhost:8080' },
  },
});
