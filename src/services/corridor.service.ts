import type { Kysely } from 'kysely';
import {
  corridorRuleErrors,
  corridorStatus,
  corridorTimeline,
  missingForProposal,
  normaliseContent,
  versionHash,
  withPlaceIds,
  type ControlType,
  type CorridorContent,
  type CorridorInput,
  type CorridorStatus,
  type Decision,
} from '../domain/corridor.ts';
import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed, isAllowedOnCorridor, scopeOf, type Action } from '../domain/policy.ts';
import { corridorContentText, corridorDecisionStatement, normaliseSignedAt, statementText, type CorridorDecisionStatement } from '../domain/statements.ts';
import { sha256Hex } from '../domain/hashing.ts';
import { CONTROL_RULES } from '../domain/corridor-control.ts';
import { corridorSteps } from '../domain/next-steps.ts';
import {
  bumpVersionFrom,
  currentVersionOf,
  findVersion,
  insertControl,
  insertCorridor,
  insertDecision,
  insertVersion,
  listControls,
  listDecisions,
  listVersions,
  loadAllCorridorAggregates,
  loadCorridorAggregate,
  markVersionProposed,
  touchCorridor,
  type CorridorAggregate,
} from '../store/corridors.repository.ts';
import { isUniqueViolation } from '../store/errors.ts';
import { listOrgIdsOfKind, listOrgTimeZones } from '../store/orgs.repository.ts';
import { decodeCursor, encodeCursor, pageLimit, type Page, type PageRequest } from '../store/pagination.ts';
import type { Schema } from '../store/schema.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { contentOf, factsOf } from '../domain/corridor-facts.ts';
import { actorIdsOf, presentApproval, presentCorridor, type ApprovalView, type CorridorView } from './corridor.presenter.ts';
import type { ChangeEvent } from './events.ts';
import { newId } from './ids.ts';
import { actorNames, whoOf } from './user-names.service.ts';
import { checkPartySignature, presentPartyKey, type PartyKeyView, type PartySignature } from './keys.service.ts';
import type { CorridorVersionOutT, TimelineItemOutT } from '../http/schemas/corridor.ts';
import { isPartyKeyActive, listPartyKeysByIds } from '../store/keys.repository.ts';
import { findIncident } from '../store/incidents.repository.ts';
import { incidentIndexFor } from './incident.service.ts';
import { boxOfRoutes, CORRIDOR_STATUSES_AT_RISK, isRouteAtRisk } from '../domain/route-risk.ts';

const conflict = (code: string, message: string) => new DomainError('conflict', code, message);

/** The change event every corridor command publishes; live views load what they need from it. */
function corridorChanged(id: string, change: string): Omit<ChangeEvent, 'at'> {
  return { type: 'corridor.changed', subjectType: 'corridor', subjectId: id, orgId: null, data: { change } };
}

async function loadVisible(ctx: ServiceContext, actor: Actor, id: string, db: Kysely<Schema> = ctx.db): Promise<CorridorAggregate> {
  const aggregate = await loadCorridorAggregate(db, id);
  if (!aggregate || !canRead(actor, aggregate)) throw notFound('corridor');
  return aggregate;
}

function partiesOf(aggregate: CorridorAggregate): { parties: string[]; everProposed: boolean } {
  return { parties: contentOf(aggregate).parties, everProposed: aggregate.everProposed };
}

export function canRead(actor: Actor, aggregate: CorridorAggregate): boolean {
  return isAllowedOnCorridor(actor, 'corridor.read', partiesOf(aggregate));
}

function statusNow(ctx: ServiceContext, aggregate: CorridorAggregate): CorridorStatus {
  return corridorStatus(factsOf(aggregate), ctx.now());
}

async function checkedContent(ctx: ServiceContext, input: CorridorInput): Promise<CorridorContent> {
  const content = withPlaceIds(normaliseContent(input));
  const errors = corridorRuleErrors(content, await listOrgIdsOfKind(ctx.db, 'party'));
  if (errors.length > 0) throw new DomainError('rule', 'CORRIDOR_INVALID', 'The corridor breaks some rules.', errors);
  return content;
}

