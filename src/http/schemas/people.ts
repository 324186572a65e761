import { Type, type Static } from 'typebox';
import { BIRTH_DATE_PATTERN, SEXES, UNTRACEABLE_REASONS, VULNERABILITIES } from '../../domain/person.ts';
import { PERSON_NAME_FORMAT } from '../../domain/text.ts';
import { PERSON_STEPS } from '../../domain/next-steps.ts';
import { Id } from './common.ts';
import { Instant } from './corridor.ts';

/** Registered people (docs/api-people.md): the registration and what the API answers about them. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const NamePart = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', format: PERSON_NAME_FORMAT, description: 'at least one letter' });
export const BirthDate = Type.String({ pattern: BIRTH_DATE_PATTERN, description: 'YYYY, YYYY-MM or YYYY-MM-DD' });

/** The body of POST /api/v1/people: names as written, in any script. */
export const PersonBody = Type.Object(
  {
    givenName: NamePart,
    familyName: NamePart,
    patronymic: Type.Optional(NamePart),
    birthDate: Type.Optional(BirthDate),
    sex: Type.Optional(Type.Enum(SEXES)),
    vulnerabilities: Type.Optional(Type.Array(Type.Enum(VULNERABILITIES), { maxItems: 5 })),
    householdId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    site: Type.Optional(Id),
    consentTracing: Type.Optional(Type.Boolean()),
    // When the registration was made on the device, if it is sent later from the outbox.
    tappedAt: Type.Optional(Instant),
  },
  { additionalProperties: false },
);

export const PersonOut = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  patronymic: Nullable(Type.String()),
  birthDate: Nullable(Type.String()),
  sex: Nullable(Type.String()),
  vulnerabilities: Type.Array(Type.String()),
  householdId: Nullable(Type.String()),
  site: Nullable(Type.String()),
  consentTracing: Type.Boolean(),
  protection: Nullable(Type.Object({ status: Type.String(), documentNumber: Nullable(Type.String()) })),
  createdAt: Type.String(),
  tracing: Type.Object(
    { traceable: Type.Boolean(), missing: Type.Array(Type.Enum(UNTRACEABLE_REASONS)) },
    { description: 'whether public tracing can point to the person; what is missing when it cannot' },
  ),
  mergedIds: Type.Array(Type.String(), { description: 'records merged into this one: it answers for their ids too' }),
  allowedActions: Type.Array(Type.Enum(PERSON_STEPS), { description: 'what the caller may do with the record: change, merge, flag' }),
});

const MatchOut = Type.Object({ id: Type.String(), score: Type.Number() });

/** POST /api/v1/people: the new id and likely duplicates (own organisation, then flagged elsewhere), best first. */
export const PersonRegisteredOut = Type.Object({
  id: Type.String(),
  possibleDuplicates: Type.Array(MatchOut),
  flaggedElsewhere: Type.Array(MatchOut, {
    description: 'likely duplicates in other organisations, flagged for the tracing desk with this registration: their ids and scores, never names',
  }),
});

const FoundPersonOut = Type.Object({
  id: Type.String(),
  score: Type.Number(),
  givenName: Type.String(),
  familyName: Type.String(),
  patronymic: Nullable(Type.String()),
  birthDate: Nullable(Type.String()),
  orgId: Type.String(),
  householdId: Nullable(Type.String()),
});

/** POST /api/v1/people/search. */
export const PersonSearchOut = Type.Object({ items: Type.Array(FoundPersonOut) });

/** POST /api/v1/public/tracing: never a list, never a name. */
export const TracingAnswerOut = Type.Union([
  Type.Object({ match: Type.Literal(false) }),
  Type.Object({ match: Type.Literal(true), contact: Type.Object({ site: Type.String(), contact: Type.String() }) }),
]);

export type PersonBodyT = Static<typeof PersonBody>;
export type PersonOutT = Static<typeof PersonOut>;
export type PersonMatchOutT = Static<typeof MatchOut>;
export type PersonRegisteredOutT = Static<typeof PersonRegisteredOut>;
export type FoundPersonOutT = Static<typeof FoundPersonOut>;
export type TracingAnswerOutT = Static<typeof TracingAnswerOut>;
