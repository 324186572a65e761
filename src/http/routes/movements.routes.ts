import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MOVEMENT_STATUSES } from '../../domain/movement.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  abortMovement,
  acknowledgeMovement,
  movementStatement,
  checkIn,
  checkMovement,
  completeMovement,
  confirmDelivery,
  getMovement,
  listMovements,
  notifyMovement,
  startMovement,
} from '../../services/movement.service.ts';
import { addToManifest, getManifest, recordPassenger, undoPassengerStepFor } from '../../services/passengers.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, Id, IdParams, ProblemSchema } from '../schemas/common.ts';
import { Instant } from '../schemas/corridor.ts';
import { ManifestOut } from '../schemas/manifest.ts';
import { CheckinResultOut, MovementBody, MovementCheckOut, MovementListOut, MovementOut } from '../schemas/movement.ts';
import { SignatureFields, StatementOut } from '../schemas/signing.ts';

const COMMAND_ERRORS = { ...AUTH_ERRORS, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Short = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const movementRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/movements/:id/passengers',
    { schema: { tags: ['movements'], summary: 'The manifest: names for the registering agency, counts for everyone else', params: IdParams, response: { 200: ManifestOut, ...AUTH_ERRORS, 404: ProblemSchema } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return getManifest(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/movements/:id/passengers',
    {
      schema: {
        tags: ['movements'],
        summary: "Put the agency's registered people on the manifest",
        params: IdParams,
        body: Type.Object({ personIds: Type.Array(Id, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false }),
        response: { 200: ManifestOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return addToManifest(ctx, actor, request.params.id, request.body.personIds);
    },
  );

  const Reason = Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' });
  for (const [path, step, summary] of [
    ['board', 'board', 'A person on the manifest boarded (at: the tap time, when sent later from an outbox)'],
    ['arrive', 'arrive', 'A person on the manifest arrived (only once the convoy checked in near its destination or completed)'],
    ['not-boarded', 'not_boarded', 'A person on the manifest did not board'],
  ] as const) {
    app.post(
      `/api/v1/movements/:id/${path}`,
      {
        schema: {
          tags: ['movements'],
          summary,
          params: IdParams,
          // reason: why a person did not board; kept only for that step.
          body: Type.Object({ personId: Id, at: Type.Optional(Instant), reason: Type.Optional(Reason) }, { additionalProperties: false }),
          response: { 200: ManifestOut, ...COMMAND_ERRORS },
        },
      },
      async (request) => {
        const { actor } = await requireAuth(ctx, request);
        return recordPassenger(ctx, actor, request.params.id, step, request.body);
      },
    );
    app.post(
      `/api/v1/movements/:id/${path}/undo`,
      {
        schema: {
          tags: ['movements'],
          summary: `Undo a recorded "${path}" with a reason (kept with who and when)`,
          params: IdParams,
          body: Type.Object({ personId: Id, reason: Reason }, { additionalProperties: false }),
          response: { 200: ManifestOut, ...COMMAND_ERRORS },
        },
      },
      async (request) => {
        const { actor } = await requireAuth(ctx, request);
        return undoPassengerStepFor(ctx, actor, request.params.id, step, request.body);
      },
    );
  }

  app.post(
    '/api/v1/movements',
    { schema: { tags: ['movements'], summary: 'Notify a movement (agency coordinator); returns deconfliction warnings', body: MovementBody, response: { 201: MovementOut, ...COMMAND_ERRORS } } },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await notifyMovement(ctx, actor, request.body));
    },
  );

  app.post(
    '/api/v1/movements/check',
    {
      // A dry run changes nothing: nothing to replay.
      config: { idempotency: false },
      schema: {
        tags: ['movements'],
        summary: 'The warnings a notification would get, without notifying (for the form)',
        body: MovementBody,
        response: { 200: MovementCheckOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return checkMovement(ctx, actor, request.body);
    },
  );

  app.get(
    '/api/v1/movements',
    {
      schema: {
        tags: ['movements'],
        summary: 'Movements the caller may see',
        querystring: Type.Object({ status: Type.Optional(Type.Enum(MOVEMENT_STATUSES)), active: Type.Optional(Type.Enum(['true', 'false'] as const)) }, { additionalProperties: false }),
        response: { 200: MovementListOut, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return { items: await listMovements(ctx, actor, { status: request.query.status, activeOnly: request.query.active === 'true' }), nextCursor: null };
    },
  );

  app.get(
    '/api/v1/movements/:id',
    { schema: { tags: ['movements'], summary: 'One movement with acknowledgements, last check-in, expected passages and overdue', params: IdParams, response: { 200: MovementOut, ...AUTH_ERRORS, 404: ProblemSchema } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return getMovement(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/movements/:id/acknowledgements',
    {
      schema: {
        tags: ['movements'],
        summary: 'A party acknowledges receipt (not a safety guarantee) or denies',
        params: IdParams,
        body: Type.Object(
          { decision: Type.Enum(['acknowledge', 'deny'] as const), comment: Type.Optional(Type.String({ maxLength: 2000 })), ...SignatureFields },
          { additionalProperties: false },
        ),
        response: { 201: MovementOut, ...COMMAND_ERRORS, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await acknowledgeMovement(ctx, actor, request.params.id, request.body));
    },
  );

  for (const [path, run, summary] of [
    ['start', startMovement, 'The convoy sets off (only once acknowledged)'],
    ['complete', completeMovement, 'The convoy arrived'],
  ] as const) {
    app.post(
      `/api/v1/movements/:id/${path}`,
      { schema: { tags: ['movements'], summary, params: IdParams, response: { 200: MovementOut, ...COMMAND_ERRORS } } },
      async (request) => {
        const { actor } = await requireAuth(ctx, request);
        return run(ctx, actor, request.params.id);
      },
    );
  }

  app.post(
    '/api/v1/movements/:id/abort',
    {
      schema: {
        tags: ['movements'],
        summary: 'Call the movement off, with a reason',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) }, { additionalProperties: false }),
        response: { 200: MovementOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return abortMovement(ctx, actor, request.params.id, request.body.reason);
    },
  );

  app.post(
    '/api/v1/movements/:id/checkins',
    {
      schema: {
        tags: ['movements'],
        summary: 'A position report, optionally at a checkpoint',
        params: IdParams,
        body: Type.Object(
          { lat: Lat, lon: Lon, at: Type.Optional(Instant), checkpoint: Type.Optional(Short), note: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
        response: { 201: CheckinResultOut, ...COMMAND_ERRORS },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await checkIn(ctx, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/movements/:id/delivery',
    {
      schema: {
        tags: ['movements'],
        summary: 'Confirm what arrived; discrepancies against the cargo manifest are computed',
        params: IdParams,
        body: Type.Object(
          {
            items: Type.Array(Type.Object({ item: Short, quantityReceived: Type.Number({ minimum: 0, maximum: 1e9 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: MovementOut, ...COMMAND_ERRORS },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await confirmDelivery(ctx, actor, request.params.id, request.body));
    },
  );

  app.get(
    '/api/v1/movements/:id/statement',
    {
      schema: {
        tags: ['movements'],
        summary: 'The exact statement a party signs to acknowledge or deny this notification',
        params: IdParams,
        querystring: Type.Object({ decision: Type.Enum(['acknowledge', 'deny'] as const), signedAt: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: { 200: StatementOut, ...AUTH_ERRORS, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      const { statement, contentHash } = await movementStatement(ctx, actor, request.params.id, request.query);
      return { statement, contentHash };
    },
  );
};