function requireAllowed(actor: Actor, action: Action, what: string): void {
  if (!isAllowed(actor, action)) throw forbidden(what);
}

/** Corridor views with `atRisk`: a recent incident or an uncleared mine within the buffer of a corridor in play. */
async function presentAll(ctx: ServiceContext, actor: Actor, aggregates: CorridorAggregate[]): Promise<CorridorView[]> {
  const now = ctx.now();
  const zones = await listOrgTimeZones(ctx.db);
  const names = await actorNames(ctx, actor, aggregates.flatMap(actorIdsOf));
  const contents = aggregates.map((a) => contentOf(a));
  const index = await incidentIndexFor(ctx.db, boxOfRoutes(contents.map((c) => c.route), 50_000), now);
  return aggregates.map((a, i) => {
    const content = contents[i]!;
    const status = corridorStatus(factsOf(a, content), now);
    const inPlay = CORRIDOR_STATUSES_AT_RISK.includes(status);
    const view = presentCorridor(a, zones, now, inPlay && isRouteAtRisk(index, content.route, content.bufferMeters), names);
    const allowedActions = corridorSteps(actor, {
      parties: content.parties,
      everProposed: a.everProposed,
      status,
      proposed: a.current.proposed_at !== null,
      decidedBy: a.decisions.map((d) => d.party_id),
      closedByMediator: a.controls.some((c) => c.type === 'close'),
      publiclyListed: view.publiclyListed,
    });
    return { ...view, allowedActions };
  });
}

async function viewCorridor(ctx: ServiceContext, actor: Actor, aggregate: CorridorAggregate): Promise<CorridorView> {
  const [view] = await presentAll(ctx, actor, [aggregate]);
  if (!view) throw new Error('no view for a loaded corridor');
  return view;
}

// ── Commands ────────────────────────────────────────────────────────────────

export async function createCorridor(ctx: ServiceContext, actor: Actor, input: CorridorInput): Promise<CorridorView> {
  requireAllowed(actor, 'corridor.draft', 'draft corridors');
  const content = await checkedContent(ctx, input);
  const id = newId();
  await runCommand(ctx, actor, async (trx, nowIso) => {
    await insertCorridor(trx, { id, current_version: 1, created_by_org: actor.orgId, created_at: nowIso, updated_at: nowIso });
    const hash = versionHash(id, 1, content);
    await insertVersion(trx, { corridor_id: id, version: 1, content: JSON.stringify(content), version_hash: hash, created_at: nowIso, created_by: actor.userId, proposed_at: null });
    return {
      result: undefined,
      audit: { action: 'corridor.draft', subjectType: 'corridor', subjectId: id, payload: { version: 1, versionHash: hash } },
      event: corridorChanged(id, 'drafted'),
    };
  });
  return viewCorridor(ctx, actor, await loadVisible(ctx, actor, id));
}

export async function amendCorridor(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: CorridorInput & { version: number },
): Promise<CorridorView> {
  requireAllowed(actor, 'corridor.draft', 'amend corridors');
  const aggregate = await loadVisible(ctx, actor, id);
  if (statusNow(ctx, aggregate) === 'closed') throw conflict('CORRIDOR_CLOSED', 'A closed corridor cannot be amended.');
  const content = await checkedContent(ctx, input);
  await runCommand(ctx, actor, async (trx, nowIso) => {
    const next = input.version + 1;
    // Of two amendments racing, one wins and one gets 409.
    if (!(await bumpVersionFrom(trx, id, input.version, nowIso))) {
      throw conflict('CORRIDOR_STALE_VERSION', `Version ${input.version} is not the current version: reload and amend the current one.`);
    }
    const hash = versionHash(id, next, content);
    await insertVersion(trx, { corridor_id: id, version: next, content: JSON.stringify(content), version_hash: hash, created_at: nowIso, created_by: actor.userId, proposed_at: null });
    return {
      result: undefined,
      audit: { action: 'corridor.amend', subjectType: 'corridor', subjectId: id, payload: { version: next, versionHash: hash } },
      event: corridorChanged(id, 'amended'),
    };
  });
  return viewCorridor(ctx, actor, await loadVisible(ctx, actor, id));
}

