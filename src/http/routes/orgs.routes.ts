import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { createOrg, getOrganisation, listOrganisations } from '../../services/identity.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, IdParams, OrgKindSchema, OrgSchema, PageQuery, pageOf, pageRequestOf, ProblemSchema } from '../schemas/common.ts';

export const orgRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/orgs',
    {
      schema: {
        tags: ['identity'],
        summary: 'Create an organisation (mediator admin)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }),
            kind: OrgKindSchema,
            timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: OrgSchema, ...AUTH_ERRORS, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      const org = await createOrg(ctx, actor, request.body);
      return reply.code(201).send(org);
    },
  );

  app.get(
    '/api/v1/orgs',
    {
      schema: { tags: ['identity'], summary: 'List organisations', querystring: PageQuery, response: { 200: pageOf(OrgSchema), ...AUTH_ERRORS } },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return listOrganisations(ctx, actor, pageRequestOf(request.query));
    },
  );

  app.get(
    '/api/v1/orgs/:id',
    { schema: { tags: ['identity'], summary: 'One organisation', params: IdParams, response: { 200: OrgSchema, ...AUTH_ERRORS, 404: ProblemSchema } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return getOrganisation(ctx, actor, request.params.id);
    },
  );
};
