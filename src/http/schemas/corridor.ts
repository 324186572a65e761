import { Type, type Static } from 'typebox';
import { CORRIDOR_STATUSES, PURPOSES, TRAFFIC } from '../../domain/corridor.ts';
import { INSTANT_FORMAT } from '../../domain/instant.ts';
import { Id, WhoOut } from './common.ts';
import { CORRIDOR_STEPS } from '../../domain/next-steps.ts';
import { TIMELINE_TYPES } from '../../domain/corridor-status.ts';

/** An instant with an explicit offset: "2022-03-05T09:00:00+02:00" or "…Z", never a bare "09:00". */
export const Instant = Type.String({
  format: INSTANT_FORMAT,
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'RFC 3339 date-time with an explicit offset',
});

const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Text = Type.String({ maxLength: 4000 });

export const NamedPointSchema = Type.Object(
  { name: Name, lat: Lat, lon: Lon, address: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

/** An origin or destination: a named point that may carry its gazetteer id. */
export const EndpointSchema = Type.Object(
  {
    name: Name,
    lat: Lat,
    lon: Lon,
    address: Type.Optional(Type.String({ maxLength: 500 })),
    placeId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9-]+$', description: 'gazetteer id, e.g. "enerhodar"' })),
  },
  { additionalProperties: false },
);

// A language may be written later than the others: every field is optional while drafting, and
// the proposal names what is still missing.
const PublicTextsSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 200 })),
    eligibility: Type.Optional(Type.String({ maxLength: 2000 })),
    conditions: Type.Optional(Type.String({ maxLength: 4000 })),
    whatToBring: Type.Optional(Type.String({ maxLength: 2000 })),
    gatheringPoints: Type.Optional(
      Type.Array(
        Type.Object(
          { name: Type.Optional(Type.String({ maxLength: 200 })), address: Type.Optional(Type.String({ maxLength: 500 })) },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const PublicTranslationsSchema = Type.Object(
  { uk: Type.Optional(PublicTextsSchema), ru: Type.Optional(PublicTextsSchema), en: Type.Optional(PublicTextsSchema) },
  { additionalProperties: false, description: 'What the public reads, per language (uk, ru, en)' },
);

export const CheckpointSchema = Type.Object({ name: Name, lat: Lat, lon: Lon, controlledBy: Id }, { additionalProperties: false });

export const WindowSchema = Type.Object({ start: Instant, end: Instant }, { additionalProperties: false });
export const WindowOut = Type.Object({ start: Type.String(), end: Type.String() });

export const LineStringSchema = Type.Object(
  {
    type: Type.Literal('LineString'),
    coordinates: Type.Array(Type.Tuple([Lon, Lat]), { minItems: 2, maxItems: 5000 }),
  },
  { additionalProperties: false },
);

export const UnilateralSchema = Type.Object(
  { announcedBy: Id, source: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])) },
  { additionalProperties: false },
);

export const CORRIDOR_FIELDS = {
  name: Name,
  purpose: Type.Optional(Type.Array(Type.Enum(PURPOSES), { maxItems: 2 })),
  origin: Type.Optional(Type.Union([EndpointSchema, Type.Null()])),
  destination: Type.Optional(Type.Union([EndpointSchema, Type.Null()])),
  route: Type.Optional(Type.Union([LineStringSchema, Type.Null()])),
  bufferMeters: Type.Optional(Type.Number({ minimum: 50, maximum: 50_000 })),
  gatheringPoints: Type.Optional(Type.Array(NamedPointSchema, { maxItems: 100 })),
  checkpoints: Type.Optional(Type.Array(CheckpointSchema, { maxItems: 100 })),
  windows: Type.Optional(Type.Array(WindowSchema, { maxItems: 100 })),
  parties: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  allowedTraffic: Type.Optional(Type.Array(Type.Enum(TRAFFIC), { maxItems: 4 })),
  eligibility: Type.Optional(Type.Union([Text, Type.Null()])),
  maxVehicles: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()])),
  conditions: Type.Optional(Type.Union([Text, Type.Null()])),
  unilateral: Type.Optional(Type.Union([UnilateralSchema, Type.Null()])),
  publicText: Type.Optional(Type.Union([PublicTranslationsSchema, Type.Null()])),
};

