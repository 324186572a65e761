import type { Corridor, CorridorContent, CorridorStatus } from '../../api.ts';
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

/** The corridor is proposed and waits for the decision of the viewer's party. */
export function awaitsMyDecision(corridor: Pick<Corridor, 'status' | 'allowedActions'>): boolean {
  return corridor.status === 'proposed' && corridor.allowedActions.includes('decide');
}
