import type { FastifyError } from 'fastify';
import { DomainError, type ErrorKind, type FieldError, type FieldErrorCode } from '../domain/errors.ts';
import { PERSON_NAME_FORMAT } from '../domain/text.ts';

/** RFC 9457 problem details, the one error shape of the API (docs/api.md §Errors). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: ProblemFieldError[];
  requestId?: string;
}

/** A field error as answered: always with a code, the field's own or else its problem's. */
export interface ProblemFieldError extends Omit<FieldError, 'code'> {
  code: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rule: 422,
  rate_limited: 429,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict with the current state',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Breaks a rule',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors: errors.map((e) => ({ ...e, code: e.code ?? code })) } : {}),
  };
}

interface AjvLikeError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

function fieldErrors(validation: AjvLikeError[], context: string | undefined): FieldError[] {
  const prefix = context && context !== 'body' ? `${context}` : '';
  return validation.map((v) => {
    let path = v.instancePath ?? '';
    const missing = v.params?.missingProperty ?? v.params?.additionalProperty;
    if (typeof missing === 'string') path = `${path}/${missing}`;
    const message =
      v.keyword === 'additionalProperties' ? 'is not a known field' : v.message ?? 'is invalid';
    const limit = typeof v.params?.limit === 'number' ? { limit: v.params.limit } : {};
    return { path: `${prefix}${path || '/'}`, code: codeOfKeyword(v), message, ...limit };
  });
}

const CODE_OF_KEYWORD: Record<string, FieldErrorCode> = {
  required: 'REQUIRED',
  maxLength: 'TOO_LONG',
  minLength: 'TOO_SHORT',
  maximum: 'OUT_OF_RANGE',
  minimum: 'OUT_OF_RANGE',
  exclusiveMaximum: 'OUT_OF_RANGE',
  exclusiveMinimum: 'OUT_OF_RANGE',
  maxItems: 'TOO_MANY',
  minItems: 'TOO_FEW',
  maxProperties: 'TOO_MANY',
  type: 'WRONG_TYPE',
  enum: 'NOT_ALLOWED_VALUE',
  const: 'NOT_ALLOWED_VALUE',
  additionalProperties: 'UNKNOWN_FIELD',
};

function codeOfKeyword(v: AjvLikeError): FieldErrorCode {
  if (v.keyword === 'format' && v.params?.format === PERSON_NAME_FORMAT) return 'NEEDS_LETTER';
  // The schemas say "not blank" as the pattern \S.
  if (v.keyword === 'pattern' && v.params?.pattern === '\\S') return 'REQUIRED';
  return CODE_OF_KEYWORD[v.keyword ?? ''] ?? 'BAD_FORMAT';
}

/**
 * Maps anything thrown while handling a request to a problem. Only fixed texts and our own
 * DomainError messages reach the client: parser messages can quote the body, so they never do.
 */
export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    return problem(STATUS_OF_KIND[error.kind], error.code, error.message, [...error.errors]);
  }
  const fastifyError = error as Partial<FastifyError> & { validation?: AjvLikeError[]; validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    return problem(400, 'VALIDATION_FAILED', 'Some fields are missing or invalid.', fieldErrors(fastifyError.validation, fastifyError.validationContext));
  }
  const status = fastifyError.statusCode;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'BODY_TOO_LARGE', 'The request body is larger than this server accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON with Content-Type: application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'EMPTY_BODY', 'The body is empty but Content-Type says JSON.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(400, 'INVALID_JSON', 'The body is not valid JSON.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problem(414, 'PATH_TOO_LONG', 'A part of this address is longer than any id.');
    case 'FST_ERR_BAD_URL':
      return problem(400, 'BAD_URL', 'This address is not well formed.');
    default:
      break;
  }
  if (error instanceof SyntaxError) return problem(400, 'INVALID_JSON', 'The body is not valid JSON.');
  if (status === 429) return problem(429, 'RATE_LIMITED', 'Too many requests: wait a minute and try again.');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problem(status, `HTTP_${status}`, TITLES[status] ?? 'The request was not accepted.');
  }
  return problem(500, 'INTERNAL', 'Something went wrong on the server. The request id identifies it in the logs.');
}

export function notFoundProblem(): Problem {
  return problem(404, 'ROUTE_NOT_FOUND', 'There is nothing at this address.');
}
