import type { Me, Movement, MovementStatus } from '../../api.ts';
import { pathOfFields, type FieldPath } from '../../ui/form-errors.ts';

/** Categories offered for cargo lines (the server takes any text; these keep reports comparable). */
export const CARGO_CATEGORIES = ['food', 'water', 'medical', 'shelter', 'hygiene', 'fuel', 'other'] as const;
export type CargoCategory = (typeof CARGO_CATEGORIES)[number];

export function isCargoCategory(value: string): value is CargoCategory {
  return (CARGO_CATEGORIES as readonly string[]).includes(value);
}

/** Units suggested for cargo quantities. */
export const CARGO_UNITS = ['t', 'kg', 'parcels', 'boxes', 'pallets', 'doses', 'l'] as const;

/** An agency's coordinators and admins notify movements. */
export function canNotify(me: Me): boolean {
  return me.org.kind === 'agency' && (me.role === 'coordinator' || me.role === 'admin');
}

/** The notifying agency's field officers, coordinators and admins start, check in, complete, abort. */
export function canTrack(me: Me, movement: Pick<Movement, 'agencyId'>): boolean {
  return me.org.kind === 'agency' && (me.role === 'admin' || me.role === 'coordinator' || me.role === 'field') && movement.agencyId === me.orgId;
}

/** A liaison officer of a party asked to acknowledge answers for that party. */
export function canAcknowledge(me: Me, movement: Pick<Movement, 'requiredAcknowledgements'>): boolean {
  return me.org.kind === 'party' && me.role === 'liaison' && movement.requiredAcknowledgements.includes(me.orgId);
}

/** The notification waits for the answer of the viewer's party. */
export function awaitsMyAck(me: Me, movement: Pick<Movement, 'requiredAcknowledgements' | 'acknowledgements' | 'status'>): boolean {
  return canAcknowledge(me, movement) && movement.status === 'submitted' && !movement.acknowledgements.some((a) => a.partyId === me.orgId);
}

/** The mediator and the agencies follow convoys on the map; the parties get the list. */
export function seesConvoyMap(me: Me): boolean {
  return me.org.kind === 'mediator' || me.org.kind === 'agency';
}

export type TrackAction = 'start' | 'checkin' | 'complete' | 'abort' | 'delivery';

/** What the agency may do in the movement's state (docs/api-movements.md, "Transitions"). */
export function allowedActions(movement: Pick<Movement, 'status' | 'cargo' | 'delivery'>): TrackAction[] {
  const s = movement.status;
  const out: TrackAction[] = [];
  if (s === 'acknowledged') out.push('start');
  if (s === 'underway') out.push('checkin', 'complete');
  if (s === 'submitted' || s === 'acknowledged' || s === 'denied' || s === 'underway') out.push('abort');
  if (s === 'completed' && movement.cargo.length > 0 && !movement.delivery) out.push('delivery');
  return out;
}

const FINISHED: readonly MovementStatus[] = ['completed', 'aborted'];
const RECENT_MS = 72 * 3_600_000;

/** Not finished, or finished in the last three days. */
export function isCurrent(movement: Pick<Movement, 'status' | 'updatedAt'>, now: number): boolean {
  return !FINISHED.includes(movement.status) || now - new Date(movement.updatedAt).getTime() < RECENT_MS;
}

const STATUS_RANK: Record<MovementStatus, number> = { underway: 0, acknowledged: 1, submitted: 2, denied: 3, completed: 4, aborted: 5 };

/** Overdue convoys first, then those under way, then planned ones by departure, then finished ones, latest first. */
export function compareMovements(a: Movement, b: Movement): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const rank = STATUS_RANK[a.status] - STATUS_RANK[b.status];
  if (rank !== 0) return rank;
  if (FINISHED.includes(a.status)) return b.updatedAt.localeCompare(a.updatedAt);
  return new Date(a.departAt).getTime() - new Date(b.departAt).getTime();
}

/**
 * How far along the route the convoy is, 0–1. A completed convoy has arrived, whatever its
 * last check-in said.
 */
export function shownProgress(movement: Pick<Movement, 'status' | 'progress'>): number {
  if (movement.status === 'completed') return 1;
  return Math.min(1, Math.max(0, Number.isFinite(movement.progress) ? movement.progress : 0));
}

/** The movement's route as map points (its own route, or its corridor's). */
export function routePoints(movement: Pick<Movement, 'route'>): { lat: number; lon: number }[] {
  return (movement.route?.coordinates ?? []).map(([lon, lat]) => ({ lat, lon }));
}

/** The fields of the notification form, as the server's error paths name them. */
export const NOTIFICATION_FIELDS = [
  'kind',
  'corridorId',
  'route',
  'departAt',
  'arriveBy',
  'vehicles',
  'personnel',
  'passengers',
  'cargo',
  'urgent',
  'justification',
] as const;
export type NotificationField = (typeof NOTIFICATION_FIELDS)[number];

/** Reads a problem's path ("/cargo/1/quantity", "/body/departAt") as a form field. */
export function notificationFieldOfPath(path: string): FieldPath<NotificationField> {
  return pathOfFields(path, NOTIFICATION_FIELDS);
}
