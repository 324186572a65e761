import { corridorStatus, DEFAULT_BUFFER_METERS, type LineString } from '../domain/corridor.ts';
import { contentOf, factsOf } from '../domain/corridor-facts.ts';
import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { BBox } from '../domain/geo.ts';
import {
  IncidentIndex,
  isHazardType,
  RECENT_INCIDENT_HOURS,
  warnsNow,
  type IncidentFacts,
  type IncidentType,
  type Severity,
  type Verification,
} from '../domain/incident.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { affectedBy, CORRIDOR_STATUSES_AT_RISK, type RouteToCheck } from '../domain/route-risk.ts';
import { findIncident, insertIncident, insertIncidentEffects, listIncidentsInBox, markCleared, updateIncident, type IncidentRow } from '../store/incidents.repository.ts';
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.ts';
import { loadAllCorridorAggregates } from '../store/corridors.repository.ts';
import { loadMovementAggregates } from '../store/movements.repository.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';
import type { IncidentOutT, IncidentReportedOutT } from '../http/schemas/incident.ts';

/**
 * An incident as the API gives it (src/http/schemas/incident.ts IncidentOut): its facts, the
 * mediator's verification, and who marked a hazard cleared (an id; names come from /users/names
 * by right) and why.
 */
export type IncidentView = IncidentOutT;

export function incidentFacts(row: IncidentRow): IncidentFacts {
  return {
    id: row.id,
    type: row.type as IncidentType,
    severity: row.severity as Severity,
    lat: row.lat,
    lon: row.lon,
    occurredAt: row.occurred_at,
    clearedAt: row.cleared_at,
  };
}

export function presentIncident(row: IncidentRow): IncidentView {
  return {
    ...incidentFacts(row),
    verification: row.verification as Verification,
    verificationComment: row.verification_comment,
    description: row.description,
    reportedByOrg: row.reported_by_org,
    clearedBy: row.cleared_by,
    clearedNote: row.cleared_note,
    createdAt: row.created_at,
  };
}

/**
 * The incidents that matter near a set of routes now: recent ones, and uncleared hazards of any
 * age; disputed reports still count (a warning errs on the side of the people on the road).
 */
export async function incidentIndexFor(db: Kysely<Schema>, box: BBox | null, now: Date): Promise<IncidentIndex> {
  const since = new Date(now.getTime() - RECENT_INCIDENT_HOURS * 3_600_000).toISOString();
  const rows = await listIncidentsInBox(db, box, { since, includeUnclearedHazards: true, limit: 100_000 });
  return new IncidentIndex(rows.map(incidentFacts).filter((i) => warnsNow(i, now)));
}

export interface NewIncident {
  type: IncidentType;
  lat: number;
  lon: number;
  occurredAt: string;
  severity: Severity;
  description?: string | undefined;
}

/** Routes an incident may threaten: corridors in play and movements not yet ended. */
async function routesInPlay(ctx: ServiceContext): Promise<{ corridors: RouteToCheck[]; movements: (RouteToCheck & { agencyId: string })[] }> {
  const now = ctx.now();
  const corridors = (await loadAllCorridorAggregates(ctx.db)).map((a) => ({ id: a.corridor.id, content: contentOf(a), status: corridorStatus(factsOf(a), now) }));
  const byId = new Map(corridors.map((c) => [c.id, c.content]));
  const movements = (await loadMovementAggregates(ctx.db, { activeOnly: true })).map(({ movement: m }) => {
    const corridor = m.corridor_id ? byId.get(m.corridor_id) : undefined;
    return {
      id: m.id,
      agencyId: m.agency_id,
      route: m.route ? (JSON.parse(m.route) as LineString) : (corridor?.route ?? null),
      bufferMeters: corridor?.bufferMeters ?? DEFAULT_BUFFER_METERS,
    };
  });
  return {
    corridors: corridors.filter((c) => CORRIDOR_STATUSES_AT_RISK.includes(c.status)).map((c) => ({ id: c.id, route: c.content.route, bufferMeters: c.content.bufferMeters })),
    movements,
  };
}

