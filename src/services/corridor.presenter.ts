import { nextWindow, type CorridorContent, type Decision, type TimeWindow } from '../domain/corridor.ts';
import { contentOf, isPubliclyListed, lastControl, noticeOf } from '../domain/corridor-facts.ts';
import type { CorridorNotice } from '../domain/corridor-notice.ts';
import { placeNamesOf } from '../domain/public-text.ts';
import { routeArea, type RouteArea } from '../domain/route-area.ts';
import type { CorridorAggregate, CorridorDecisionRow } from '../store/corridors.repository.ts';
import { whoOf, type ActorName } from './user-names.service.ts';
import type { ApprovalRecord, CorridorControlOutT, CorridorOutT, PublicCorridorOutT } from '../http/schemas/corridor.ts';

/**
 * What each caller sees of a corridor. Staff get the agreement and its signatures; the public
 * gets only what helps a civilian decide where to go and when — never checkpoints (military
 * positions), comments or who signed.
 */

/** A party's signed decision (src/http/schemas/corridor.ts ApprovalOut), with who signed as the viewer may see them. */
export type ApprovalView = ApprovalRecord;

/** The mediator's last suspension or closure: reason, incident, when and who. */
export type ControlView = CorridorControlOutT;

/**
 * A corridor as staff get it (src/http/schemas/corridor.ts CorridorOut): the area is the route
 * widened by bufferMeters each side, the notice what the status tells people to do, and
 * allowedActions what the viewer may do next (src/domain/next-steps.ts).
 */
export type CorridorView = CorridorOutT;

/** A corridor as the public gets it (src/http/schemas/corridor.ts): the list, the stream and the feeds. */
export type PublicCorridorView = PublicCorridorOutT;

/** An endpoint as the public gets it: its name in each public language beside the one typed. */
export type PublicEndpoint = NonNullable<PublicCorridorView['origin']>;

function publicEndpoint(point: CorridorContent['origin']): PublicEndpoint | null {
  return point ? { ...point, names: placeNamesOf(point) } : null;
}

export function presentApproval(row: CorridorDecisionRow, names: ReadonlyMap<string, ActorName>): ApprovalView {
  return {
    partyId: row.party_id,
    version: row.version,
    decision: row.decision as Decision,
    comment: row.comment,
    userId: row.user_id,
    who: whoOf(names, row.user_id),
    signedAt: row.signed_at,
    signature: row.signature,
    publicKey: row.public_key,
    signedPayload: row.signed_payload,
    keyId: row.key_id,
  };
}

function zonesOf(parties: readonly string[], zones: ReadonlyMap<string, string>): string[] {
  return [...new Set(parties.map((p) => zones.get(p)).filter((z): z is string => z !== undefined))];
}

/**
 * Buffering a route costs milliseconds for a few vertices and far more for a long imported route,
 * and every list and command answer shows the area: each version's area (fixed by its content, so
 * by its hash) is computed once and kept, the most recently used first.
 */
const AREA_CACHE_SIZE = 1000;
const areas = new Map<string, RouteArea | null>();

function areaOf(versionHash: string, content: CorridorContent): RouteArea | null {
  const cached = areas.get(versionHash);
  if (cached !== undefined) {
    areas.delete(versionHash);
    areas.set(versionHash, cached);
    return cached;
  }
  const area = routeArea(content.route, content.bufferMeters);
  areas.set(versionHash, area);
  if (areas.size > AREA_CACHE_SIZE) areas.delete(areas.keys().next().value ?? versionHash);
  return area;
}

/** The window in effect: only an open corridor has one, whatever the clock says. */
function windowInEffect(notice: CorridorNotice): TimeWindow | null {
  return notice.window?.role === 'current' ? notice.window.window : null;
}

/** The users a corridor view names: its signers and the mediator's last controls. */
export function actorIdsOf(aggregate: CorridorAggregate): string[] {
  return [...aggregate.decisions.map((d) => d.user_id), ...aggregate.controls.map((c) => c.by_user)];
}

export function presentCorridor(
  aggregate: CorridorAggregate,
  zones: ReadonlyMap<string, string>,
  now: Date,
  atRisk: boolean,
  names: ReadonlyMap<string, ActorName>,
): Omit<CorridorView, 'allowedActions'> {
  const content = contentOf(aggregate);
  const notice = noticeOf(aggregate, now, content);
  const status = notice.status;
  const decided = new Set(aggregate.decisions.map((d) => d.party_id));
  const suspendOrResume = lastControl(aggregate.controls, ['suspend', 'resume']);
  const close = lastControl(aggregate.controls, ['close']);
  const control = (c: typeof close): ControlView | null =>
    c ? { reason: c.reason, incidentId: c.incident_id, at: c.at, by: c.by_user, who: whoOf(names, c.by_user) } : null;
  return {
    ...content,
    id: aggregate.corridor.id,
    version: aggregate.current.version,
    versionHash: aggregate.current.version_hash,
    area: areaOf(aggregate.current.version_hash, content),
    status,
    proposedAt: aggregate.current.proposed_at,
    approvals: aggregate.decisions.map((d) => presentApproval(d, names)),
    pendingParties: content.parties.filter((p) => !decided.has(p)),
    currentWindow: windowInEffect(notice),
    nextWindow: nextWindow(content.windows, now),
    notice,
    atRisk,
    suspension: status === 'suspended' ? control(suspendOrResume) : null,
    closure: control(close),
    partyTimeZones: zonesOf(content.parties, zones),
    publiclyListed: isPubliclyListed(aggregate, now),
    createdAt: aggregate.corridor.created_at,
    updatedAt: aggregate.corridor.updated_at,
  };
}

export function presentPublicCorridor(
  aggregate: CorridorAggregate,
  zones: ReadonlyMap<string, string>,
  now: Date,
): PublicCorridorView {
  const content = contentOf(aggregate);
  const notice = noticeOf(aggregate, now, content);
  return {
    id: aggregate.corridor.id,
    name: content.name,
    status: notice.status,
    purpose: content.purpose,
    origin: publicEndpoint(content.origin),
    destination: publicEndpoint(content.destination),
    route: content.route,
    bufferMeters: content.bufferMeters,
    gatheringPoints: content.gatheringPoints,
    windows: content.windows,
    currentWindow: windowInEffect(notice),
    nextWindow: nextWindow(content.windows, now),
    notice,
    eligibility: content.eligibility,
    allowedTraffic: content.allowedTraffic,
    conditions: content.conditions,
    publicText: content.publicText,
    partyTimeZones: zonesOf(content.parties, zones),
    updatedAt: aggregate.corridor.updated_at,
  };
}
