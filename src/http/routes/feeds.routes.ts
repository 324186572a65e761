import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC_LANGS } from '../../domain/public-text.ts';
import type { Lang } from '../../domain/gazetteer.ts';
import { renderCorridorsAtom } from '../../feeds/atom.ts';
import { renderCapIndex } from '../../feeds/cap.ts';
import { renderCorridorsGeoJson } from '../../feeds/geojson.ts';
import { renderCorridorsHxl } from '../../feeds/hxl.ts';
import type { ServiceContext } from '../../services/context.ts';
import { listCapAlerts, mediatorSigningKey } from '../../services/feeds.service.ts';
import { listPublicCorridors } from '../../services/public.service.ts';
import { SIGNING_ALGORITHM } from '../../services/keys.service.ts';
import { notFound } from '../../domain/errors.ts';

const CACHE = 'public, max-age=60';
const langs = PUBLIC_LANGS.map((l) => Type.Literal(l));

/** The public feeds (no login): the renderers in src/feeds do the work, these only serve them. */
export const feedRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/feeds/corridors.atom',
    { schema: { tags: ['feeds'], summary: 'Atom feed of public corridors in one language', querystring: Type.Object({ lang: Type.Optional(Type.Union(langs)) }) } },
    async (request, reply) => {
      const { items, generatedAt } = await listPublicCorridors(ctx);
      const lang: Lang = request.query.lang ?? 'uk';
      reply.header('content-type', 'application/atom+xml; charset=utf-8').header('cache-control', CACHE);
      return renderCorridorsAtom({ views: items, generatedAt, publicUrl: ctx.config.publicUrl, lang });
    },
  );

  app.get('/feeds/alerts.cap.xml', { schema: { tags: ['feeds'], summary: 'Atom index of the CAP 1.2 alerts, each entry linking its alert' } }, async (_request, reply) => {
    const { alerts, generatedAt } = await listCapAlerts(ctx);
    reply.header('content-type', 'application/atom+xml; charset=utf-8').header('cache-control', CACHE);
    return renderCapIndex({ entries: alerts, generatedAt, publicUrl: ctx.config.publicUrl });
  });

  app.get(
    '/feeds/alerts/:file',
    { schema: { tags: ['feeds'], summary: 'One CAP 1.2 alert, signed by the mediator (…/<identifier>.cap.xml)', params: Type.Object({ file: Type.String({ maxLength: 200 }) }) } },
    async (request, reply) => {
      const identifier = request.params.file.endsWith('.cap.xml') ? request.params.file.slice(0, -'.cap.xml'.length) : null;
      const alert = identifier === null ? undefined : (await listCapAlerts(ctx)).alerts.find((a) => a.identifier === identifier);
      if (!alert) throw notFound('alert');
      reply.header('content-type', 'application/cap+xml; charset=utf-8').header('cache-control', CACHE);
      return alert.xml;
    },
  );

  app.get('/feeds/corridors.geojson', { schema: { tags: ['feeds'], summary: 'GeoJSON of public corridors: routes, areas, gathering points' } }, async (_request, reply) => {
    const { items, generatedAt } = await listPublicCorridors(ctx);
    reply.header('content-type', 'application/geo+json; charset=utf-8').header('cache-control', CACHE);
    return renderCorridorsGeoJson({ views: items, generatedAt, publicUrl: ctx.config.publicUrl });
  });

  app.get('/feeds/corridors.hxl.csv', { schema: { tags: ['feeds'], summary: 'HXL-tagged CSV of public corridors, one row per gathering point' } }, async (_request, reply) => {
    const { items } = await listPublicCorridors(ctx);
    reply.header('content-type', 'text/csv; charset=utf-8').header('cache-control', CACHE);
    return renderCorridorsHxl({ views: items, publicUrl: ctx.config.publicUrl });
  });

  app.get(
    '/feeds/signing-key',
    {
      schema: {
        tags: ['feeds'],
        summary: "The mediator's public key that signs the CAP alerts (Ed25519, SPKI DER, base64)",
        response: { 200: Type.Object({ orgId: Type.String(), algorithm: Type.String(), publicKey: Type.String() }) },
      },
    },
    async (_request, reply) => {
      const key = await mediatorSigningKey(ctx);
      if (!key) throw notFound('signing key');
      reply.header('cache-control', 'public, max-age=300');
      return { orgId: key.orgId, algorithm: SIGNING_ALGORITHM, publicKey: key.publicKey };
    },
  );
};
