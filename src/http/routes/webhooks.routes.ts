import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MAX_WEBHOOK_URL_LENGTH, WEBHOOK_EVENT_TYPES } from '../../domain/webhook.ts';
import type { ServiceContext } from '../../services/context.ts';
import { disableOrgWebhook, listOrgWebhooks, listWebhookDeliveries, registerWebhook } from '../../services/webhooks.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, IdParams, pageOf, pageRequestOf, PageQuery, ProblemSchema } from '../schemas/common.ts';

const COMMAND_ERRORS = { ...AUTH_ERRORS, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const WebhookOut = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.Enum(WEBHOOK_EVENT_TYPES)),
  role: Type.String({ description: 'the role whose event stream the hook follows: the one that registered it' }),
  createdBy: Type.String(),
  createdAt: Type.String(),
  disabledAt: Nullable(Type.String()),
  disabledBy: Nullable(Type.String()),
});

const DeliveryOut = Type.Object({
  id: Type.String({ description: 'also sent as Safe-Passage-Delivery and in the body: de-duplicate on it' }),
  webhookId: Type.String(),
  eventType: Type.Enum(WEBHOOK_EVENT_TYPES),
  status: Type.Enum(['pending', 'delivered', 'failed', 'cancelled'] as const),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  lastAttemptAt: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

/** Webhooks (docs/webhooks.md): an organisation's admin registers URLs for what its own stream carries. */
export const webhookRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/webhooks',
    {
      // The answer holds the secret: it is never stored for an Idempotency-Key replay.
      config: { idempotency: false },
      schema: {
        tags: ['webhooks'],
        summary: 'Register a URL for event types the caller’s own event stream carries; the signing secret is in this answer only',
        body: Type.Object(
          {
            url: Type.String({ minLength: 1, maxLength: MAX_WEBHOOK_URL_LENGTH }),
            events: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Intersect([WebhookOut, Type.Object({ secret: Type.String({ description: 'HMAC-SHA256 key (its UTF-8 bytes); shown once' }) })]), ...COMMAND_ERRORS },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).header('cache-control', 'no-store').send(await registerWebhook(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/v1/webhooks',
    { schema: { tags: ['webhooks'], summary: "The caller's organisation's webhooks, newest first (never their secrets)", querystring: PageQuery, response: { 200: pageOf(WebhookOut), ...AUTH_ERRORS } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return listOrgWebhooks(ctx, actor, pageRequestOf(request.query));
    },
  );

  app.post(
    '/api/v1/webhooks/:id/disable',
    { schema: { tags: ['webhooks'], summary: 'Disable a webhook: nothing more is queued for it and its pending deliveries are cancelled', params: IdParams, response: { 200: WebhookOut, ...COMMAND_ERRORS } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return disableOrgWebhook(ctx, actor, request.params.id);
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: "A webhook's deliveries, newest first: status, attempts, next attempt, last status code and error, delivered at",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageOf(DeliveryOut), ...AUTH_ERRORS, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return listWebhookDeliveries(ctx, actor, request.params.id, pageRequestOf(request.query));
    },
  );
};
