import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../domain/errors.ts';
import { createManualAnnouncement, listCorridorAnnouncements } from '../../services/announcement.service.ts';
import type { ServiceContext } from '../../services/context.ts';
import { corridorPoster } from '../../services/poster.service.ts';
import { requireAuth } from '../auth.ts';
import { fromSnapshot } from '../public-hot-path.ts';
import type { PublicSnapshotService } from '../../services/public-snapshot.service.ts';
import { AUTH_ERRORS, IdParams, ProblemSchema } from '../schemas/common.ts';

const LangQuery = Type.Object(
  { lang: Type.Optional(Type.Union([Type.Literal('uk'), Type.Literal('ru'), Type.Literal('en')], { description: 'uk (default), ru or en' })) },
  { additionalProperties: false },
);
const SmsOut = Type.Object({ text: Type.String(), encoding: Type.Union([Type.Literal('GSM-7'), Type.Literal('UCS-2')]), segments: Type.Integer() });
const AnnouncementOut = Type.Object({
  id: Type.String(),
  corridorId: Type.String(),
  createdAt: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  text: Type.String(),
  sms: SmsOut,
  radio: Type.String(),
});
const TextsOut = Type.Object({ text: Type.String(), sms: SmsOut, radio: Type.String() });
const StaffAnnouncementOut = Type.Object({
  id: Type.String(),
  corridorId: Type.String(),
  createdAt: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  texts: Type.Object({ uk: TextsOut, ru: TextsOut, en: TextsOut }),
});
const OwnText = Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' });

export const announcementRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext; snapshot?: PublicSnapshotService | undefined }> = async (app, { ctx, snapshot }) => {
  app.get(
    '/api/v1/public/announcements',
    {
      schema: {
        tags: ['public'],
        summary: 'Latest announcements, newest first, with SMS text and radio script (no login)',
        querystring: LangQuery,
        response: { 200: Type.Object({ items: Type.Array(AnnouncementOut) }), 400: ProblemSchema },
      },
      logLevel: 'warn',
    },
    // From the public snapshot, which holds the latest announcements once per change.
    fromSnapshot(snapshot),
  );

  app.get(
    '/api/v1/public/corridors/:id/poster.pdf',
    {
      schema: {
        tags: ['public'],
        summary: 'A one-page printable A4 poster of a public corridor (PDF, no login)',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }), 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? 'uk';
      const pdf = await corridorPoster(ctx, request.params.id, lang);
      if (!pdf) throw notFound('corridor');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="corridor-${request.params.id}-${lang}.pdf"`)
        .header('cache-control', 'public, max-age=60')
        .send(pdf);
    },
  );

  app.get(
    '/api/v1/public/corridors/:id/map.svg',
    {
      schema: {
        tags: ['public'],
        summary: "A public corridor's route map (SVG: outlines, route, ends, gathering points, main towns, named in the language; no login)",
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Type.String({ description: 'image/svg+xml' }), 400: ProblemSchema, 404: ProblemSchema },
      },
      logLevel: 'warn',
    },
    // From the public snapshot, which draws each public corridor's map once per change.
    fromSnapshot(snapshot, () => notFound('corridor')),
  );

  app.get(
    '/api/v1/corridors/:id/announcements',
    {
      schema: {
        tags: ['corridors'],
        summary: "A corridor's announcements in every language",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(StaffAnnouncementOut) }), ...AUTH_ERRORS, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return listCorridorAnnouncements(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/corridors/:id/announcements',
    {
      schema: {
        tags: ['corridors'],
        summary: 'Write a public announcement by hand, in uk, ru and en (mediator)',
        params: IdParams,
        body: Type.Object(
          { text: Type.Object({ uk: OwnText, ru: OwnText, en: OwnText }, { additionalProperties: false }) },
          { additionalProperties: false },
        ),
        response: { 201: StaffAnnouncementOut, ...AUTH_ERRORS, 404: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await requireAuth(ctx, request);
      return reply.code(201).send(await createManualAnnouncement(ctx, actor, request.params.id, request.body));
    },
  );
};
