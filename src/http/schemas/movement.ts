import { Type, type Static } from 'typebox';
import { CORRIDOR_STATUSES } from '../../domain/corridor.ts';
import { INCIDENT_TYPES, SEVERITIES } from '../../domain/incident.ts';
import { MOVEMENT_COMMANDS, MOVEMENT_KINDS, MOVEMENT_STATUSES, VEHICLE_TYPES } from '../../domain/movement.ts';
import { Id, WhoOut } from './common.ts';
import { Instant, LineStringSchema, WindowOut } from './corridor.ts';

/** Movement notifications (docs/api-movements.md): the request bodies and what the API answers. */

const Short = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const CargoLineSchema = Type.Object(
  {
    category: Short,
    item: Short,
    quantity: Type.Number({ exclusiveMinimum: 0, maximum: 1e9 }),
    unit: Type.String({ minLength: 1, maxLength: 40 }),
    weightKg: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9 })),
  },
  { additionalProperties: false },
);

export const MovementBody = Type.Object(
  {
    kind: Type.Enum(MOVEMENT_KINDS),
    corridorId: Type.Optional(Id),
    route: Type.Optional(LineStringSchema),
    departAt: Instant,
    arriveBy: Instant,
    vehicles: Type.Array(
      Type.Object(
        {
          type: Type.Enum(VEHICLE_TYPES),
          plate: Type.Optional(Type.String({ maxLength: 40 })),
          markings: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
    personnel: Type.Integer({ minimum: 0, maximum: 10_000 }),
    passengers: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    cargo: Type.Optional(Type.Array(CargoLineSchema, { maxItems: 500 })),
    urgent: Type.Optional(Type.Boolean()),
    justification: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const LineOut = Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(Type.Tuple([Type.Number(), Type.Number()])) });
const VehicleOut = Type.Object({ type: Type.Enum(VEHICLE_TYPES), plate: Type.Optional(Type.String()), markings: Type.Optional(Type.String()) });
const CargoLineOut = Type.Object({ category: Type.String(), item: Type.String(), quantity: Type.Number(), unit: Type.String(), weightKg: Type.Optional(Type.Number()) });

const IncidentNearOut = Type.Object({
  id: Type.String(),
  type: Type.Enum(INCIDENT_TYPES),
  severity: Type.Enum(SEVERITIES),
  occurredAt: Type.String(),
  distanceMeters: Type.Number(),
});

/**
 * A deconfliction warning: `code`, the server's English `message`, and the details of its code
 * (src/domain/movement.ts deconflict). Open to more details: warnings stored with a movement keep
 * what they were given.
 */
const WarningOut = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    hoursGiven: Type.Optional(Type.Number()),
    noticeHours: Type.Optional(Type.Number()),
    urgent: Type.Optional(Type.Boolean()),
    corridorStatus: Type.Optional(Type.Enum(CORRIDOR_STATUSES)),
    windows: Type.Optional(Type.Array(WindowOut)),
    maxDeviationMeters: Type.Optional(Type.Number()),
    bufferMeters: Type.Optional(Type.Number()),
    incidents: Type.Optional(Type.Array(IncidentNearOut)),
  },
  { additionalProperties: true },
);

const POSITION = { lat: Type.Number(), lon: Type.Number(), at: Type.String(), checkpoint: Nullable(Type.String()) };
const PositionOut = Type.Object(POSITION);
const CheckinOut = Type.Object({ ...POSITION, note: Nullable(Type.String()) });

const AcknowledgementOut = Type.Object({
  partyId: Type.String(),
  decision: Type.Enum(['acknowledge', 'deny'] as const),
  comment: Nullable(Type.String()),
  at: Type.String(),
  // The party's signature over its answer; null on answers older than party-signed answers.
  keyId: Nullable(Type.String()),
  signedAt: Nullable(Type.String()),
  signature: Nullable(Type.String()),
  publicKey: Nullable(Type.String()),
  signedPayload: Nullable(Type.String()),
  who: WhoOut,
});

const ExpectedPassageOut = Type.Object({ checkpoint: Type.String(), lat: Type.Number(), lon: Type.Number(), fraction: Type.Number(), expectedAt: Type.String() });
const DeliveryLineOut = Type.Object({ item: Type.String(), unit: Type.String(), expected: Type.Number(), received: Type.Number(), difference: Type.Number() });

export const MovementOut = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  kind: Type.Enum(MOVEMENT_KINDS),
  corridorId: Nullable(Type.String()),
  route: Nullable(LineOut),
  departAt: Type.String(),
  arriveBy: Type.String(),
  vehicles: Type.Array(VehicleOut),
  personnel: Type.Integer(),
  passengers: Nullable(Type.Integer()),
  cargo: Type.Array(CargoLineOut),
  urgent: Type.Boolean(),
  justification: Nullable(Type.String()),
  status: Type.Enum(MOVEMENT_STATUSES),
  requiredAcknowledgements: Type.Array(Type.String()),
  acknowledgements: Type.Array(AcknowledgementOut),
  acknowledgementDeadline: Type.String(),
  // Stated on every view so no screen can present an acknowledgement as a safety guarantee.
  acknowledgementMeaning: Type.String(),
  warnings: Type.Array(WarningOut),
  lastCheckin: Nullable(PositionOut),
  checkins: Type.Array(CheckinOut),
  expectedPassages: Type.Array(ExpectedPassageOut),
  progress: Type.Number(),
  overdue: Type.Boolean(),
  // `what` is a checkpoint's name, or "arrival".
  expectedNext: Nullable(Type.Object({ what: Type.String(), at: Type.String() })),
  delivery: Nullable(Type.Object({ at: Type.String(), note: Nullable(Type.String()), lines: Type.Array(DeliveryLineOut) })),
  // What the viewer may do next (src/domain/next-steps.ts): the console's buttons follow it.
  allowedActions: Type.Array(Type.Enum(MOVEMENT_COMMANDS)),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const MovementListOut = Type.Object({ items: Type.Array(MovementOut), nextCursor: Type.Null() });

/** POST /api/v1/movements/check: what the form shows before notifying. */
export const MovementCheckOut = Type.Object({ warnings: Type.Array(WarningOut), requiredAcknowledgements: Type.Array(Type.String()), acknowledgementDeadline: Type.String() });

export const CheckinResultOut = Type.Object({ id: Type.String(), at: Type.String(), overdue: Type.Boolean() });

/** A movement as one viewer reads it, with what that viewer may do next. */
export type MovementOutT = Static<typeof MovementOut>;
export type MovementWarningOut = Static<typeof WarningOut>;
export type MovementCheckOutT = Static<typeof MovementCheckOut>;
export type MovementNotification = Static<typeof MovementBody>;
