import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC_LANGS } from '../../domain/public-text.ts';
import type { ServiceContext } from '../../services/context.ts';
import { mediatorSigningKey } from '../../services/feeds.service.ts';
import type { PublicSnapshotService } from '../../services/public-snapshot.service.ts';
import { fromSnapshot } from '../public-hot-path.ts';
import { SIGNING_ALGORITHM } from '../../services/keys.service.ts';
import { notFound } from '../../domain/errors.ts';

const langs = PUBLIC_LANGS.map((l) => Type.Literal(l));

/** The public feeds (no login): the renderers in src/feeds do the work, these only serve them. */
export const feedRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext; snapshot?: PublicSnapshotService | undefined }> = async (app, { ctx, snapshot }) => {
  // Each feed comes from the public snapshot, rendered (and each CAP alert signed) once per change.
  const options = { logLevel: 'warn' } as const;
  app.get(
    '/feeds/corridors.atom',
    {
      ...options,
      schema: { tags: ['feeds'], summary: 'Atom feed of public corridors in one language', querystring: Type.Object({ lang: Type.Optional(Type.Union(langs)) }) },
    },
    fromSnapshot(snapshot),
  );
  app.get('/feeds/alerts.cap.xml', { ...options, schema: { tags: ['feeds'], summary: 'Atom index of the CAP 1.2 alerts, each entry linking its alert' } }, fromSnapshot(snapshot));
  app.get(
    '/feeds/alerts/:file',
    {
      ...options,
      schema: { tags: ['feeds'], summary: 'One CAP 1.2 alert, signed by the mediator (…/<identifier>.cap.xml)', params: Type.Object({ file: Type.String({ maxLength: 200 }) }) },
    },
    fromSnapshot(snapshot, () => notFound('alert')),
  );
  app.get('/feeds/corridors.geojson', { ...options, schema: { tags: ['feeds'], summary: 'GeoJSON of public corridors: routes, areas, gathering points' } }, fromSnapshot(snapshot));
  app.get('/feeds/corridors.hxl.csv', { ...options, schema: { tags: ['feeds'], summary: 'HXL-tagged CSV of public corridors, one row per gathering point' } }, fromSnapshot(snapshot));

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
