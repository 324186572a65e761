import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BIRTH_DATE_PATTERN, SEXES, VULNERABILITIES } from '../../domain/person.ts';
import { PERSON_NAME_FORMAT } from '../../domain/text.ts';
import type { ServiceContext } from '../../services/context.ts';
import { correctPerson, listCorrections, undoCorrection } from '../../services/person-correction.service.ts';
import { requireAuth } from '../auth.ts';
import { AUTH_ERRORS, Id, IdParams, ProblemSchema, WhoOut } from '../schemas/common.ts';
import { PersonOut } from '../schemas/people.ts';

const COMMAND_ERRORS = { ...AUTH_ERRORS, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const NamePart = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', format: PERSON_NAME_FORMAT, description: 'at least one letter' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Reason = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', format: PERSON_NAME_FORMAT, description: 'why: kept with the correction' });
const FieldValue = Nullable(Type.Union([Type.String(), Type.Array(Type.String())]));
const Changes = Type.Record(Type.String(), Type.Object({ from: FieldValue, to: FieldValue }));

const CorrectionOut = Type.Object({
  id: Type.String(),
  at: Type.String(),
  byUser: Type.String(),
  who: WhoOut,
  reason: Type.String(),
  changes: Changes,
  undoes: Nullable(Type.String()),
  undoneBy: Nullable(Type.String()),
});

const CorrectionResultOut = Type.Object({
  person: PersonOut,
  correction: CorrectionOut,
  possibleDuplicates: Type.Array(Type.Object({ id: Type.String(), score: Type.Number() }), { description: 'computed again for the corrected record' }),
});

export const personCorrectionRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/people/:id/corrections',
    {
      schema: {
        tags: ['people'],
        summary: 'A registrar of the registering organisation corrects the record (names, birth date, sex, vulnerabilities, site), saying why',
        params: IdParams,
        body: Type.Object(
          {
            changes: Type.Object(
              {
                givenName: Type.Optional(NamePart),
                familyName: Type.Optional(NamePart),
                patronymic: Type.Optional(Nullable(NamePart)),
                birthDate: Type.Optional(Nullable(Type.String({ pattern: BIRTH_DATE_PATTERN, description: 'YYYY, YYYY-MM or YYYY-MM-DD' }))),
                sex: Type.Optional(Nullable(Type.Enum(SEXES))),
                vulnerabilities: Type.Optional(Type.Array(Type.Enum(VULNERABILITIES), { maxItems: 5 })),
                site: Type.Optional(Nullable(Id)),
              },
              { additionalProperties: false, minProperties: 1 },
            ),
            reason: Reason,
          },
          { additionalProperties: false },
        ),
        response: { 200: CorrectionResultOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return correctPerson(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/v1/people/:id/corrections/:correctionId/undo',
    {
      schema: {
        tags: ['people'],
        summary: 'Undo the latest correction of a record: its fields return to their values before it',
        params: Type.Object({ id: Id, correctionId: Id }),
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: CorrectionResultOut, ...COMMAND_ERRORS },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return undoCorrection(ctx, actor, request.params.id, request.params.correctionId, request.body);
    },
  );

  app.get(
    '/api/v1/people/:id/corrections',
    {
      schema: {
        tags: ['people'],
        summary: 'The corrections of a record, oldest first (the registering organisation)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(CorrectionOut) }), ...AUTH_ERRORS, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { actor } = await requireAuth(ctx, request);
      return { items: await listCorrections(ctx, actor, request.params.id) };
    },
  );
};
