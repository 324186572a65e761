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

export interface FieldError {
  path: string;
  message: string;
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
