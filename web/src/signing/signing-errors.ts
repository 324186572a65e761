import { ApiError } from '../api.ts';
import { ContentMismatchError } from './statements-on-screen.ts';

export type SigningErrorKey = 'signing.contentMismatch' | 'signing.signatureRefused' | 'signing.keyNotActive' | 'signing.clockWrong' | 'signing.unsupported';

/** What went wrong with a signature, in words the liaison can act on; null when it was not about signing. */
export function signingErrorKey(err: unknown): SigningErrorKey | null {
  if (err instanceof ContentMismatchError) return 'signing.contentMismatch';
  if (err instanceof DOMException && err.name === 'NotSupportedError') return 'signing.unsupported';
  if (!(err instanceof ApiError)) return null;
  switch (err.problem?.code) {
    case 'SIGNATURE_INVALID':
      return 'signing.signatureRefused';
    case 'KEY_NOT_ACTIVE':
    case 'KEY_UNKNOWN':
      return 'signing.keyNotActive';
    case 'SIGNED_AT_IMPLAUSIBLE':
      return 'signing.clockWrong';
    default:
      return null;
  }
}
