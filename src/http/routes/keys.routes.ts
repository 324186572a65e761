import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { approveKey, enrolKey, listKeys, revokeKey } from '../../services/keys.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, IdParams, ProblemSchema } from '../schemas/common.ts';
import { KeysListOut, PartyKeyOut } from '../schemas/signing.ts';

const COMMAND_ERRORS = { ...AUTH_ERRORS, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

/** Party signing keys: only public halves reach the server; each party's admin approves its own. */
export const keyRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/keys',
    {
      schema: {
        tags: ['keys'],
        summary: "Party signing keys (own party; the mediator sees every party's) and the operator's key for checkpoints and CAP",
        response: {
          200: KeysListOut,
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return listKeys(ctx, actor);
    },
  );

  app.post(
    '/api/v1/keys',
    {
      schema: {
        tags: ['keys'],
        summary: "A liaison enrols the public half of a key made on its own device; pending until the party's admin approves",
        body: Type.Object(
          { publicKey: Type.String({ minLength: 1, maxLength: 200 }), label: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 201: PartyKeyOut, ...COMMAND_ERRORS, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await enrolKey(ctx, actor, request.body));
    },
  );

  app.post(
    '/api/v1/keys/:id/approve',
    { schema: { tags: ['keys'], summary: "The party's own admin approves a pending key", params: IdParams, response: { 200: PartyKeyOut, ...COMMAND_ERRORS } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return approveKey(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/keys/:id/revoke',
    {
      schema: {
        tags: ['keys'],
        summary: "The party's own admin revokes a key: it signs nothing afterwards; what it signed stays verifiable",
        params: IdParams,
        body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false })),
        response: { 200: PartyKeyOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return revokeKey(ctx, actor, request.params.id, request.body?.reason);
    },
  );
};