export async function reportIncident(ctx: ServiceContext, actor: Actor, input: NewIncident): Promise<IncidentReportedOutT> {
  if (!isAllowed(actor, 'incident.report')) throw forbidden('report incidents');
  const occurredAt = new Date(input.occurredAt).toISOString();
  if (new Date(occurredAt).getTime() > ctx.now().getTime() + 15 * 60_000) {
    throw new DomainError('rule', 'INCIDENT_IN_FUTURE', 'An incident cannot have happened in the future.', [
      { path: '/occurredAt', message: 'must not be in the future' },
    ]);
  }
  const id = newId();
  const known = await routesInPlay(ctx);
  const facts: IncidentFacts = { id, type: input.type, severity: input.severity, lat: input.lat, lon: input.lon, occurredAt, clearedAt: null };
  const affected = affectedBy(facts, known.corridors, known.movements);
  const agencies = [...new Set(known.movements.filter((m) => affected.movements.some((a) => a.id === m.id)).map((m) => m.agencyId))];
  const row = await runCommand(ctx, actor, async (trx, nowIso) => {
    const incident: IncidentRow = {
      id,
      type: input.type,
      severity: input.severity,
      lat: input.lat,
      lon: input.lon,
      occurred_at: occurredAt,
      description: input.description?.trim() || null,
      reported_by_org: actor.orgId,
      reported_by_user: actor.userId,
      verification: 'unverified',
      verification_comment: null,
      cleared_at: null,
      cleared_by: null,
      cleared_note: null,
      created_at: nowIso,
    };
    await insertIncident(trx, incident);
    // Kept as reported, so the record says what the incident touched then, whatever changes later.
    await insertIncidentEffects(trx, [
      ...affected.corridors.map((c) => ({ incident_id: id, subject_type: 'corridor' as const, subject_id: c.id, distance_meters: c.distanceMeters })),
      ...affected.movements.map((m) => ({ incident_id: id, subject_type: 'movement' as const, subject_id: m.id, distance_meters: m.distanceMeters })),
    ]);
    return {
      result: incident,
      audit: { action: 'incident.report', subjectType: 'incident', subjectId: id, payload: { type: input.type, lat: input.lat, lon: input.lon, occurredAt } },
      event: {
        type: 'incident.reported',
        subjectType: 'incident',
        subjectId: id,
        orgId: actor.orgId,
        data: { corridors: affected.corridors.map((c) => c.id), movements: affected.movements.map((m) => m.id), agencies },
      },
    };
  });
  return { ...presentIncident(row), affected };
}

export async function verifyIncident(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: { status: Verification; comment?: string | undefined },
): Promise<IncidentView> {
  if (!isAllowed(actor, 'incident.verify')) throw forbidden('verify incidents');
  if (!(await findIncident(ctx.db, id))) throw notFound('incident');
  await runCommand(ctx, actor, async (trx) => {
    await updateIncident(trx, id, { verification: input.status, verification_comment: input.comment?.trim() || null });
    return {
      result: undefined,
      audit: { action: 'incident.verify', subjectType: 'incident', subjectId: id, payload: { status: input.status } },
      event: { type: 'incident.verified', subjectType: 'incident', subjectId: id, orgId: null },
    };
  });
  const row = await findIncident(ctx.db, id);
  if (!row) throw notFound('incident');
  return presentIncident(row);
}

/** Marks a hazard (mine/UXO, blocked road) cleared, by whom and when: it no longer warns movements on that route. */
export async function clearHazard(ctx: ServiceContext, actor: Actor, id: string, input: { note: string }): Promise<IncidentView> {
  if (!isAllowed(actor, 'incident.verify')) throw forbidden('mark hazards cleared');
  const existing = await findIncident(ctx.db, id);
  if (!existing) throw notFound('incident');
  if (!isHazardType(existing.type as IncidentType)) throw new DomainError('conflict', 'NOT_A_HAZARD', 'Only hazards (mines/UXO, blocked roads) are cleared.');
  const cleared = () => new DomainError('conflict', 'HAZARD_CLEARED', 'This hazard has been cleared already.');
  if (existing.cleared_at) throw cleared();
  await runCommand(ctx, actor, async (trx, nowIso) => {
    if (!(await markCleared(trx, id, actor.userId, nowIso, input.note.trim()))) throw cleared();
    return {
      result: undefined,
      audit: { action: 'incident.clear', subjectType: 'incident', subjectId: id, payload: { note: input.note, by: actor.userId } },
      event: { type: 'incident.cleared', subjectType: 'incident', subjectId: id, orgId: null },
    };
  });
  const row = await findIncident(ctx.db, id);
  if (!row) throw notFound('incident');
  return presentIncident(row);
}

export async function listIncidents(
  ctx: ServiceContext,
  actor: Actor,
  query: { bbox?: BBox | undefined; since?: string | undefined },
): Promise<IncidentView[]> {
  if (!isAllowed(actor, 'incident.read')) throw forbidden('read incidents');
  const rows = await listIncidentsInBox(ctx.db, query.bbox ?? null, { since: query.since, limit: 5000 });
  return rows.map(presentIncident);
}
