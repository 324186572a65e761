import { useTranslation } from 'react-i18next';
import { FIELD_ERROR_CODES, type FieldErrorCode } from '../../../src/domain/errors.ts';
import type { ProblemFieldError } from '../api.ts';

// The errors a form shows: its own checks (a translation key) and the server's problem+json
// entries, placed on the field their JSON-pointer path names.

/** A form-side error: a translation key for checks done here, or the server's field error. */
export interface FormError extends Omit<ProblemFieldError, 'code'> {
  code?: string;
  key?: ClientErrorKey;
}

export type ClientErrorKey =
  | 'corridors.errors.required'
  | 'corridors.errors.number'
  | 'corridors.errors.latitude'
  | 'corridors.errors.longitude'
  | 'corridors.errors.dateTime'
  | 'corridors.errors.route'
  | 'corridors.errors.integer'
  | MovementErrorKey
  | PeopleErrorKey;

/** Checks of the people forms (registration, search, protection). */
export type PeopleErrorKey =
  | 'birthDate.errors.required'
  | 'birthDate.errors.year'
  | 'birthDate.errors.month'
  | 'birthDate.errors.day'
  | 'birthDate.errors.future';

/** Checks of the movement forms (notification, check-in, delivery). */
export type MovementErrorKey =
  | 'movements.errors.dateTime'
  | 'movements.errors.count'
  | 'movements.errors.quantity'
  | 'movements.errors.weight'
  | 'movements.errors.routeOrCorridor'
  | 'movements.errors.vehicles'
  | 'movements.errors.justification'
  | 'movements.errors.arrivalAfter'
  | 'movements.errors.noticeTooShort'
  | 'movements.errors.received';

function isFieldErrorCode(code: string | undefined): code is FieldErrorCode {
  return (FIELD_ERROR_CODES as readonly string[]).includes(code ?? '');
}

/**
 * The message of one error in the current language: the server's shared codes are said in the
 * user's language; a rule peculiar to one field is quoted in the server's text.
 */
export function useErrorText(): (error: FormError) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error.key) return t(error.key);
    if (isFieldErrorCode(error.code)) return t(`fieldErrors.${error.code}`, { limit: error.limit ?? '' });
    return t('corridors.errors.server', { message: error.message });
  };
}

export interface FieldPath<F extends string> {
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

