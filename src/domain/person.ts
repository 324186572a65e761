import type { FieldError } from './errors.ts';
import { isPersonName, textProblem } from './text.ts';

/** What a registration holds (docs/design.md §People); names as written, in any script. */

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const VULNERABILITIES = ['unaccompanied_child', 'elderly', 'disability', 'medical', 'pregnancy'] as const;
export type Vulnerability = (typeof VULNERABILITIES)[number];

export const SITE_KINDS = ['gathering_point', 'reception_centre'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const PROTECTION_STATUSES = ['applied', 'granted', 'refused'] as const;
export type ProtectionStatus = (typeof PROTECTION_STATUSES)[number];

/** How the tracing desk decides a "possibly registered by another organisation" flag. */
export const FLAG_OUTCOMES = ['same_person', 'different_people'] as const;
export type FlagOutcome = (typeof FLAG_OUTCOMES)[number];

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: people often know only the year of an elderly relative's birth. */
export const BIRTH_DATE_PATTERN = '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$';

export function isPlausibleBirthDate(birthDate: string, now: Date): boolean {
  const year = Number(birthDate.slice(0, 4));
  if (year < 1900 || year > now.getUTCFullYear()) return false;
  if (birthDate.length === 10) {
    const date = new Date(`${birthDate}T00:00:00Z`);
    return date.toISOString().slice(0, 10) === birthDate && date.getTime() <= now.getTime();
  }
  return true;
}

export const NAME_PART_MAX = 100;

/**
 * The rules a person's name and birth date keep wherever they enter (the registration form, a
 * PFIF file): what the request schema checks for the form, in one place for files too.
 */
export function personFieldErrors(
  p: { givenName?: string | undefined; familyName?: string | undefined; patronymic?: string | undefined; birthDate?: string | undefined },
  now: Date,
  prefix = '',
): FieldError[] {
  const errors: FieldError[] = [];
  const name = (field: 'givenName' | 'familyName' | 'patronymic', required: boolean) => {
    const value = p[field]?.trim();
    if (!value) {
      if (required) errors.push({ path: `${prefix}/${field}`, code: 'REQUIRED', message: 'required' });
      return;
    }
    const problem: Omit<FieldError, 'path'> | null =
      value.length > NAME_PART_MAX
        ? { code: 'TOO_LONG', limit: NAME_PART_MAX, message: `at most ${NAME_PART_MAX} characters` }
        : (textProblem(value) ?? (isPersonName(value) ? null : { code: 'NEEDS_LETTER', message: 'needs at least one letter' }));
    if (problem) errors.push({ path: `${prefix}/${field}`, ...problem });
  };
  name('givenName', true);
  name('familyName', true);
  name('patronymic', false);
  if (p.birthDate !== undefined && !(new RegExp(BIRTH_DATE_PATTERN).test(p.birthDate) && isPlausibleBirthDate(p.birthDate, now))) {
    errors.push({ path: `${prefix}/birthDate`, code: 'BIRTH_DATE_INVALID', message: 'YYYY, YYYY-MM or YYYY-MM-DD: a real past date from 1900 on' });
  }
  return errors;
}

/** The name as one string for matching: given, patronymic, family — the order matching ignores anyway. */
export function fullName(p: { givenName: string; patronymic?: string | null | undefined; familyName: string }): string {
  return [p.givenName, p.patronymic ?? '', p.familyName].filter((part) => part.trim() !== '').join(' ');
}

/** Why public tracing cannot point to a person: each missing condition, in the order to fix them. */
export const UNTRACEABLE_REASONS = ['no_consent', 'no_site', 'no_birth_date'] as const;
export type UntraceableReason = (typeof UNTRACEABLE_REASONS)[number];

/**
 * The conditions public tracing holds a record to (people.service.ts traceForPublic): consent, a
 * site whose contact the answer gives, and a birth date the asker can give as precisely.
 */
export function untraceableReasons(p: { consentTracing: boolean; site: string | null; birthDate: string | null }): UntraceableReason[] {
  const reasons: UntraceableReason[] = [];
  if (!p.consentTracing) reasons.push('no_consent');
  if (p.site === null) reasons.push('no_site');
  if (p.birthDate === null) reasons.push('no_birth_date');
  return reasons;
}

/**
 * Whether a birth date given by a public asker may unlock a record holding `registered`: the asker
 * must know it at least as precisely (a year alone matches only a record that holds just the year;
 * a full date matches a record with that date, its month or its year).
 */
export function askerDateUnlocks(asked: string, registered: string | null): boolean {
  return registered !== null && asked.startsWith(registered);
}
