/**
 * Errors are values with a stable code; src/http/problem.ts maps each kind to one HTTP status.
 * Messages must never contain personal data: they reach clients and logs.
 */
export type ErrorKind =
  | 'invalid' // 400: malformed input
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409: clashes with current state
  | 'too_large' // 413
  | 'rule' // 422: well-formed but breaks a rule
  | 'rate_limited'; // 429

/**
 * Codes of the checks that many fields share, so a client can say them in its user's language.
 * A field error of a check peculiar to one rule (an unknown site, a notice too short) carries no
 * code of its own: it is answered with its problem's code (src/http/problem.ts).
 */
export const FIELD_ERROR_CODES = [
  'REQUIRED',
  'TOO_LONG',
  'TOO_SHORT',
  'OUT_OF_RANGE',
  'TOO_MANY',
  'TOO_FEW',
  'WRONG_TYPE',
  'NOT_ALLOWED_VALUE',
  'BAD_FORMAT',
  'UNKNOWN_FIELD',
  'NEEDS_LETTER',
  'CONTROL_CHARACTERS',
  'INVALID_UNICODE',
  'BIRTH_DATE_INVALID',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  path: string;
  message: string;
  code?: FieldErrorCode;
  /** The bound a TOO_LONG, TOO_SHORT, OUT_OF_RANGE, TOO_MANY or TOO_FEW error names. */
  limit?: number;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError =>
  new DomainError('not_found', `${what.toUpperCase()}_NOT_FOUND`, `No such ${what}, or it is not visible to you.`);

export const forbidden = (action: string): DomainError =>
  new DomainError('forbidden', 'FORBIDDEN', `You are not allowed to ${action}.`);
