import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SITE_KINDS } from '../../domain/person.ts';
import type { ServiceContext } from '../../services/context.ts';
import { changeSite, createSite, listAllSites } from '../../services/sites.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, IdParams, ProblemSchema } from '../schemas/common.ts';
import { ContactText, Contacts, SiteListOut, SiteOut } from '../schemas/sites.ts';

const COMMAND_ERRORS = { ...AUTH_ERRORS, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const ContactIn = Type.Union([ContactText, Contacts], {
  description: 'what the public tracing answer gives (address, phone): one text for every language, or {uk, ru, en}',
});

const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const siteRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/sites',
    {
      schema: {
        tags: ['people'],
        summary: 'Create a gathering point or reception centre of your organisation',
        body: Type.Object(
          { name: Name, kind: Type.Enum(SITE_KINDS), lat: Type.Optional(Lat), lon: Type.Optional(Lon), contact: ContactIn },
          { additionalProperties: false },
        ),
        response: { 201: SiteOut, ...COMMAND_ERRORS },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await createSite(ctx, actor, request.body));
    },
  );

  app.patch(
    '/api/v1/sites/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Change a site of your organisation: name, kind, position, contact details',
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(Name), kind: Type.Optional(Type.Enum(SITE_KINDS)), lat: Type.Optional(Lat), lon: Type.Optional(Lon), contact: Type.Optional(ContactIn) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: SiteOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return changeSite(ctx, actor, request.params.id, request.body);
    },
  );

  app.get(
    '/api/v1/sites',
    { schema: { tags: ['people'], summary: 'Gathering points and reception centres', response: { 200: SiteListOut, ...AUTH_ERRORS } } },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return { items: await listAllSites(ctx, actor) };
    },
  );
};
