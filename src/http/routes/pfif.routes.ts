import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { exportPfif, importPfif } from '../../services/pfif.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, ProblemSchema } from '../schemas/common.ts';

export const pfifRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  // XML only in this plugin: every other route keeps taking JSON alone.
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get(
    '/api/v1/pfif/export',
    { schema: { tags: ['people'], summary: 'Consented person and note records as PFIF 1.4 XML (tracing desk)', response: { 200: Type.String(), ...AUTH_ERRORS } } },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      const xml = await exportPfif(ctx, actor);
      return reply.type('application/xml; charset=utf-8').header('cache-control', 'no-store').send(xml);
    },
  );

  app.post(
    '/api/v1/pfif/import',
    {
      schema: {
        tags: ['people'],
        summary: 'Import PFIF 1.4 person records (Content-Type: application/xml); a record already imported is skipped',
        querystring: Type.Object(
          { site: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "a site of your organisation: the imported people, who consent, become traceable there" })) },
          { additionalProperties: false },
        ),
        body: Type.String({ minLength: 1 }),
        response: { 200: Type.Object({ imported: Type.Integer(), skipped: Type.Integer() }), ...AUTH_ERRORS, 422: ProblemSchema },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return importPfif(ctx, actor, request.body, { site: request.query.site });
    },
  );
};
