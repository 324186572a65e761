import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { mergePeople } from '../../services/person-merge.service.ts';
import { FLAG_OUTCOMES } from '../../domain/person.ts';
import {
  flagCrossOrgDuplicates,
  grantShares,
  listDuplicateFlags,
  resolveDuplicateFlag,
  sharesOfPerson,
  withdrawShare,
} from '../../services/person-shares.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, Id, IdParams, ProblemSchema } from '../schemas/common.ts';
import { PersonOut } from '../schemas/people.ts';
import { FlagOut, ShareOut } from '../schemas/person-links.ts';

/** Merges, share grants and cross-organisation duplicate flags (docs/api-people.md). */

const COMMAND_ERRORS = { ...AUTH_ERRORS, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

export const personLinkRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/people/:id/merge',
    {
      schema: {
        tags: ['people'],
        summary: 'Merge another record of your organisation into this one: they are one person; the merged id answers with this record',
        params: IdParams,
        body: Type.Object({ otherId: Id }, { additionalProperties: false }),
        response: { 200: PersonOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return mergePeople(ctx, actor, request.params.id, request.body.otherId);
    },
  );

  app.post(
    '/api/v1/people/shares',
    {
      schema: {
        tags: ['people'],
        summary: "Let another agency put people your organisation registered on its movements (or on one): it sees them as counts, never their names",
        body: Type.Object(
          { personIds: Type.Array(Id, { minItems: 1, maxItems: 200 }), orgId: Id, movementId: Type.Optional(Id) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ items: Type.Array(ShareOut) }), ...COMMAND_ERRORS },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await grantShares(ctx, actor, request.body));
    },
  );

  app.post(
    '/api/v1/people/shares/:id/withdrawal',
    { schema: { tags: ['people'], summary: 'Withdraw a share: the person can no longer be added by that agency', params: IdParams, response: { 200: ShareOut, ...COMMAND_ERRORS } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return withdrawShare(ctx, actor, request.params.id);
    },
  );

  app.get(
    '/api/v1/people/:id/shares',
    { schema: { tags: ['people'], summary: "A person's share grants", params: IdParams, response: { 200: Type.Object({ items: Type.Array(ShareOut) }), ...AUTH_ERRORS, 404: ProblemSchema } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return sharesOfPerson(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/people/:id/duplicate-flags',
    {
      schema: {
        tags: ['people'],
        summary: 'Flag "possibly registered by another organisation": likely duplicates elsewhere, by id and score only, for the tracing desk',
        params: IdParams,
        response: { 201: Type.Object({ items: Type.Array(FlagOut) }), ...COMMAND_ERRORS },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await flagCrossOrgDuplicates(ctx, actor, request.params.id));
    },
  );

  app.get(
    '/api/v1/duplicate-flags',
    {
      schema: {
        tags: ['people'],
        summary: 'Duplicate flags: all of them for the tracing desk, your own organisation’s otherwise',
        querystring: Type.Object({ status: Type.Optional(Type.Enum(['open', 'resolved'] as const)) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(FlagOut) }), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return listDuplicateFlags(ctx, actor, { open: request.query.status !== 'resolved' });
    },
  );

  app.post(
    '/api/v1/duplicate-flags/:id/resolution',
    {
      schema: {
        tags: ['people'],
        summary: 'The tracing desk decides, saying why: the same person, or different people (audited with who and why; both records stay their organisations\')',
        params: IdParams,
        body: Type.Object(
          { outcome: Type.Enum(FLAG_OUTCOMES), reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S', description: 'why; ids and facts, never a name' }) },
          { additionalProperties: false },
        ),
        response: { 200: FlagOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return resolveDuplicateFlag(ctx, actor, request.params.id, request.body);
    },
  );
};
