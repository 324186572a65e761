import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import type { PublicSnapshotService } from '../../services/public-snapshot.service.ts';
import { PublicCorridorListOut } from '../schemas/corridor.ts';
import { fromSnapshot } from '../public-hot-path.ts';
import { PublicConfigOut } from '../schemas/public.ts';

export const publicRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext; snapshot?: PublicSnapshotService }> = async (app, { ctx, snapshot }) => {
  app.get(
    '/api/v1/public/corridors',
    {
      schema: {
        tags: ['public'],
        summary: 'Agreed corridors for the public (no login): status, windows, gathering points',
        response: {
          200: PublicCorridorListOut,
          304: Type.Null(),
        },
      },
      // Read by every phone of a country: one info line per request would drown the log.
      logLevel: 'warn',
    },
    // Here only when the hot path is not in front (app.inject) or the snapshot is rebuilding.
    fromSnapshot(snapshot),
  );

  app.get(
    '/api/v1/public/config',
    {
      schema: {
        tags: ['public'],
        summary: 'What the web apps need to know about this deployment (map tiles)',
        response: {
          200: PublicConfigOut,
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { tileUrl: ctx.config.tileUrl, tileAttribution: ctx.config.tileAttribution };
    },
  );
};
