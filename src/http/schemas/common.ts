import { Type, type Static } from 'typebox';
import { ORG_KINDS, ROLES } from '../../domain/identity.ts';
import type { PageRequest } from '../../store/pagination.ts';

/** Shared request and response schemas: one source for validation, types and the OpenAPI document. */
export const Id = Type.String({ minLength: 1, maxLength: 100 });

// Query strings are text: numbers in them are checked by pattern, because type coercion is off
// (a JSON body with "name": 1 must be refused, not quietly turned into "1").
export const PAGE_FIELDS = {
  limit: Type.Optional(Type.String({ pattern: '^(?:[1-9][0-9]?|1[0-9]{2}|200)$', description: '1 to 200' })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export function pageRequestOf(query: { limit?: string | undefined; cursor?: string | undefined }): PageRequest {
  return { limit: query.limit === undefined ? undefined : Number(query.limit), cursor: query.cursor };
}

export const PageQuery = Type.Object(PAGE_FIELDS, { additionalProperties: false });

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String(),
  errors: Type.Optional(
    Type.Array(
      Type.Object({
        path: Type.String(),
        // REQUIRED, TOO_LONG, BIRTH_DATE_INVALID… (FIELD_ERROR_CODES), or the problem's own code.
        code: Type.String(),
        message: Type.String(),
        limit: Type.Optional(Type.Number()),
      }),
    ),
  ),
  requestId: Type.Optional(Type.String()),
});

export const OrgKindSchema = Type.Enum(ORG_KINDS);
export const RoleSchema = Type.Enum(ROLES);

export const OrgSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: OrgKindSchema,
  timeZone: Type.String(),
  createdAt: Type.String(),
});

export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  orgId: Type.String(),
});

export const IdParams = Type.Object({ id: Id });
export type IdParamsT = Static<typeof IdParams>;

/** Names of error responses every authenticated route may give, for the OpenAPI document. */
export const AUTH_ERRORS = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema } as const;

export const pageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** An RFC 9457 problem as every error is answered (src/http/problem.ts). */
export type ProblemOutT = Static<typeof ProblemSchema>;

/** A page of a list (`pageOf`), for items of type T. */
export type PageOutT<T> = Omit<Static<ReturnType<typeof pageOf<ReturnType<typeof Type.Unknown>>>>, 'items'> & { items: T[] };

/** A user who acted: the name only where the viewer may see it, else organisation and role. */
export const ActorNameOut = Type.Object(
  { id: Type.String(), orgId: Type.String(), role: Type.String(), name: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);
export type ActorNameOutT = Static<typeof ActorNameOut>;

/** Who acted on a signature, answer or control: null for an unknown user. */
export const WhoOut = Type.Union([ActorNameOut, Type.Null()]);
