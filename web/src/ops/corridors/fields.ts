import type { Corridor, CorridorContent, CorridorStatus, Me } from '../../api.ts';
import { pathOfFields, type FieldPath } from '../../ui/form-errors.ts';

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

/** Reads a problem's JSON-pointer path ("/windows/1/end", "/body/route") as a corridor field. */
export function fieldOfPath(path: string): FieldPath<ContentField> {
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
