import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { verifyAuditLogAs } from '../../services/audit.service.ts';
import type { ServiceContext } from '../../services/context.ts';
import { listPlacesFor } from '../../services/places.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, ProblemSchema } from '../schemas/common.ts';
import { PlaceListOut } from '../schemas/places.ts';

export const systemRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness and database reachability',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), db: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]) }),
          503: Type.Object({ status: Type.Literal('unavailable'), db: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ok' as const, db: ctx.dialect };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const, db: ctx.dialect });
      }
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['operations'],
        summary: 'Verify the hash chain of the audit log (mediator admin)',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            count: Type.Integer(),
            headHash: Type.Optional(Type.String()),
            seq: Type.Optional(Type.Integer()),
            reason: Type.Optional(Type.String()),
          }),
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return verifyAuditLogAs(ctx, actor);
    },
  );

  app.get(
    '/api/v1/places',
    {
      schema: {
        tags: ['places'],
        summary: 'The gazetteer: places with their Ukrainian, Russian and English names and common spellings',
        response: {
          200: PlaceListOut,
          ...AUTH_ERRORS,
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return { items: await listPlacesFor(ctx, actor) };
    },
  );
};
