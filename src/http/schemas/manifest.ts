import { Type, type Static } from 'typebox';
import { PASSENGER_STATES, UNDOABLE_STEPS } from '../../domain/passenger.ts';
import { VULNERABILITIES } from '../../domain/person.ts';
import { WhoOut } from './common.ts';

/** A movement's passenger manifest (docs/api-movements.md "Manifests"): names for the registering agency, counts for everyone else. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const CorrectionOut = Type.Object({
  undone: Type.Enum(UNDOABLE_STEPS),
  undoneAt: Type.String(),
  reason: Type.String(),
  at: Type.String(),
  byUserId: Type.String(),
  who: WhoOut,
});

const ManifestEntryOut = Type.Object({
  personId: Type.String(),
  vulnerabilities: Type.Array(Type.Enum(VULNERABILITIES), { description: 'unaccompanied child first' }),
  householdId: Nullable(Type.String()),
  givenName: Type.String(),
  familyName: Type.String(),
  birthDate: Nullable(Type.String()),
  boardedAt: Nullable(Type.String()),
  arrivedAt: Nullable(Type.String()),
  didNotBoardAt: Nullable(Type.String()),
  didNotBoardReason: Nullable(Type.String()),
  state: Type.Enum(PASSENGER_STATES),
  // Every undone step of this passenger, oldest first: who, when and why.
  corrections: Type.Array(CorrectionOut),
});

const OtherRegistrationsOut = Type.Object({ orgId: Type.String(), listed: Type.Integer(), boarded: Type.Integer(), arrived: Type.Integer(), unaccompaniedChildren: Type.Integer() });

export const ManifestOut = Type.Object({
  movementId: Type.String(),
  listed: Type.Integer(),
  boarded: Type.Integer(),
  arrived: Type.Integer(),
  notBoarded: Type.Integer(),
  passengers: Type.Optional(Type.Array(ManifestEntryOut)),
  others: Type.Optional(
    Type.Array(OtherRegistrationsOut, { description: 'people registered and shared by other agencies: counts per registering organisation, never names' }),
  ),
  carriedBy: Type.Optional(Type.String({ description: 'only to an agency reading its own people on another agency’s movement: the agency running it' })),
});

export type ManifestOutT = Static<typeof ManifestOut>;
export type ManifestEntryOutT = Static<typeof ManifestEntryOut>;
export type OtherRegistrationsOutT = Static<typeof OtherRegistrationsOut>;
