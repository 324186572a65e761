import type { CorridorNotice } from '../../src/domain/corridor-notice.ts';
import type { OrgKind, Role } from '../../src/domain/identity.ts';
import type { LoginOutT, MeOutT, OrgOutT } from '../../src/http/schemas/identity.ts';
import type { PlaceListOutT, PlaceOutT } from '../../src/http/schemas/places.ts';
import type { PublicConfigOutT } from '../../src/http/schemas/public.ts';
import type { FoundPersonOutT, PersonMatchOutT, PersonOutT, PersonRegisteredOutT, TracingAnswerOutT } from '../../src/http/schemas/people.ts';
import type { SiteOutT } from '../../src/http/schemas/sites.ts';
import type { ManifestEntryOutT, ManifestOutT, OtherRegistrationsOutT } from '../../src/http/schemas/manifest.ts';
import type {
  ApprovalRecord,
  CorridorArea,
  CorridorBodyT,
  CorridorContentOutT,
  CorridorOutT,
  CorridorVersionOutT,
  PublicCorridorListOutT,
  PublicCorridorOutT,
  TimelineItemOutT,
} from '../../src/http/schemas/corridor.ts';
import type { ActorNameOutT, PageOutT, ProblemOutT } from '../../src/http/schemas/common.ts';
import type { IncidentOutT, IncidentReportedOutT } from '../../src/http/schemas/incident.ts';
import type { PublicCorridorEventOutT, StaffCorridorEventOutT, StaffIncidentEventOutT, StaffMovementEventOutT } from '../../src/http/schemas/stream.ts';
import type { PersonBodyT } from '../../src/http/schemas/people.ts';
import type { FlagOutT, ShareOutT } from '../../src/http/schemas/person-links.ts';
import type { Decision } from '../../src/domain/corridor.ts';
import type { TimelineType } from '../../src/domain/corridor-status.ts';
import type { ProblemFieldError } from '../../src/http/problem.ts';
import type { ProtectionStatus, Sex, SiteKind, UntraceableReason, Vulnerability } from '../../src/domain/person.ts';
import type { CorridorStatus, Purpose, Traffic } from '../../src/domain/corridor.ts';
import type { MovementCheckOutT, MovementNotification, MovementOutT, MovementWarningOut } from '../../src/http/schemas/movement.ts';
import type { AckDecision, MovementKind, MovementStatus } from '../../src/domain/movement.ts';
import type { IncidentType, Severity } from '../../src/domain/incident.ts';

export type { CorridorNotice };
export type { CorridorArea };

/**
 * Thin fetch wrapper for the Safe Passage API: same-origin cookies, JSON in and out, and
 * RFC 9457 problem+json errors turned into an ApiError the UI can map to a translated message.
 */

export type { ProblemFieldError };

/**
 * A problem as the client reads it (src/http/schemas/common.ts ProblemSchema): parseProblem
 * accepts any body, so what the server always sends may be missing here. `code` is the server's
 * stable code for the rule broken ("NOTICE_TOO_SHORT"), when it gives one.
 */
