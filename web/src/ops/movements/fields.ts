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

/** The notification waits for the answer of the viewer's party. */
export function awaitsMyAck(movement: Pick<Movement, 'allowedActions' | 'status'>): boolean {
  return movement.status === 'submitted' && movement.allowedActions.includes('acknowledge');
}

/** The mediator and the agencies follow convoys on the map; the parties get the list. */
export function seesConvoyMap(me: Me): boolean {
  return me.org.kind === 'mediator' || me.org.kind === 'agency';
}

/** The agency's steps on its convoy; the server's allowedActions say which are open now. */
export const TRACK_ACTIONS = ['start', 'checkin', 'complete', 'abort', 'delivery'] as const;
export type TrackAction = (typeof TRACK_ACTIONS)[number];

/** The track steps this user may take now on the movement, as the server sent them. */
export function trackActionsOf(movement: Pick<Movement, 'allowedActions'>): TrackAction[] {
  return TRACK_ACTIONS.filter((a) => movement.allowedActions.includes(a));
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
