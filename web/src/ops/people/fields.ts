import type { Me, Movement, MovementStatus } from '../../api.ts';
import { pathOfFields, type FieldPath } from '../../ui/form-errors.ts';
/**
 * Who may do what with people (mirrors src/domain/policy.ts, which decides): names stay with
 * the organisation that registered them; the mediator's registrars run the tracing desk across
 * organisations; parties never see a name. Names never go into a URL, only ids.
 */

const AGENCY_PEOPLE_ROLES: readonly Me['role'][] = ['admin', 'coordinator', 'field', 'registrar'];

/** Read and search people (person.read). */
export function canReadPeople(me: Me): boolean {
  if (me.org.kind === 'mediator') return me.role === 'admin' || me.role === 'registrar';
  return me.org.kind === 'agency' && AGENCY_PEOPLE_ROLES.includes(me.role);
}

/** Register people and record their temporary protection (person.register). */
export function canRegister(me: Me): boolean {
  if (me.org.kind === 'mediator') return me.role === 'registrar';
  return me.org.kind === 'agency' && AGENCY_PEOPLE_ROLES.includes(me.role);
}

/** Create and change the organisation's sites (site.manage). */
export function canManageSites(me: Me): boolean {
  return (me.org.kind === 'agency' || me.org.kind === 'mediator') && (me.role === 'admin' || me.role === 'coordinator');
}

/** The tracing desk searches the people of every organisation. */
export function searchesAllOrgs(me: Me): boolean {
  return me.org.kind === 'mediator' && canReadPeople(me);
}

/** The notifying agency's staff put its people on the manifest and record boarding and arrival. */
export function canManageManifest(me: Me, movement: Pick<Movement, 'agencyId'>): boolean {
  return me.org.kind === 'agency' && AGENCY_PEOPLE_ROLES.includes(me.role) && movement.agencyId === me.orgId;
}

/** From which movement statuses each manifest step is taken (src/domain/movement.ts ALLOWED_FROM). */
export const MANIFEST_STEPS: Readonly<Record<'add' | 'board' | 'arrive', readonly MovementStatus[]>> = {
  add: ['submitted', 'acknowledged', 'denied'],
  board: ['acknowledged', 'underway'],
  arrive: ['underway', 'completed'],
};

/** The fields of the registration form, as the server's error paths name them. */
export const PERSON_FIELDS = [
  'familyName',
  'givenName',
  'patronymic',
  'birthDate',
  'sex',
  'vulnerabilities',
  'householdId',
  'site',
  'consentTracing',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export function personFieldOfPath(path: string): FieldPath<PersonField> {
  return pathOfFields(path, PERSON_FIELDS);
}

/** "Given Patronymic Family": what the name search and the duplicate check are sent. */
export function fullName(p: { givenName: string; patronymic?: string | null; familyName: string }): string {
  return [p.givenName, p.patronymic ?? '', p.familyName].map((s) => s.trim()).filter(Boolean).join(' ');
}