export async function proposeCorridor(ctx: ServiceContext, actor: Actor, id: string): Promise<CorridorView> {
  requireAllowed(actor, 'corridor.draft', 'propose corridors');
  const aggregate = await loadVisible(ctx, actor, id);
  if (statusNow(ctx, aggregate) === 'closed') throw conflict('CORRIDOR_CLOSED', 'A closed corridor cannot be proposed.');
  if (aggregate.current.proposed_at !== null) {
    throw conflict('CORRIDOR_ALREADY_PROPOSED', `Version ${aggregate.current.version} has been proposed already.`);
  }
  const missing = missingForProposal(contentOf(aggregate));
  if (missing.length > 0) {
    throw new DomainError('rule', 'CORRIDOR_INCOMPLETE', 'The corridor cannot be proposed while these are missing.', missing);
  }
  const { version } = aggregate.current;
  await runCommand(ctx, actor, async (trx, nowIso) => {
    await markVersionProposed(trx, id, version, nowIso);
    await touchCorridor(trx, id, nowIso);
    return {
      result: undefined,
      audit: { action: 'corridor.propose', subjectType: 'corridor', subjectId: id, payload: { version, versionHash: aggregate.current.version_hash } },
      event: corridorChanged(id, 'proposed'),
    };
  });
  return viewCorridor(ctx, actor, await loadVisible(ctx, actor, id));
}

/** The content hash a party's statement names: SHA-256 of the version's content as `GET …/versions/:v` serves it. */
function contentHashOf(row: { content: string }): string {
  return sha256Hex(corridorContentText(JSON.parse(row.content)));
}

/**
 * `GET /api/v1/corridors/:id/versions/:v/statement`: the exact statement a party's liaison signs
 * to decide on a version. A client rebuilds it itself from the version it shows; this is for
 * checking and for off-line signers (`safe-passage sign`).
 */
export async function corridorStatement(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  version: number,
  input: { decision: Decision; signedAt: string },
): Promise<{ statement: string; contentHash: string; fields: CorridorDecisionStatement }> {
  await loadVisible(ctx, actor, id);
  const row = await findVersion(ctx.db, id, version);
  if (!row) throw notFound('corridor version');
  const signedAt = normaliseSignedAt(input.signedAt);
  if (!signedAt) throw new DomainError('invalid', 'SIGNED_AT_INVALID', 'signedAt must be an RFC 3339 instant with a zone.', [{ path: '/signedAt', message: 'RFC 3339 with Z or an offset' }]);
  const contentHash = contentHashOf(row);
  const fields = corridorDecisionStatement({ corridorId: id, version, contentHash, decision: input.decision, partyId: actor.orgId, signedAt });
  return { statement: statementText(fields), contentHash, fields };
}

