import { Type, type Static } from 'typebox';
import { FLAG_OUTCOMES } from '../../domain/person.ts';

/** Share grants and "possibly registered by another organisation" flags (docs/api-people.md). */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ShareOut = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  orgId: Type.String({ description: 'the agency that may put the person on its movements' }),
  movementId: Nullable(Type.String({ description: 'only this movement; null: any of that agency' })),
  grantedAt: Type.String(),
  revokedAt: Nullable(Type.String()),
});

export const FlagOut = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  otherPersonId: Type.String(),
  score: Type.Number(),
  flaggedOrgId: Type.String(),
  otherOrgId: Type.String({ description: 'the organisation that registered the other record' }),
  flaggedAt: Type.String(),
  resolvedAt: Nullable(Type.String()),
  resolvedBy: Nullable(Type.String({ description: 'the tracing desk user who resolved it' })),
  outcome: Nullable(Type.Enum(FLAG_OUTCOMES)),
  reason: Nullable(Type.String({ description: 'why, as the desk wrote it' })),
});

export type ShareOutT = Static<typeof ShareOut>;
export type FlagOutT = Static<typeof FlagOut>;
