import { Type, type Static } from 'typebox';
import { INCIDENT_TYPES, SEVERITIES, VERIFICATIONS } from '../../domain/incident.ts';
import { PartyKeyOut } from './signing.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const IncidentOut = Type.Object({
  id: Type.String(),
  type: Type.Enum(INCIDENT_TYPES),
  severity: Type.Enum(SEVERITIES),
  lat: Type.Number(),
  lon: Type.Number(),
  occurredAt: Type.String(),
  clearedAt: Nullable(Type.String()),
  clearedBy: Nullable(Type.String({ description: 'the user who marked the hazard cleared (an id)' })),
  clearedNote: Nullable(Type.String()),
  verification: Type.Enum(VERIFICATIONS),
  verificationComment: Nullable(Type.String()),
  description: Nullable(Type.String()),
  reportedByOrg: Type.String(),
  createdAt: Type.String(),
});

export const Hits = Type.Array(Type.Object({ id: Type.String(), distanceMeters: Type.Number() }));
export const AffectedOut = Type.Object({ corridors: Hits, movements: Hits });

/** The answer to POST /api/v1/incidents: the incident and the corridors and movements it touches. */
export const IncidentReportedOut = Type.Intersect([IncidentOut, Type.Object({ affected: AffectedOut })]);

/** A corridor suspension that names the incident as its reason. */
export const IncidentSuspensionOut = Type.Object({ corridorId: Type.String(), at: Type.String(), byUser: Type.String(), reason: Type.String() });

export const IncidentStatementOut = Type.Object({
  id: Type.String(),
  incidentId: Type.String(),
  partyId: Type.String(),
  userId: Type.String(),
  text: Type.String({ description: "the party's own words, exactly as signed" }),
  textHash: Type.String({ description: 'hex SHA-256 of the UTF-8 bytes of text' }),
  signedAt: Type.String(),
  signedPayload: Type.String({ description: 'the canonical statement whose UTF-8 bytes were signed' }),
  signature: Type.String(),
  publicKey: Type.String(),
  keyId: Type.String(),
  createdAt: Type.String(),
  key: Type.Union([PartyKeyOut, Type.Null()]),
});

export const IncidentRecordOut = Type.Intersect([
  IncidentOut,
  Type.Object({
    affected: AffectedOut,
    suspensions: Type.Array(IncidentSuspensionOut),
    statements: Type.Array(IncidentStatementOut),
  }),
]);

export const StatementText = Type.String({ minLength: 1, maxLength: 4000, description: "the party's own words, signed as sent (its SHA-256 is in the statement)" });

export const IncidentStatementTextOut = Type.Object({
  statement: Type.String({ description: 'RFC 8785 canonical JSON; sign its UTF-8 bytes' }),
  textHash: Type.String(),
});

/** An incident as the API gives it (the list, a verification, a cleared hazard). */
export type IncidentOutT = Static<typeof IncidentOut>;
export type IncidentReportedOutT = Static<typeof IncidentReportedOut>;
export type IncidentSuspensionOutT = Static<typeof IncidentSuspensionOut>;
export type IncidentRecord = Static<typeof IncidentRecordOut>;
export type IncidentStatement = Static<typeof IncidentStatementOut>;
