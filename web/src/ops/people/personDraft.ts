import { VULNERABILITIES, type Person, type PersonMatch, type PersonRegistration, type Sex, type Vulnerability } from '../../api.ts';
import { BIRTH_DATE_PROBLEM_KEY, EMPTY_BIRTH_DATE, readBirthDate, type BirthDateParts } from '../../components/BirthDateFields.tsx';
import type { FormError } from '../../ui/form-errors.ts';
import type { DuplicateItem } from './DuplicateList.tsx';

// The registration form's state and the body it sends: pure, no React.

export interface FormState {
  givenName: string;
  patronymic: string;
  familyName: string;
  birth: BirthDateParts;
  sex: Sex | '';
  vulnerabilities: Vulnerability[];
  householdId: string;
  site: string;
  consentTracing: boolean;
}

export const emptyState = (site = ''): FormState => ({
  givenName: '',
  patronymic: '',
  familyName: '',
  birth: EMPTY_BIRTH_DATE,
  sex: '',
  vulnerabilities: [],
  householdId: '',
  site,
  consentTracing: false,
});

/** The body to send, or the errors found here first. */
export function buildBody(state: FormState): { body: PersonRegistration | null; errors: FormError[] } {
  const errors: FormError[] = [];
  if (!state.familyName.trim()) errors.push({ path: '/familyName', message: '', key: 'corridors.errors.required' });
  if (!state.givenName.trim()) errors.push({ path: '/givenName', message: '', key: 'corridors.errors.required' });
  const birth = readBirthDate(state.birth);
  if (birth.problem) errors.push({ path: '/birthDate', message: '', key: BIRTH_DATE_PROBLEM_KEY[birth.problem] });
  if (errors.length) return { body: null, errors };
  const body: PersonRegistration = { givenName: state.givenName.trim(), familyName: state.familyName.trim() };
  if (state.patronymic.trim()) body.patronymic = state.patronymic.trim();
  if (birth.value) body.birthDate = birth.value;
  if (state.sex) body.sex = state.sex;
  if (state.vulnerabilities.length) body.vulnerabilities = VULNERABILITIES.filter((v) => state.vulnerabilities.includes(v));
  if (state.householdId.trim()) body.householdId = state.householdId.trim();
  if (state.site) body.site = state.site;
  body.consentTracing = state.consentTracing;
  return { body, errors };
}

/** The live check shows the closest few; the search page shows more. */
export const MAX_SHOWN_DUPLICATES = 10;

/** A registration the server has stored, with the likely duplicates it named (null while their names are read). */
export type Saved = { id: string; person: Pick<Person, 'givenName' | 'familyName' | 'patronymic'>; duplicates: DuplicateItem[] | null; elsewhere: readonly PersonMatch[] };

/** A registration waiting on the device (no signal), with the time it was tapped. */
export interface Queued {
  person: { givenName: string; familyName: string; patronymic: string | null };
  at: string;
}
