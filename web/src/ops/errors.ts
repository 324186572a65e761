import { ApiError, NetworkError } from '../api.ts';

export type ErrorKey =
  | 'ops.signIn.wrongCredentials'
  | 'ops.signIn.tooManyAttempts'
  | 'ops.signIn.invalidInput'
  | 'ops.networkError'
  | 'ops.serverError';

/** Maps a failed sign-in to the message the user should see (never the server's own text). */
export function signInErrorKey(err: unknown): ErrorKey {
  if (err instanceof ApiError) {
    if (err.status === 401) return 'ops.signIn.wrongCredentials';
    if (err.status === 429) return 'ops.signIn.tooManyAttempts';
    if (err.status === 400 || err.status === 422) return 'ops.signIn.invalidInput';
    return 'ops.serverError';
  }
  if (err instanceof NetworkError) return 'ops.networkError';
  return 'ops.serverError';
}

export function isUnauthorized(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}
