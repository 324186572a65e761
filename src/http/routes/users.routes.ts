import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { createUser, listUserAccounts } from '../../services/identity.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, Id, PAGE_FIELDS, pageOf, pageRequestOf, ProblemSchema, RoleSchema, UserSchema } from '../schemas/common.ts';

export const userRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['identity'],
        summary: "Create a user (mediator admin, or an organisation's admin for its own organisation)",
        body: Type.Object(
          {
            orgId: Id,
            email: Type.String({ format: 'email', maxLength: 320 }),
            name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
            password: Type.String({ minLength: 1, maxLength: 1000 }),
            role: RoleSchema,
          },
          { additionalProperties: false },
        ),
        response: { 201: UserSchema, ...AUTH_ERRORS, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      const user = await createUser(ctx, actor, request.body);
      return reply.code(201).send(user);
    },
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['identity'],
        summary: 'List users (admins; an organisation admin sees its own)',
        querystring: Type.Object({ ...PAGE_FIELDS, orgId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: pageOf(UserSchema), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return listUserAccounts(ctx, actor, { ...pageRequestOf(request.query), orgId: request.query.orgId });
    },
  );
};
