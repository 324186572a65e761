import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CORRIDOR_STATUSES, type ControlType } from '../../domain/corridor.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  amendCorridor,
  controlCorridor,
  createCorridor,
  decideOnCorridor,
  getCorridor,
  getCorridorTimeline,
  corridorSignatures,
  corridorStatement,
  getCorridorVersion,
  listCorridors,
  proposeCorridor,
} from '../../services/corridor.service.ts';
import { corridorEvidence } from '../../services/evidence.service.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { SignatureFields, SignaturesOut, StatementOut } from '../schemas/signing.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, IdParams, PAGE_FIELDS, pageOf, pageRequestOf, ProblemSchema } from '../schemas/common.ts';
import {
  ApprovalOut,
  CorridorAmendBody,
  CorridorBody,
  CorridorOut,
  CorridorVersionOut,
  TimelineOut,
} from '../schemas/corridor.ts';

const COMMAND_ERRORS = { ...AUTH_ERRORS, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const Reason = Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' });

export const corridorRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/corridors',
    { schema: { tags: ['corridors'], summary: 'Draft a corridor (mediator)', body: CorridorBody, response: { 201: CorridorOut, ...COMMAND_ERRORS } } },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await createCorridor(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/v1/corridors',
    {
      schema: {
        tags: ['corridors'],
        summary: 'Corridors the caller may see, filtered by derived status',
        querystring: Type.Object({ ...PAGE_FIELDS, status: Type.Optional(Type.Enum(CORRIDOR_STATUSES)) }, { additionalProperties: false }),
        response: { 200: pageOf(CorridorOut), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return listCorridors(ctx, actor, { ...pageRequestOf(request.query), status: request.query.status });
    },
  );

  app.get(
    '/api/v1/corridors/:id',
    { schema: { tags: ['corridors'], summary: 'One corridor with status, approvals and windows', params: IdParams, response: { 200: CorridorOut, ...AUTH_ERRORS, 404: ProblemSchema } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return getCorridor(ctx, actor, request.params.id);
    },
  );

  app.put(
    '/api/v1/corridors/:id',
    {
      schema: {
        tags: ['corridors'],
        summary: 'Amend: a new version (409 if `version` is not the current one); earlier approvals stop counting',
        params: IdParams,
        body: CorridorAmendBody,
        response: { 200: CorridorOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return amendCorridor(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/v1/corridors/:id/propose',
    { schema: { tags: ['corridors'], summary: 'Send the current version to the parties (422 naming what is missing)', params: IdParams, response: { 200: CorridorOut, ...COMMAND_ERRORS } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return proposeCorridor(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/corridors/:id/approvals',
    {
      schema: {
        tags: ['corridors'],
        summary: "A party's signed approval or rejection of one version (liaison of a listed party)",
        params: IdParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            decision: Type.Enum(['approve', 'reject'] as const),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
            ...SignatureFields,
          },
          { additionalProperties: false },
        ),
        response: { 201: ApprovalOut, ...COMMAND_ERRORS, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await decideOnCorridor(ctx, actor, request.params.id, request.body));
    },
  );

  const controls: [ControlType, string, boolean][] = [
    ['suspend', 'Suspend an agreed or open corridor (mediator), with a reason and optionally the incident', true],
    ['resume', 'Resume a suspended corridor (mediator)', false],
    ['close', 'Close a corridor for good (mediator)', false],
  ];
  for (const [type, summary, withIncident] of controls) {
    const body = withIncident
      ? Type.Object({ reason: Reason, incidentId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false })
      : Type.Object({ reason: Reason }, { additionalProperties: false });
    app.post(
      `/api/v1/corridors/:id/${type}`,
      { schema: { tags: ['corridors'], summary, params: IdParams, body, response: { 200: CorridorOut, ...COMMAND_ERRORS } } },
      async (request) => {
        const { actor } = await requireAuth(ctx, request);
        return controlCorridor(ctx, actor, request.params.id, type, request.body as { reason: string; incidentId?: string });
      },
    );
  }

  app.get(
    '/api/v1/corridors/:id/versions/:v',
    {
      schema: {
        tags: ['corridors'],
        summary: 'Any version, immutable, with the decisions on it',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }), v: Type.String({ pattern: '^[1-9][0-9]{0,5}$' }) }),
        response: {
          200: CorridorVersionOut,
          ...AUTH_ERRORS,
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return getCorridorVersion(ctx, actor, request.params.id, Number(request.params.v));
    },
  );

  app.get(
    '/api/v1/corridors/:id/timeline',
    {
      schema: {
        tags: ['corridors'],
        summary: 'Status timeline: versions, proposals, decisions, suspensions, windows',
        params: IdParams,
        response: {
          200: TimelineOut,
          ...AUTH_ERRORS,
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return { items: await getCorridorTimeline(ctx, actor, request.params.id) };
    },
  );

  app.get(
    '/api/v1/corridors/:id/versions/:v/statement',
    {
      schema: {
        tags: ['corridors'],
        summary: "The exact statement a party signs to decide on this version (recompute it yourself before signing)",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }), v: Type.String({ pattern: '^[1-9][0-9]{0,5}$' }) }),
        querystring: Type.Object({ decision: Type.Enum(['approve', 'reject'] as const), signedAt: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: { 200: StatementOut, ...AUTH_ERRORS, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      const { statement, contentHash } = await corridorStatement(ctx, actor, request.params.id, Number(request.params.v), request.query);
      return { statement, contentHash };
    },
  );

  app.get(
    '/api/v1/corridors/:id/evidence',
    {
      schema: {
        tags: ['corridors'],
        summary: 'The evidence bundle: every version, signed decision, key enrolment, movement (counts only), incident and control, with the audit events and their proofs to a fresh signed checkpoint (docs/evidence.md)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      const bundle = await corridorEvidence(ctx, actor, request.params.id);
      // Sent as its canonical JSON, the exact bytes the verifier checks, and as a file to keep.
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="evidence-${request.params.id}.json"`)
        .header('cache-control', 'no-store')
        .send(canonicalJson(bundle));
    },
  );

  app.get(
    '/api/v1/corridors/:id/signatures',
    {
      schema: {
        tags: ['corridors'],
        summary: 'Every signed decision on the corridor, each with the key that made it and its enrolment (who approved it, when)',
        params: IdParams,
        response: { 200: SignaturesOut, ...AUTH_ERRORS, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return corridorSignatures(ctx, actor, request.params.id);
    },
  );
};