export type Problem = Pick<ProblemOutT, 'type' | 'title' | 'status'> & Partial<Pick<ProblemOutT, 'detail' | 'code'>> & { errors?: ProblemFieldError[] };

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
  if (typeof body.code === 'string') problem.code = body.code;
  if (Array.isArray(body.errors)) {
    problem.errors = body.errors.filter(isRecord).map((e) => ({
      path: typeof e.path === 'string' ? e.path : '',
      message: typeof e.message === 'string' ? e.message : '',
      code: typeof e.code === 'string' ? e.code : (problem.code ?? ''),
      ...(typeof e.limit === 'number' ? { limit: e.limit } : {}),
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

/** What a caller is handed to reach the API: `api` itself, or the console's useApi() that also ends the session on a 401. */
export type ApiCall = typeof api;

/** The session has ended (expired, signed out elsewhere, revoked): the console goes back to sign-in. */
export function isUnauthorized(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/* ---- Shapes the web apps rely on (docs/api.md) ---- */

export type { CorridorStatus, Purpose, Traffic };
export type PublicStatus = 'open' | 'agreed' | 'suspended' | 'closed';

/** A corridor as staff read it (src/http/schemas/corridor.ts CorridorOut): every command answers with it. */
export type Corridor = CorridorOutT;

/**
 * A corridor's content: the body of POST/PUT /api/v1/corridors (src/http/schemas/corridor.ts
 * CorridorBody, docs/api-corridors.md). Requests leave out what is not set; responses give null
 * (or an empty list) for it, so a corridor or a version's content fits this type too. The console
 * sends `publicText` with every language and field (publicTextBody), so it has the answer's shape.
 */
export type CorridorContent = Omit<CorridorBodyT, 'publicText'> & { publicText?: CorridorContentOutT['publicText'] };

/** An origin or destination: with its gazetteer id (the server finds it from the name when left out). */
export type NamedPoint = NonNullable<Corridor['origin']>;

/** An endpoint on the public view: with its name in each public language. */
export type PublicEndpoint = NonNullable<PublicCorridor['origin']>;

export type GatheringPoint = Corridor['gatheringPoints'][number];
export type TimeWindow = Corridor['windows'][number];
export type Checkpoint = Corridor['checkpoints'][number];
export type LineString = NonNullable<Corridor['route']>;

export const PURPOSES: readonly Purpose[] = ['evacuation', 'supply'];
export const TRAFFIC: readonly Traffic[] = ['pedestrian', 'private_car', 'bus', 'truck'];

/** A corridor as the public reads it: the server's schema (src/http/schemas/corridor.ts PublicCorridorOut). */
export type PublicCorridor = PublicCorridorOutT;

/** `event: corridor` on /api/v1/public/stream: the public view, or a removal. */
export type PublicCorridorEvent = PublicCorridorEventOutT;

export type { Decision };

/** A party's signed decision: the server's own response type (src/http/schemas/corridor.ts). */
export type Approval = ApprovalRecord;

/** The answer to POST …/approvals. */
export type SignedApproval = Approval;

/** GET /api/v1/corridors/:id/versions/:v: any version, immutable, with the decisions on it. */
export type CorridorVersion = CorridorVersionOutT;

export type { TimelineType };

/** One line of a corridor's timeline, with who acted: the server's own type. */
export type TimelineItem = TimelineItemOutT;

/** `event: corridor` on /api/v1/stream (signed in). */
export type CorridorChangeEvent = StaffCorridorEventOutT;

/** A page of a list: the items and the cursor of the next page, null on the last. */
export type Page<T> = PageOutT<T>;

/** An organisation as the API gives it (src/http/schemas/common.ts OrgSchema). */
export type Org = OrgOutT;

export type PublicCorridors = PublicCorridorListOutT;

export type PublicConfig = PublicConfigOutT;

export type { Role, OrgKind };

/** GET /api/v1/me: with the actions of the policy table this user may take, and their scope: buttons follow it. */
export type Me = MeOutT;

export type LoginResponse = LoginOutT;

/** GET /api/v1/places: the gazetteer, names in uk, ru and en. */
export type Place = PlaceOutT;
export type Places = PlaceListOutT;

/* ---- Movements (docs/api-movements.md) ---- */

export type { MovementKind, MovementStatus, AckDecision };
export type { IncidentType, Severity };
export type VehicleType = Vehicle['type'];

export const MOVEMENT_KINDS: readonly MovementKind[] = ['evacuation', 'supply', 'assessment', 'staff'];
export const MOVEMENT_STATUSES: readonly MovementStatus[] = ['submitted', 'acknowledged', 'denied', 'underway', 'completed', 'aborted'];
export const VEHICLE_TYPES: readonly VehicleType[] = ['bus', 'truck', 'car', 'van', 'ambulance', 'other'];
export const INCIDENT_TYPES: readonly IncidentType[] = ['shelling', 'gunfire', 'mine', 'blocked_road', 'detention', 'accident', 'other'];
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/** GET /api/v1/movements/:id and the items of GET /api/v1/movements: the server's schema (src/http/schemas/movement.ts). */
export type Movement = MovementOutT;
export type Vehicle = Movement['vehicles'][number];
export type CargoLine = Movement['cargo'][number];
/** The body of POST /api/v1/movements and POST /api/v1/movements/check. */
export type { MovementNotification };
/** A deconfliction warning: `code`, the server's English `message`, and the details of its code. */
export type MovementWarning = MovementWarningOut;
export type IncidentNear = NonNullable<MovementWarning['incidents']>[number];
export type MovementCheck = MovementCheckOutT;
/** A party's answer to a movement notification, with who answered. */
export type Acknowledgement = Movement['acknowledgements'][number];
export type Position = NonNullable<Movement['lastCheckin']>;
export type Checkin = Movement['checkins'][number];
export type ExpectedPassage = Movement['expectedPassages'][number];
export type DeliveryLine = NonNullable<Movement['delivery']>['lines'][number];

/** `event: movement` on /api/v1/stream: `change` is notified, acknowledge, deny, start, checkin, complete, abort, delivery, overdue… */
export type MovementChangeEvent = StaffMovementEventOutT;

/** `event: incident` on /api/v1/stream (the mediator, and agencies whose movements it affects). */
export type IncidentEvent = StaffIncidentEventOutT;

/** An incident as the API gives it (src/http/schemas/incident.ts IncidentOut). */
export type Incident = IncidentOutT;

/** `GET /api/v1/incidents/:id` and one party statement on it (docs/api-incidents.md). */
export type { IncidentRecord, IncidentStatement } from '../../src/http/schemas/incident.ts';

/** The answer to POST /api/v1/incidents: with the corridors and movements it affects. */
export type IncidentReported = IncidentReportedOutT;

/** Mines/UXO and blocked roads stay a hazard until cleared (src/domain/incident.ts HAZARD_TYPES). */
export const HAZARD_TYPES: readonly string[] = ['mine', 'blocked_road'];

/* ---- People, sites, manifests and tracing (docs/api.md §People, §Public; docs/api-movements.md "Manifests") ---- */

export type { Sex, Vulnerability, SiteKind, ProtectionStatus };

export const SEXES: readonly Sex[] = ['female', 'male', 'other', 'unknown'];
export const VULNERABILITIES: readonly Vulnerability[] = ['unaccompanied_child', 'elderly', 'disability', 'medical', 'pregnancy'];
export const PROTECTION_STATUSES: readonly ProtectionStatus[] = ['applied', 'granted', 'refused'];

/** The body of POST /api/v1/people: names as written, in any script; birthDate `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export type PersonRegistration = PersonBodyT;

/** A likely duplicate: score 0–1, best first. */
export type PersonMatch = PersonMatchOutT;

/** The answer to POST /api/v1/people. */
export type PersonRegistered = PersonRegisteredOutT;

/** An item of POST /api/v1/people/search (householdId too). */
export type PersonFound = FoundPersonOutT;

/** GET /api/v1/people/:id: with whether public tracing can reach the person, and merged ids. */
export type Person = PersonOutT;
export type { UntraceableReason };

/** GET /api/v1/sites: gathering points and reception centres, contact details in uk, ru and en. */
export type Site = SiteOutT;

/** Share grants and "possibly registered by another organisation" flags (docs/api-people.md). */
export type ShareView = ShareOutT;
export type FlagView = FlagOutT;
export type OtherRegistrations = OtherRegistrationsOutT;

/** GET /api/v1/users/names: who acted, by name where the caller may see it. */
export type ActorName = ActorNameOutT;

export type ManifestEntry = ManifestEntryOutT;
export type Manifest = ManifestOutT;

/** POST /api/v1/public/tracing: never a list, never a name. */
export type TracingAnswer = TracingAnswerOutT;
