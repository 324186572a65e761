import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PROTECTION_STATUSES } from '../../domain/person.ts';
import { PUBLIC_LANGS } from '../../domain/public-text.ts';
import type { ServiceContext } from '../../services/context.ts';
import { admitTracing } from '../../services/tracing-limits.service.ts';
import { DomainError } from '../../domain/errors.ts';
import { getPerson, recordProtection, registerPerson, searchPeople, setTracingConsent, traceForPublic } from '../../services/people.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, Id, IdParams, ProblemSchema } from '../schemas/common.ts';
import { BirthDate, PersonBody, PersonOut, PersonRegisteredOut, PersonSearchOut, TracingAnswerOut } from '../schemas/people.ts';

const COMMAND_ERRORS = { ...AUTH_ERRORS, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

export const peopleRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Register a person; answers likely duplicates among your organisation’s people, and flags those in other organisations for the tracing desk (ids and scores)',
        body: PersonBody,
        response: { 201: PersonRegisteredOut, ...COMMAND_ERRORS },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await registerPerson(ctx, actor, request.body));
    },
  );

  app.post(
    '/api/v1/people/search',
    {
      // A query changes nothing, so a retry just asks again; storing its answer would keep names
      // and birth dates for a day, past a withdrawal of consent.
      config: { idempotency: false },
      schema: {
        tags: ['people'],
        summary: 'Find people by name (a family name alone will do) across scripts, transliterations and diacritics, best first; or a household by its id',
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 2, maxLength: 300, pattern: '\\S' })),
            birthDate: Type.Optional(BirthDate),
            householdId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: PersonSearchOut,
          ...AUTH_ERRORS,
          400: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return searchPeople(ctx, actor, request.body);
    },
  );

  app.get(
    '/api/v1/people/:id',
    { schema: { tags: ['people'], summary: 'One registered person', params: IdParams, response: { 200: PersonOut, ...AUTH_ERRORS, 404: ProblemSchema } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return getPerson(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/people/:id/protection',
    {
      schema: {
        tags: ['people'],
        summary: 'A reception centre records temporary protection (status and document number)',
        params: IdParams,
        body: Type.Object({ status: Type.Enum(PROTECTION_STATUSES), documentNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false }),
        response: { 200: PersonOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return recordProtection(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/v1/people/:id/consent',
    {
      schema: {
        tags: ['people'],
        summary: 'The registering organisation records that the person gives or withdraws consent to public tracing (consent needs a site: given here or already recorded)',
        params: IdParams,
        body: Type.Object({ tracing: Type.Boolean(), site: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: PersonOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return setTracingConsent(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/v1/public/tracing',
    {
      config: {
        // Anonymous callers share one key scope: a stored answer could be replayed by anyone.
        idempotency: false,
        // Limits are counted in the database (admitTracing), shared by every instance.
      },
      schema: {
        tags: ['public'],
        summary: 'Family tracing for the public: only whether a consenting person strongly matches, and whom to contact',
        body: Type.Object(
          { name: Type.String({ minLength: 3, maxLength: 300, pattern: '\\S' }), birthDate: BirthDate, lang: Type.Optional(Type.Enum(PUBLIC_LANGS, { description: 'the language of the contact details (default uk)' })) },
          { additionalProperties: false },
        ),
        response: {
          200: TracingAnswerOut,
          400: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const refused = await admitTracing(ctx, { address: request.ip, name: request.body.name, birthDate: request.body.birthDate });
      if (refused) {
        reply.header('retry-after', String(refused.retryAfterSeconds));
        throw new DomainError('rate_limited', 'TRACING_RATE_LIMITED', 'Too many tracing requests: wait and try again.');
      }
      return traceForPublic(ctx, request.body);
    },
  );
};
