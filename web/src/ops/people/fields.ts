import type { Me } from '../../api.ts';
import { pathOfFields, type FieldPath } from '../../ui/form-errors.ts';
/** The tracing desk searches the people of every organisation: person.read over all of them (/me). */
export function searchesAllOrgs(me: Pick<Me, 'actions'>): boolean {
  return me.actions['person.read'] === 'all';
}

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
