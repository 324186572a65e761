import type { Corridor, CorridorContent, CorridorStatus, Me, Org } from '../../api.ts';

export const CORRIDORS_BASE = '/ops/corridors';

export const corridorPath = (id: string): string => `${CORRIDORS_BASE}/${encodeURIComponent(id)}`;

/** The fields of a corridor's content, in the order forms, details and diffs show them. */
export const CONTENT_FIELDS = [
  'name',
  'purpose',
  'origin',
  'destination',
  'route',
  'bufferMeters',
  'gatheringPoints',
  'checkpoints',
  'windows',
  'parties',
  'allowedTraffic',
  'eligibility',
  'maxVehicles',
  'conditions',
  'unilateral',
  'publicText',
] as const satisfies ReadonlyArray<keyof CorridorContent>;
export type ContentField = (typeof CONTENT_FIELDS)[number];

export const STATUSES: readonly CorridorStatus[] = ['draft', 'proposed', 'agreed', 'open', 'suspended', 'closed', 'rejected'];

export function isContentField(value: string): value is ContentField {
  return (CONTENT_FIELDS as readonly string[]).includes(value);
}

export interface FieldPath<F extends string = ContentField> {
  field: F | null;
  /** The item of a list field ("/windows/1/end" → 1). */
  index: number | null;
  /** What inside the item ("/windows/1/end" → "end"). */
  sub: string | null;
}

/** Reads a problem's JSON-pointer path ("/windows/1/end", "/body/route") as one of a form's fields. */
export function pathOfFields<F extends string>(path: string, fields: readonly F[]): FieldPath<F> {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  const [head, second, third] = parts;
  const field = fields.find((f) => f === head);
  if (!field) return { field: null, index: null, sub: null };
  const index = second !== undefined && /^\d+$/.test(second) ? Number(second) : null;
  const sub = index === null ? (second ?? null) : (third ?? null);
  return { field, index, sub };
}

/** Reads a problem's JSON-pointer path ("/windows/1/end", "/body/route") as a corridor field. */
export function fieldOfPath(path: string): FieldPath {
  return pathOfFields(path, CONTENT_FIELDS);
}

/** Mediator coordinators and admins draft, amend, propose, suspend, resume and close. */
export function canDraft(me: Me): boolean {
  return me.org.kind === 'mediator' && (me.role === 'coordinator' || me.role === 'admin');
}

/** A liaison officer of a party listed on the corridor decides for that party. */
export function canDecide(me: Me, corridor: Pick<Corridor, 'parties'>): boolean {
  return me.org.kind === 'party' && me.role === 'liaison' && (corridor.parties ?? []).includes(me.orgId);
}

/** The corridor is proposed and waits for the decision of the viewer's party. */
export function awaitsMyDecision(me: Me, corridor: Pick<Corridor, 'parties' | 'status' | 'pendingParties'>): boolean {
  return canDecide(me, corridor) && corridor.status === 'proposed' && (corridor.pendingParties ?? []).includes(me.orgId);
}

/** Org names by id; an unknown id (an org the viewer may not see) shows abbreviated. */
export function orgNamer(orgs: readonly Org[]): (id: string) => string {
  const byId = new Map(orgs.map((o) => [o.id, o.name]));
  return (id) => byId.get(id) ?? abbreviate(id, 8, 4);
}

/** "3f9a12c0…c4e1": enough to compare by eye; the full value stays copyable. */
export function abbreviate(value: string, head = 10, tail = 6): string {
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}

/** "50.9077, 34.7981" */
export function formatLatLon(point: { lat: number; lon: number }): string {
  return `${point.lat.toFixed(4)}, ${point.lon.toFixed(4)}`;
}