export async function decideOnCorridor(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: { version: number; decision: Decision; comment?: string | undefined } & PartySignature,
): Promise<ApprovalView> {
  const aggregate = await loadVisible(ctx, actor, id);
  if (!isAllowedOnCorridor(actor, 'corridor.decide', partiesOf(aggregate))) throw forbidden('decide on this corridor for a party');
  if (statusNow(ctx, aggregate) === 'closed') throw conflict('CORRIDOR_CLOSED', 'The corridor is closed.');
  if (input.version !== aggregate.current.version) {
    throw conflict('CORRIDOR_STALE_VERSION', `Version ${input.version} has been superseded by version ${aggregate.current.version}.`);
  }
  if (aggregate.current.proposed_at === null) throw conflict('CORRIDOR_NOT_PROPOSED', 'This version has not been proposed yet.');
  if (aggregate.decisions.some((d) => d.party_id === actor.orgId)) {
    throw conflict('CORRIDOR_ALREADY_DECIDED', 'Your party has already signed a decision on this version; it is final.');
  }
  // Rebuilt from the version the server holds: a signature over any other version, or any other
  // decision, party or time, fails here.
  const contentHash = contentHashOf(aggregate.current);
  const signed = await checkPartySignature(ctx.db, actor, ctx.now(), input, aggregate.current.proposed_at, (signedAt) =>
    corridorDecisionStatement({ corridorId: id, version: input.version, contentHash, decision: input.decision, partyId: actor.orgId, signedAt }),
  );
  const signer = await actorNames(ctx, actor, [actor.userId]);
  try {
    return await runCommand(ctx, actor, async (trx, nowIso) => {
      if ((await currentVersionOf(trx, id)) !== input.version) {
        throw conflict('CORRIDOR_STALE_VERSION', `Version ${input.version} has just been superseded.`);
      }
      if (!(await isPartyKeyActive(trx, signed.key.id))) throw conflict('KEY_NOT_ACTIVE', 'This key has just been revoked.');
      const row = {
        corridor_id: id,
        version: input.version,
        party_id: actor.orgId,
        user_id: actor.userId,
        decision: input.decision,
        comment: input.comment?.trim() || null,
        signed_at: signed.signedAt,
        signed_payload: signed.signedPayload,
        signature: input.signature,
        public_key: signed.key.public_key,
        key_id: signed.key.id,
      };
      await insertDecision(trx, row);
      await touchCorridor(trx, id, nowIso);
      return {
        result: presentApproval(row, signer),
        audit: {
          action: input.decision === 'approve' ? 'corridor.approve' : 'corridor.reject',
          subjectType: 'corridor',
          subjectId: id,
          payload: { version: input.version, contentHash, keyId: signed.key.id, signedAt: signed.signedAt, signature: input.signature },
        },
        event: corridorChanged(id, input.decision === 'approve' ? 'approved' : 'rejected'),
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('CORRIDOR_ALREADY_DECIDED', 'Your party has already signed a decision on this version.');
    throw error;
  }
}

export interface SignatureRecord {
  approval: ApprovalView;
  /** The key that signed and its enrolment; null only for a decision older than party keys. */
  key: PartyKeyView | null;
}

/** Every signed decision on every version of a corridor, each with the key that made it and how that key was enrolled. */
export async function corridorSignatures(ctx: ServiceContext, actor: Actor, id: string): Promise<{ items: SignatureRecord[] }> {
  await loadVisible(ctx, actor, id);
  const decisions = await listDecisions(ctx.db, id);
  const names = await actorNames(ctx, actor, decisions.map((d) => d.user_id));
  const keys = new Map((await listPartyKeysByIds(ctx.db, [...new Set(decisions.map((d) => d.key_id).filter((k): k is string => k !== null))])).map((k) => [k.id, k]));
  return {
    items: decisions.map((d) => {
      const key = d.key_id ? keys.get(d.key_id) : undefined;
      return { approval: presentApproval(d, names), key: key ? presentPartyKey(key) : null };
    }),
  };
}

export async function controlCorridor(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  type: ControlType,
  input: { reason: string; incidentId?: string | undefined },
): Promise<CorridorView> {
  requireAllowed(actor, 'corridor.control', `${type} corridors`);
  const aggregate = await loadVisible(ctx, actor, id);
  const rule = CONTROL_RULES[type];
  const status = statusNow(ctx, aggregate);
  const closedByMediator = aggregate.controls.some((c) => c.type === 'close');
  if (!rule.allowed(status, closedByMediator)) throw conflict(rule.code, `${rule.message} It is ${status}.`);
  // The reason must name a real incident: the record later answers "suspended because of what".
  if (input.incidentId !== undefined && !(await findIncident(ctx.db, input.incidentId))) {
    throw new DomainError('rule', 'INCIDENT_UNKNOWN', 'No incident has this id.', [{ path: '/incidentId', message: 'an incident id' }]);
  }
  await runCommand(ctx, actor, async (trx, nowIso) => {
    await insertControl(trx, {
      id: newId(),
      corridor_id: id,
      type,
      reason: input.reason.trim(),
      incident_id: input.incidentId ?? null,
      at: nowIso,
      by_user: actor.userId,
    });
    await touchCorridor(trx, id, nowIso);
    return {
      result: undefined,
      audit: { action: `corridor.${type}`, subjectType: 'corridor', subjectId: id, payload: { reason: input.reason, incidentId: input.incidentId ?? null } },
      event: corridorChanged(id, type),
    };
  });
  return viewCorridor(ctx, actor, await loadVisible(ctx, actor, id));
}

// ── Queries ─────────────────────────────────────────────────────────────────

export async function getCorridor(ctx: ServiceContext, actor: Actor, id: string): Promise<CorridorView> {
  return viewCorridor(ctx, actor, await loadVisible(ctx, actor, id));
}

export async function listCorridors(
  ctx: ServiceContext,
  actor: Actor,
  query: PageRequest & { status?: CorridorStatus | undefined },
): Promise<Page<CorridorView>> {
  // Scoped grants (`listed`) are checked per corridor below.
  if (!scopeOf(actor, 'corridor.read')) throw forbidden('read corridors');
  const after = decodeCursor(query.cursor);
  const limit = pageLimit(query);
  const readable = (await loadAllCorridorAggregates(ctx.db)).filter((a) => canRead(actor, a) && (after === undefined || a.corridor.id > after));
  const visible = (await presentAll(ctx, actor, readable)).filter((c) => query.status === undefined || c.status === query.status);
  const items = visible.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: visible.length > limit && last ? encodeCursor(last.id) : null };
}

/** Any version as the API gives it (src/http/schemas/corridor.ts CorridorVersionOut). */
export type CorridorVersionView = CorridorVersionOutT;

export async function getCorridorVersion(ctx: ServiceContext, actor: Actor, id: string, version: number): Promise<CorridorVersionView> {
  await loadVisible(ctx, actor, id);
  const row = await findVersion(ctx.db, id, version);
  if (!row) throw notFound('corridor version');
  const decisions = await listDecisions(ctx.db, id, version);
  const names = await actorNames(ctx, actor, decisions.map((d) => d.user_id));
  return {
    corridorId: id,
    version,
    content: JSON.parse(row.content) as CorridorContent,
    versionHash: row.version_hash,
    createdAt: row.created_at,
    createdBy: row.created_by,
    proposedAt: row.proposed_at,
    approvals: decisions.map((d) => presentApproval(d, names)),
  };
}

/** A timeline entry with who acted, as the viewer may see them (versions, decisions, controls): src/http/schemas/corridor.ts TimelineItemOut. */
export type TimelineItem = TimelineItemOutT;

export async function getCorridorTimeline(ctx: ServiceContext, actor: Actor, id: string): Promise<TimelineItem[]> {
  const aggregate = await loadVisible(ctx, actor, id);
  const [versions, decisions, controls] = [await listVersions(ctx.db, id), await listDecisions(ctx.db, id), await listControls(ctx.db, id)];
  const names = await actorNames(ctx, actor, [...versions.map((v) => v.created_by), ...decisions.map((d) => d.user_id), ...controls.map((c) => c.by_user)]);
  const entries = corridorTimeline({
    versions: versions.map((v) => ({ version: v.version, createdAt: v.created_at, proposedAt: v.proposed_at, userId: v.created_by })),
    decisions: decisions.map((d) => ({ version: d.version, partyId: d.party_id, decision: d.decision as Decision, signedAt: d.signed_at, userId: d.user_id })),
    controls: controls.map((c) => ({ type: c.type as ControlType, at: c.at, reason: c.reason, userId: c.by_user })),
    current: factsOf(aggregate),
    now: ctx.now(),
  });
  return entries.map((e) => ({ ...e, who: whoOf(names, e.userId ?? null) }));
}