export const CorridorBody = Type.Object(CORRIDOR_FIELDS, { additionalProperties: false });
export const CorridorAmendBody = Type.Object({ ...CORRIDOR_FIELDS, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

const PointOut = Type.Object({ name: Type.String(), lat: Type.Number(), lon: Type.Number(), address: Type.Optional(Type.String()) });
const EndpointOut = Type.Object({
  name: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  address: Type.Optional(Type.String()),
  placeId: Type.Optional(Type.String()),
});
const NamesOut = Type.Object({ uk: Type.String(), ru: Type.String(), en: Type.String() });
const PublicEndpointOut = Type.Object({
  name: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  address: Type.Optional(Type.String()),
  placeId: Type.Optional(Type.String()),
  names: NamesOut,
});
const PublicTextsOut = Type.Object({
  title: Type.String(),
  eligibility: Type.String(),
  conditions: Type.String(),
  whatToBring: Type.String(),
  gatheringPoints: Type.Array(Type.Object({ name: Type.String(), address: Type.String() })),
});
const PublicTranslationsOut = Type.Union([Type.Object({ uk: PublicTextsOut, ru: PublicTextsOut, en: PublicTextsOut }), Type.Null()]);
const LineOut = Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(Type.Tuple([Type.Number(), Type.Number()])) });
/** The route widened by bufferMeters each side (src/domain/route-area.ts), the same ring the feeds publish. */
const AreaOut = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Type.Tuple([Type.Number(), Type.Number()]))) }),
  Type.Null(),
]);

export const ApprovalOut = Type.Object({
  partyId: Type.String(),
  version: Type.Integer(),
  decision: Type.Enum(['approve', 'reject'] as const),
  comment: Type.Union([Type.String(), Type.Null()]),
  userId: Type.String(),
  who: WhoOut,
  signedAt: Type.String(),
  signature: Type.String(),
  publicKey: Type.String(),
  signedPayload: Type.String(),
  keyId: Type.Union([Type.String(), Type.Null()]),
});

const NoticeOut = Type.Object(
  {
    status: Type.Enum(CORRIDOR_STATUSES),
    headline: Type.Enum(['open_now', 'opens_later', 'no_window', 'suspended', 'closed', 'not_agreed', 'rejected']),
    advice: Type.Enum(['go', 'wait', 'do_not_go']),
    window: Type.Union([Type.Object({ role: Type.Enum(['current', 'next', 'planned']), window: WindowOut }), Type.Null()]),
    gatheringPoints: Type.Enum(['active', 'muted']),
    emphasis: Type.Enum(['open', 'agreed', 'muted']),
    since: Type.Union([Type.String(), Type.Null()]),
  },
  { description: 'What the status tells people to do: every label on every surface follows it, never the clock alone' },
);

export const ControlOut = Type.Object({ reason: Type.String(), incidentId: Type.Union([Type.String(), Type.Null()]), at: Type.String(), by: Type.String(), who: WhoOut });

