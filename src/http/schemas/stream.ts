import { Type, type Static } from 'typebox';
import { CORRIDOR_STATUSES } from '../../domain/corridor.ts';
import { MOVEMENT_STATUSES } from '../../domain/movement.ts';
import { PublicCorridorOut } from './corridor.ts';

/** `event: corridor` on GET /api/v1/public/stream: the corridor's public view, or that it left the public page. */
export const PublicCorridorEventOut = Type.Union([
  PublicCorridorOut,
  Type.Object({ id: Type.String(), status: Type.Enum(CORRIDOR_STATUSES), removed: Type.Literal(true) }),
]);
export type PublicCorridorEventOutT = Static<typeof PublicCorridorEventOut>;

/**
 * The data of each event on GET /api/v1/stream (signed in): ids, statuses and counts only, never
 * a name; enough for a client to know what to reload. The webhooks send the same data
 * (src/services/staff-events.ts builds it).
 */

/** `event: corridor`: a corridor's status or version changed. */
export const StaffCorridorEventOut = Type.Object({
  id: Type.String(),
  status: Type.Enum(CORRIDOR_STATUSES),
  version: Type.Integer(),
  at: Type.String(),
});

/** `event: movement`: `change` is notified, acknowledge, deny, start, checkin, complete, abort, delivery, overdue… */
export const StaffMovementEventOut = Type.Object({
  id: Type.String(),
  status: Type.Enum(MOVEMENT_STATUSES),
  overdue: Type.Boolean(),
  change: Type.String(),
  at: Type.String(),
});

/** `event: incident`: to the mediator, and the agencies whose movements it affects. */
export const StaffIncidentEventOut = Type.Object({
  id: Type.String(),
  corridors: Type.Array(Type.String()),
  movements: Type.Array(Type.String()),
  at: Type.String(),
});

/** `event: alert`: to the tracing desk, a reference (no name), what was seen, when. */
export const StaffAlertEventOut = Type.Object({
  kind: Type.Literal('tracing-probing'),
  ref: Type.String(),
  dates: Type.Integer(),
  at: Type.String(),
});

export type StaffCorridorEventOutT = Static<typeof StaffCorridorEventOut>;
export type StaffMovementEventOutT = Static<typeof StaffMovementEventOut>;
export type StaffIncidentEventOutT = Static<typeof StaffIncidentEventOut>;
export type StaffAlertEventOutT = Static<typeof StaffAlertEventOut>;
