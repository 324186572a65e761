import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import type { PublicSnapshotService } from '../../services/public-snapshot.service.ts';
import { listPublicCorridors } from '../../services/public.service.ts';
import { PublicCorridorOut } from '../schemas/corridor.ts';
import { replyFromSnapshot } from '../public-hot-path.ts';

export const publicRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext; snapshot?: PublicSnapshotService }> = async (app, { ctx, snapshot }) => {
  app.get(
    '/api/v1/public/corridors',
    {
      schema: {
        tags: ['public'],
        summary: 'Agreed corridors for the public (no login): status, windows, gathering points',
        response: {
          200: Type.Object({ items: Type.Array(PublicCorridorOut), generatedAt: Type.String() }),
          304: Type.Null(),
        },
      },
      // Read by every phone of a country: one info line per request would drown the log.
      logLevel: 'warn',
    },
    async (request, reply) => {
      // Here only when the hot path is not in front (app.inject) or the snapshot is rebuilding.
      if (snapshot && (await replyFromSnapshot(snapshot, request, reply))) return reply;
      const list = await listPublicCorridors(ctx);
      // The ETag covers the items, not generatedAt, so an unchanged list answers 304 to a phone.
      const etag = `"${createHash('sha256').update(JSON.stringify(list.items)).digest('base64url').slice(0, 27)}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=15, must-revalidate');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return list;
    },
  );

  app.get(
    '/api/v1/public/config',
    {
      schema: {
        tags: ['public'],
        summary: 'What the web apps need to know about this deployment (map tiles)',
        response: {
          200: Type.Object({
            tileUrl: Type.Union([Type.String(), Type.Null()]),
            tileAttribution: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { tileUrl: ctx.config.tileUrl, tileAttribution: ctx.config.tileAttribution };
    },
  );
};