const CONTENT_OUT = {
  name: Type.String(),
  purpose: Type.Array(Type.Enum(PURPOSES)),
  origin: Type.Union([EndpointOut, Type.Null()]),
  destination: Type.Union([EndpointOut, Type.Null()]),
  route: Type.Union([LineOut, Type.Null()]),
  bufferMeters: Type.Number(),
  gatheringPoints: Type.Array(PointOut),
  checkpoints: Type.Array(Type.Object({ name: Type.String(), lat: Type.Number(), lon: Type.Number(), controlledBy: Type.String() })),
  windows: Type.Array(WindowOut),
  parties: Type.Array(Type.String()),
  allowedTraffic: Type.Array(Type.Enum(TRAFFIC)),
  eligibility: Type.Union([Type.String(), Type.Null()]),
  maxVehicles: Type.Union([Type.Integer(), Type.Null()]),
  conditions: Type.Union([Type.String(), Type.Null()]),
  unilateral: Type.Union([Type.Object({ announcedBy: Type.String(), source: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  publicText: PublicTranslationsOut,
};

export const CorridorContentOut = Type.Object(CONTENT_OUT);

export const CorridorOut = Type.Object({
  ...CONTENT_OUT,
  id: Type.String(),
  version: Type.Integer(),
  versionHash: Type.String(),
  area: AreaOut,
  status: Type.Enum(CORRIDOR_STATUSES),
  proposedAt: Type.Union([Type.String(), Type.Null()]),
  approvals: Type.Array(ApprovalOut),
  pendingParties: Type.Array(Type.String()),
  currentWindow: Type.Union([WindowOut, Type.Null()]),
  nextWindow: Type.Union([WindowOut, Type.Null()]),
  notice: NoticeOut,
  atRisk: Type.Boolean(),
  suspension: Type.Union([ControlOut, Type.Null()]),
  closure: Type.Union([ControlOut, Type.Null()]),
  partyTimeZones: Type.Array(Type.String()),
  publiclyListed: Type.Boolean(),
  allowedActions: Type.Array(Type.Enum(CORRIDOR_STEPS)),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** GET /api/v1/corridors/:id/versions/:v: any version, immutable, with the decisions on it. */
export const CorridorVersionOut = Type.Object({
  corridorId: Type.String(),
  version: Type.Integer(),
  content: CorridorContentOut,
  versionHash: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  proposedAt: Type.Union([Type.String(), Type.Null()]),
  approvals: Type.Array(ApprovalOut),
});

/** One line of GET /api/v1/corridors/:id/timeline, with who acted as the viewer may see them. */
export const TimelineItemOut = Type.Object({
  at: Type.String(),
  type: Type.Enum(TIMELINE_TYPES),
  version: Type.Optional(Type.Integer()),
  orgId: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  userId: Type.Optional(Type.String()),
  who: WhoOut,
});
export const TimelineOut = Type.Object({ items: Type.Array(TimelineItemOut) });

export const PublicCorridorOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Type.Enum(CORRIDOR_STATUSES),
  purpose: Type.Array(Type.Enum(PURPOSES)),
  origin: Type.Union([PublicEndpointOut, Type.Null()]),
  destination: Type.Union([PublicEndpointOut, Type.Null()]),
  route: Type.Union([LineOut, Type.Null()]),
  // How far either side of the route the corridor's protection reaches (the feeds' area).
  bufferMeters: Type.Number(),
  gatheringPoints: Type.Array(PointOut),
  windows: Type.Array(WindowOut),
  currentWindow: Type.Union([WindowOut, Type.Null()]),
  nextWindow: Type.Union([WindowOut, Type.Null()]),
  notice: NoticeOut,
  eligibility: Type.Union([Type.String(), Type.Null()]),
  allowedTraffic: Type.Array(Type.Enum(TRAFFIC)),
  conditions: Type.Union([Type.String(), Type.Null()]),
  // The signed public words in uk, ru and en; null for corridors agreed before they existed.
  publicText: PublicTranslationsOut,
  partyTimeZones: Type.Array(Type.String()),
  updatedAt: Type.String(),
});

/** GET /api/v1/public/corridors. */
export const PublicCorridorListOut = Type.Object({ items: Type.Array(PublicCorridorOut), generatedAt: Type.String() });

/** A corridor as the public reads it: the list, the stream and the feeds. */
export type PublicCorridorOutT = Static<typeof PublicCorridorOut>;
export type PublicCorridorListOutT = Static<typeof PublicCorridorListOut>;

/** A corridor's area as the console draws it, null without a route. */
export type CorridorArea = Static<typeof AreaOut>;

/** A party's signed decision as every client reads it (the console imports this type). */
export type ApprovalRecord = Static<typeof ApprovalOut>;

/** A corridor as staff read it (every command answers with it), with the viewer's next steps. */
export type CorridorOutT = Static<typeof CorridorOut>;
export type CorridorContentOutT = Static<typeof CorridorContentOut>;
export type CorridorVersionOutT = Static<typeof CorridorVersionOut>;
export type CorridorControlOutT = Static<typeof ControlOut>;
export type TimelineItemOutT = Static<typeof TimelineItemOut>;
/** The body of POST /api/v1/corridors (PUT adds `version`): what is not set is left out. */
export type CorridorBodyT = Static<typeof CorridorBody>;
