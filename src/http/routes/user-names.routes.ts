import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { namesOfUsers } from '../../services/user-names.service.ts';
import { requireAuth } from '../auth.ts';
import { ActorNameOut, AUTH_ERRORS } from '../schemas/common.ts';

export const userNameRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/users/names',
    {
      schema: {
        tags: ['identity'],
        summary: 'Who acted: the name of each user (where you may see it), else their organisation and role',
        querystring: Type.Object({ ids: Type.String({ minLength: 1, maxLength: 8000, description: 'user ids, comma-separated' }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ items: Type.Array(ActorNameOut) }),
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return namesOfUsers(ctx, actor, request.query.ids.split(',').map((id) => id.trim()).filter((id) => id.length > 0));
    },
  );
};
