import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PUBLIC_LANGS } from '../domain/public-text.ts';

/** Where `npm run build:web` puts the React apps (see web/vite.config.ts). */
export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * Serves the React apps: the family-tracing form at `/trace`, the evidence bundle check at
 * `/verify` (and `/uk/verify`… for a language) and the staff console at `/ops` (the
 * public page itself is rendered on the server: routes/public-site.routes.ts). Hashed assets are cached for a
 * year; the HTML is revalidated every time so a phone never keeps an old app after a fix.
 */
export async function installWeb(app: FastifyInstance, root = WEB_ROOT): Promise<void> {
  const built = fs.existsSync(path.join(root, 'index.html'));
  const sendPage = (reply: FastifyReply, file: string): FastifyReply => {
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm run build:web` (npm install does it).');
    }
    return reply.header('cache-control', 'no-cache').sendFile(file);
  };

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    wildcard: true,
    setHeaders(res, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    },
  });
  app.get('/trace', { schema: { hide: true } }, (_request, reply) => sendPage(reply, 'index.html'));
  app.get('/verify', { schema: { hide: true } }, (_request, reply) => sendPage(reply, 'verify/index.html'));
  for (const lang of PUBLIC_LANGS) app.get(`/${lang}/verify`, { schema: { hide: true } }, (_request, reply) => sendPage(reply, 'verify/index.html'));
  app.get('/ops', { schema: { hide: true } }, (_request, reply) => sendPage(reply, 'ops/index.html'));
  app.get('/ops/*', { schema: { hide: true } }, (_request, reply) => sendPage(reply, 'ops/index.html'));
}

/** The Content Security Policy of the web apps: only our own scripts, styles and API. */
export function contentSecurityPolicy(tileUrl: string | null): Record<string, string[]> {
  const imgSrc = ["'self'", 'data:'];
  if (tileUrl) {
    try {
      // Tile templates hold {s}, {z}… placeholders; the origin alone is what CSP needs.
      const origin = new URL(tileUrl.replace(/\{s\}/g, 'a').replace(/\{[a-z]\}/g, '0')).origin;
      imgSrc.push(origin, origin.replace('//a.', '//*.'));
    } catch {
      // An unparsable tile URL just gets no exception in the policy; the map still draws offline.
    }
  }
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': imgSrc,
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
  };
}
