import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { approveKey, enrolKey, listKeys, revokeKey } from '../../services/keys.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, IdParams, ProblemSchema } from '../schemas/common.ts';

const COMMAND_ERRORS = { ...AUTH_ERRORS, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const PartyKeyOut = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  algorithm: Type.String(),
  publicKey: Type.String({ description: 'base64 of the raw 32-byte Ed25519 public key' }),
  fingerprint: Type.String({ description: 'first 8 bytes of the SHA-256 of the raw key, hex in groups of four' }),
  fingerprintWords: Type.String({ description: 'the first 48 bits of the same digest as eight words' }),
  label: Nullable(Type.String()),
  status: Type.Enum(['pending', 'active', 'revoked', 'retired'] as const),
  serverHeld: Type.Boolean({ description: 'made and held by the server before parties held their own keys' }),
  enrolledBy: Nullable(Type.String()),
  enrolledAt: Type.String(),
  approvedBy: Nullable(Type.String()),
  approvedAt: Nullable(Type.String()),
  revokedBy: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()),
});

/** Party signing keys: only public halves reach the server; each party's admin approves its own. */
export const keyRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/keys',
    {
      schema: {
        tags: ['keys'],
        summary: "Party signing keys (own party; the mediator sees every party's) and the operator's key for checkpoints and CAP",
        response: {
          200: Type.Object({
            items: Type.Array(PartyKeyOut),
            operatorKeys: Type.Array(Type.Object({ orgId: Type.String(), algorithm: Type.String(), publicKey: Type.String({ description: 'base64 SPKI DER' }), createdAt: Type.String() })),
          }),
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
