import type { Checkpoint, CorridorStatus, LineString, TimeWindow } from './corridor.ts';
import type { FieldError } from './errors.ts';
import { fractionAlongRoute, maxDeviationMeters, type LatLon } from './geo.ts';
import { isHazard, isHazardType, isRecent, type IncidentIndex, type IncidentType } from './incident.ts';

/**
 * Movement notifications (OCHA's humanitarian notification practice, docs/design.md §Movements): an agency
 * notifies, each concerned party acknowledges receipt or denies, the convoy is followed until it
 * arrives. An acknowledgement records receipt; it is never a safety guarantee.
 */

export const MOVEMENT_KINDS = ['evacuation', 'supply', 'assessment', 'staff'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const VEHICLE_TYPES = ['bus', 'truck', 'car', 'van', 'ambulance', 'other'] as const;

export const MOVEMENT_STATUSES = ['submitted', 'acknowledged', 'denied', 'underway', 'completed', 'aborted'] as const;
export type MovementStatus = (typeof MOVEMENT_STATUSES)[number];

export type AckDecision = 'acknowledge' | 'deny';

export interface CargoLine {
  category: string;
  item: string;
  quantity: number;
  unit: string;
  weightKg?: number | undefined;
}

export interface MovementFacts {
  requiredAcknowledgements: readonly string[];
  acknowledgements: readonly { partyId: string; decision: AckDecision }[];
  startedAt: string | null;
  completedAt: string | null;
  abortedAt: string | null;
}

/** The one rule for a movement's status. */
export function movementStatus(facts: MovementFacts): MovementStatus {
  if (facts.abortedAt) return 'aborted';
  if (facts.completedAt) return 'completed';
  if (facts.startedAt) return 'underway';
  if (facts.acknowledgements.some((a) => a.decision === 'deny')) return 'denied';
  const acknowledged = new Set(facts.acknowledgements.filter((a) => a.decision === 'acknowledge').map((a) => a.partyId));
  if (facts.requiredAcknowledgements.every((p) => acknowledged.has(p))) return 'acknowledged';
  return 'submitted';
}

export const MOVEMENT_COMMANDS = ['acknowledge', 'start', 'checkin', 'complete', 'abort', 'delivery', 'manifest', 'board', 'arrive'] as const;
export type MovementCommand = (typeof MOVEMENT_COMMANDS)[number];

/** From which statuses each command may be given; anything else is an illegal transition (409). */
export const ALLOWED_FROM: Readonly<Record<MovementCommand, readonly MovementStatus[]>> = {
  acknowledge: ['submitted', 'acknowledged', 'denied'],
  // A convoy sets off only once every concerned party has at least acknowledged receipt.
  start: ['acknowledged'],
  checkin: ['underway'],
  complete: ['underway'],
  abort: ['submitted', 'acknowledged', 'denied', 'underway'],
  delivery: ['completed'],
  manifest: ['submitted', 'acknowledged', 'denied'],
  board: ['acknowledged', 'underway'],
  arrive: ['underway', 'completed'],
};

export function canApply(command: MovementCommand, status: MovementStatus): boolean {
  return ALLOWED_FROM[command].includes(status);
}

// ── Checks on a notification ────────────────────────────────────────────────

export interface MovementPlan {
  kind: MovementKind;
  corridorId: string | null;
  route: LineString | null;
  departAt: string;
  arriveBy: string;
  passengers: number | null;
  cargo: readonly CargoLine[];
  urgent: boolean;
  justification: string | null;
}

/** Rules a notification must keep (422). Outbound evacuation and inbound aid are separate movements. */
export function movementRuleErrors(plan: MovementPlan): FieldError[] {
  const errors: FieldError[] = [];
  if (plan.arriveBy <= plan.departAt) errors.push({ path: '/arriveBy', message: 'must be after departAt' });
  if (!plan.corridorId && !plan.route) errors.push({ path: '/route', message: 'give a corridorId or an own route' });
  if (plan.kind === 'evacuation' && plan.cargo.length > 0) {
    errors.push({ path: '/cargo', message: 'notify aid as its own supply movement: evacuation and aid are tracked apart' });
  }
  if (plan.kind === 'supply' && (plan.passengers ?? 0) > 0) {
    errors.push({ path: '/passengers', message: 'notify evacuees as their own evacuation movement' });
  }
  if (plan.urgent && !plan.justification) errors.push({ path: '/justification', message: 'an urgent movement needs a justification' });
  return errors;
}

/** A departure may be entered a little late (a desk catching up), never days late or years ahead. */
/** Buffer for incident warnings on an own route, which has no agreed buffer of its own. */
export const OWN_ROUTE_BUFFER_METERS = 2000;

export const DEPARTURE_PAST_SLACK_MINUTES = 60;
export const DEPARTURE_MAX_DAYS_AHEAD = 366;
/** Clocks on field phones drift; a tap a few minutes "ahead" of the server is still a real tap. */
export const CLOCK_SKEW_MINUTES = 5;
/** The oldest tap a device may still deliver (an outbox that waited through a week without signal). */
export const CHECKIN_MAX_AGE_DAYS = 7;

/** Times a notification must keep against the clock (422): a 2022 departure notified today is a typo. */
export function movementTimeErrors(plan: Pick<MovementPlan, 'departAt'>, now: Date): FieldError[] {
  const depart = new Date(plan.departAt).getTime();
  if (depart < now.getTime() - DEPARTURE_PAST_SLACK_MINUTES * 60_000) return [{ path: '/departAt', message: 'must not be in the past' }];
  if (depart > now.getTime() + DEPARTURE_MAX_DAYS_AHEAD * 86_400_000) return [{ path: '/departAt', message: 'must be within a year' }];
  return [];
}

/**
 * Whether a check-in's time is one a convoy could have: not in the future, not before the movement
 * started (or was notified), and not older than a device could have kept it. Null when plausible.
 */
export function checkinTimeError(at: string, now: Date, since: string): { code: string; message: string } | null {
  return tapTimeError(at, now, since, 'CHECKIN', 'the movement started');
}

/**
 * The same bounds for any tap a device may have kept in its outbox (boarding, arrival,
 * registration): its time is the event's time when plausible. `prefix` names the codes
 * (`BOARD_IN_FUTURE`…), `sinceWhat` says what `since` is.
 */
export function tapTimeError(at: string, now: Date, since: string | null, prefix: string, sinceWhat: string): { code: string; message: string } | null {
  const t = new Date(at).getTime();
  if (t > now.getTime() + CLOCK_SKEW_MINUTES * 60_000) return { code: `${prefix}_IN_FUTURE`, message: 'must not be in the future' };
  if (since !== null && t < new Date(since).getTime() - CLOCK_SKEW_MINUTES * 60_000) return { code: `${prefix}_BEFORE_START`, message: `must not be before ${sinceWhat}` };
  if (t < now.getTime() - CHECKIN_MAX_AGE_DAYS * 86_400_000) return { code: `${prefix}_TOO_OLD`, message: `must be within the last ${CHECKIN_MAX_AGE_DAYS} days` };
  return null;
}

export interface NoticeCheck {
  hoursGiven: number;
  short: boolean;
}

export function noticeGiven(departAt: string, now: Date, noticeHours: number): NoticeCheck {
  const hoursGiven = (new Date(departAt).getTime() - now.getTime()) / 3_600_000;
  return { hoursGiven, short: hoursGiven < noticeHours };
}

/** The deadline for parties to answer: the departure, since an answer after it is worth nothing. */
export function acknowledgementDeadline(departAt: string): string {
  return new Date(departAt).toISOString();
}

// ── Deconfliction ───────────────────────────────────────────────────────────

export type WarningCode =
  | 'SHORT_NOTICE'
  | 'CORRIDOR_NOT_AGREED'
  | 'OUTSIDE_WINDOW'
  | 'OUTSIDE_CORRIDOR'
  | 'INCIDENT_NEAR_ROUTE'
  | 'HAZARD_ON_ROUTE';

export interface Warning {
  code: WarningCode;
  message: string;
  [detail: string]: unknown;
}

export interface CorridorForDeconfliction {
  id: string;
  status: CorridorStatus;
  route: LineString | null;
  bufferMeters: number;
  windows: readonly TimeWindow[];
  parties: readonly string[];
  checkpoints: readonly Checkpoint[];
}

/** What deconfliction looks at besides the notification itself. */
export interface World {
  now: Date;
  noticeHours: number;
  corridor: CorridorForDeconfliction | null;
  incidents: IncidentIndex;
  /** Buffer around an own route (no corridor) within which incidents count. */
  defaultBufferMeters: number;
}

/** The route a movement follows: its own, or its corridor's. */
export function routeOf(plan: Pick<MovementPlan, 'route'>, corridor: Pick<CorridorForDeconfliction, 'route'> | null): LineString | null {
  return plan.route ?? corridor?.route ?? null;
}

/**
 * Warnings about a notification, each with a code and the details a coordinator needs. Warnings
 * inform; they never block a notification (people decide).
 */
export function deconflict(plan: MovementPlan, world: World): Warning[] {
  const warnings: Warning[] = [];
  const notice = noticeGiven(plan.departAt, world.now, world.noticeHours);
  if (notice.short) {
    warnings.push({
      code: 'SHORT_NOTICE',
      message: `Departure is ${Math.max(0, notice.hoursGiven).toFixed(1)} h away; the notice period is ${world.noticeHours} h.`,
      hoursGiven: Math.round(notice.hoursGiven * 10) / 10,
      noticeHours: world.noticeHours,
      urgent: plan.urgent,
    });
  }
  const corridor = world.corridor;
  if (corridor) {
    if (corridor.status !== 'agreed' && corridor.status !== 'open') {
      warnings.push({ code: 'CORRIDOR_NOT_AGREED', message: `The corridor is ${corridor.status}, not agreed.`, corridorStatus: corridor.status });
    }
    const inside = corridor.windows.some((w) => w.start <= new Date(plan.departAt).toISOString() && new Date(plan.arriveBy).toISOString() <= w.end);
    if (!inside) {
      warnings.push({ code: 'OUTSIDE_WINDOW', message: 'Departure to arrival does not fall inside one of the corridor’s windows.', windows: corridor.windows });
    }
    if (plan.route && corridor.route) {
      const deviation = maxDeviationMeters(plan.route, corridor.route);
      if (deviation > corridor.bufferMeters) {
        warnings.push({
          code: 'OUTSIDE_CORRIDOR',
          message: `The route leaves the corridor by up to ${Math.round(deviation)} m (buffer ${corridor.bufferMeters} m).`,
          maxDeviationMeters: Math.round(deviation),
          bufferMeters: corridor.bufferMeters,
        });
      }
    }
  }
  const route = routeOf(plan, corridor);
  if (route) {
    const buffer = corridor?.bufferMeters ?? world.defaultBufferMeters;
    const near = world.incidents.nearRoute(route, buffer);
    // Hazards (mines, blocked roads) count until cleared, and not at all once cleared.
    const recent = near.filter((h) => !isHazardType(h.incident.type) && isRecent(h.incident, world.now));
    const hazards = near.filter((h) => isHazard(h.incident));
    const describe = (hits: typeof near) =>
      hits.map((h) => ({ id: h.incident.id, type: h.incident.type as IncidentType, severity: h.incident.severity, occurredAt: h.incident.occurredAt, distanceMeters: Math.round(h.distanceMeters) }));
    if (recent.length > 0) {
      warnings.push({ code: 'INCIDENT_NEAR_ROUTE', message: `${recent.length} recent incident(s) within ${buffer} m of the route.`, incidents: describe(recent) });
    }
    if (hazards.length > 0) {
      warnings.push({ code: 'HAZARD_ON_ROUTE', message: `${hazards.length} uncleared hazard(s) (mines/UXO, blocked roads) within ${buffer} m of the route.`, incidents: describe(hazards) });
    }
  }
  return warnings;
}

// ── Tracking ────────────────────────────────────────────────────────────────

export interface ExpectedPassage {
  checkpoint: string;
  lat: number;
  lon: number;
  fraction: number;
  expectedAt: string;
}

/** When the convoy should pass each checkpoint: interpolated along the route between departure and arrival. */
export function expectedPassages(route: LineString, checkpoints: readonly Pick<Checkpoint, 'name' | 'lat' | 'lon'>[], departAt: string, arriveBy: string): ExpectedPassage[] {
  const start = new Date(departAt).getTime();
  const span = new Date(arriveBy).getTime() - start;
  return checkpoints
    .map((c) => {
      const fraction = fractionAlongRoute(c, route);
      return { checkpoint: c.name, lat: c.lat, lon: c.lon, fraction, expectedAt: new Date(start + fraction * span).toISOString() };
    })
    .sort((a, b) => a.fraction - b.fraction);
}

export interface Checkin extends LatLon {
  at: string;
  checkpoint: string | null;
}

export interface OverdueVerdict {
  overdue: boolean;
  /** What was expected and when: the next checkpoint, or the arrival. */
  expected: { what: string; at: string } | null;
}

/**
 * A convoy underway is overdue when the next expected passage (a checkpoint not yet checked in
 * at, or the arrival) is more than the grace period late and no check-in came since it was due.
 */
export function overdueVerdict(input: {
  status: MovementStatus;
  passages: readonly ExpectedPassage[];
  checkins: readonly Checkin[];
  arriveBy: string;
  now: Date;
  graceMinutes: number;
}): OverdueVerdict {
  if (input.status !== 'underway') return { overdue: false, expected: null };
  const passed = new Set(input.checkins.map((c) => c.checkpoint).filter((c): c is string => c !== null));
  const next = input.passages.find((p) => !passed.has(p.checkpoint));
  const expected = next ? { what: next.checkpoint, at: next.expectedAt } : { what: 'arrival', at: new Date(input.arriveBy).toISOString() };
  const deadline = new Date(expected.at).getTime() + input.graceMinutes * 60_000;
  const lastCheckin = input.checkins.reduce<string | null>((latest, c) => (latest === null || c.at > latest ? c.at : latest), null);
  const heardSinceDue = lastCheckin !== null && lastCheckin >= expected.at;
  return { overdue: input.now.getTime() > deadline && !heardSinceDue, expected };
}

/** Progress along the route (0–1) of the last known position. */
export function progressAlong(route: LineString, position: LatLon | null): number {
  return position ? fractionAlongRoute(position, route) : 0;
}

// ── Supplies ────────────────────────────────────────────────────────────────

export interface DeliveryLine {
  item: string;
  unit: string;
  expected: number;
  received: number;
  difference: number;
}

/** Expected against received, per item; a line not reported as received counts as 0 received. */
export function deliveryDiscrepancies(cargo: readonly CargoLine[], received: readonly { item: string; quantityReceived: number }[]): DeliveryLine[] {
  const receivedBy = new Map<string, number>();
  for (const r of received) receivedBy.set(r.item, (receivedBy.get(r.item) ?? 0) + r.quantityReceived);
  const expectedBy = new Map<string, { quantity: number; unit: string }>();
  for (const c of cargo) {
    const prior = expectedBy.get(c.item);
    expectedBy.set(c.item, { quantity: (prior?.quantity ?? 0) + c.quantity, unit: c.unit });
  }
  const items = new Set([...expectedBy.keys(), ...receivedBy.keys()]);
  return [...items].map((item) => {
    const expected = expectedBy.get(item)?.quantity ?? 0;
    const got = receivedBy.get(item) ?? 0;
    return { item, unit: expectedBy.get(item)?.unit ?? '', expected, received: got, difference: got - expected };
  });
}
