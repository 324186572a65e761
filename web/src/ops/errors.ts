import { ApiError, NetworkError } from '../api.ts';

export type ErrorKey =
  | 'ops.signIn.wrongCredentials'
  | 'ops.signIn.tooManyAttempts'
  | 'ops.signIn.invalidInput'
  | 'ops.networkError'
  | 'ops.serverError';

export type RequestErrorKey =
  | 'ops.networkError'
  | 'ops.serverError'
  | 'ops.errors.forbidden'
  | 'ops.errors.notFound'
  | 'ops.errors.conflict'
  | 'ops.errors.invalid'
  | 'ops.errors.rule'
  | 'ops.errors.tooManyRequests';

/** Maps a failed API call (other than sign-in) to what the user should read. */
export function requestErrorKey(err: unknown): RequestErrorKey {
  if (err instanceof ApiError) {
    switch (err.status) {
      case 400:
        return 'ops.errors.invalid';
      case 403:
        return 'ops.errors.forbidden';
      case 404:
        return 'ops.errors.notFound';
      case 409:
        return 'ops.errors.conflict';
      case 422:
        return 'ops.errors.rule';
      case 429:
        return 'ops.errors.tooManyRequests';
      default:
        return 'ops.serverError';
    }
  }
  if (err instanceof NetworkError) return 'ops.networkError';
  return 'ops.serverError';
}

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

// The session check lives with the API client, which the kit (web/src/signing) shares.
export { isUnauthorized } from '../api.ts';
