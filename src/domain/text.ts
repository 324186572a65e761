import { DomainError, type FieldError, type FieldErrorCode } from './errors.ts';

/**
 * What text may hold as it enters: a name or a note is read by a registrar, printed on a
 * manifest, shown to a relative. Control characters and escape sequences garble terminals and
 * logs; direction overrides (U+202E) make "Іван" display as someone else; a lone surrogate is not
 * text at all and SQLite would store it as invalid UTF-8. All text is kept in NFC so the same name
 * typed on two keyboards is the same string.
 */

// C0 controls except tab, line feed and carriage return; DEL and the C1 controls; the bidi
// embeddings, overrides and isolates.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

// In a /u pattern a lone surrogate is a code point of its own, category Cs; a pair is not.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why `text` may not enter, or null when it may. */
export function textProblem(text: string): { code: FieldErrorCode; message: string } | null {
  if (LONE_SURROGATE.test(text)) return { code: 'INVALID_UNICODE', message: 'must be valid Unicode text (it holds a lone surrogate)' };
  if (FORBIDDEN.test(text)) return { code: 'CONTROL_CHARACTERS', message: 'must not hold control characters or text-direction overrides' };
  return null;
}

/** The format name of a person's name in request schemas: at least one letter. */
export const PERSON_NAME_FORMAT = 'person-name';

export function isPersonName(text: string): boolean {
  return /\p{L}/u.test(text);
}

/**
 * Every string in a parsed JSON body, in NFC, or a 400 naming each string that may not enter.
 * Pure: returns a new value, never changes its input.
 */
export function cleanBody(value: unknown, path = ''): unknown {
  const errors: FieldError[] = [];
  const walk = (v: unknown, at: string): unknown => {
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) errors.push({ path: at || '/', ...problem });
      return problem ? v : v.normalize('NFC');
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${at}/${i}`));
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)]));
    }
    return v;
  };
  const cleaned = walk(value, path);
  if (errors.length) throw new DomainError('invalid', 'INVALID_TEXT', 'Some text holds characters that may not enter.', errors);
  return cleaned;
}
