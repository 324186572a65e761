/**
 * Thin fetch wrapper for the Safe Passage API: same-origin cookies, JSON in and out, and
 * RFC 9457 problem+json errors turned into an ApiError the UI can map to a translated message.
 */

export interface ProblemFieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemFieldError[];
}

/** The server answered with a non-2xx status. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** The request never got an answer (offline, DNS, connection reset). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Network error', { cause });
    this.name = 'NetworkError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseProblem(body: unknown, status: number): Problem | null {
  if (!isRecord(body)) return null;
  const problem: Problem = {
    type: typeof body.type === 'string' ? body.type : 'about:blank',
    title: typeof body.title === 'string' ? body.title : '',
    status: typeof body.status === 'number' ? body.status : status,
  };
  if (typeof body.detail === 'string') problem.detail = body.detail;
  if (Array.isArray(body.errors)) {
    problem.errors = body.errors.filter(isRecord).map((e) => ({
      path: typeof e.path === 'string' ? e.path : '',
      message: typeof e.message === 'string' ? e.message : '',
    }));
  }
  return problem;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the API and returns the parsed JSON body (undefined for 204). The caller states the
 * expected type; the server's schema is the contract.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers,
  };
  if (options.signal) init.signal = options.signal;
  // No Content-Type without a body: Fastify rejects an empty body declared as JSON.
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError(err);
  }

  const text = response.status === 204 || response.status === 304 ? '' : await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) throw new ApiError(response.status, parseProblem(body, response.status));
  return body as T;
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/* ---- Shapes the web apps rely on (see /work/shared/API.md) ---- */

export type CorridorStatus = 'draft' | 'proposed' | 'agreed' | 'open' | 'suspended' | 'closed' | 'rejected';
export type PublicStatus = 'open' | 'agreed' | 'suspended' | 'closed';
export type Purpose = 'evacuation' | 'supply';

export interface NamedPoint {
  name: string;
  lat: number;
  lon: number;
}

export interface GatheringPoint extends NamedPoint {
  address?: string;
}

export interface TimeWindow {
  start: string;
  end: string;
}

export interface PublicCorridor {
  id: string;
  name: string;
  status: CorridorStatus;
  purpose: Purpose[];
  origin: NamedPoint;
  destination: NamedPoint;
  gatheringPoints: GatheringPoint[];
  currentWindow: TimeWindow | null;
  nextWindow: TimeWindow | null;
  updatedAt: string;
}

export interface PublicCorridors {
  items: PublicCorridor[];
  generatedAt: string;
}

export interface PublicConfig {
  tileUrl: string | null;
  tileAttribution: string | null;
}

export type Role = 'admin' | 'coordinator' | 'liaison' | 'field' | 'registrar' | 'viewer';
export type OrgKind = 'mediator' | 'party' | 'agency';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
  org: { id: string; name: string; kind: OrgKind };
}

export interface LoginResponse {
  token: string;
  user: { id: string; email: string; role: Role; orgId: string };
}

export interface Place {
  id: string;
  names: { uk: string; ru: string; en: string };
  lat: number;
  lon: number;
  adm1: string | null;
  country: string;
}

export interface Places {
  items: Place[];
}
