import { corridorStatus, type Checkpoint, type CorridorContent, type LineString } from '../domain/corridor.ts';
import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import { bboxAround } from '../domain/geo.ts';
import type { Actor } from '../domain/identity.ts';
import {
  acknowledgementDeadline,
  canApply,
  deconflict,
  deliveryDiscrepancies,
  expectedPassages,
  movementRuleErrors,
  movementTimeErrors,
  checkinTimeError,
  movementStatus,
  noticeGiven,
  OWN_ROUTE_BUFFER_METERS,
  overdueVerdict,
  progressAlong,
  routeOf,
  type AckDecision,
  type CargoLine,
  type CorridorForDeconfliction,
  type MovementCommand,
  type MovementKind,
  type MovementPlan,
  type MovementStatus,
  type Warning,
} from '../domain/movement.ts';
import { isAllowed, isAllowedOnCorridor, isAllowedOnMovement, type Action } from '../domain/policy.ts';
import { ACTION_OF_MOVEMENT_COMMAND, movementSteps } from '../domain/next-steps.ts';
import { sha256Hex } from '../domain/hashing.ts';
import { movementAnswerStatement, movementNoticeText, normaliseSignedAt, statementText, type MovementAnswerStatement } from '../domain/statements.ts';
import { loadCorridorAggregate } from '../store/corridors.repository.ts';
import { isUniqueViolation } from '../store/errors.ts';
import {
  insertAck,
  insertCheckins,
  insertDelivery,
  insertMovement,
  loadMovementAggregate,
  loadMovementAggregates,
  loadMovementForCommand,
  markMovementOverdue,
  markMovementsHeardFrom,
  updateMovement,
  updateOpenMovement,
  type MovementAggregate,
  type MovementCheckinRow,
  type MovementCommandAggregate,
  type MovementRow,
} from '../store/movements.repository.ts';
import { isPartyKeyActive } from '../store/keys.repository.ts';
import { listOrgIdsOfKind } from '../store/orgs.repository.ts';
import { batchedWrite, runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { contentOf, factsOf } from '../domain/corridor-facts.ts';
import { newId } from './ids.ts';
import { incidentIndexFor } from './incident.service.ts';
import { checkPartySignature, type PartySignature } from './keys.service.ts';
import { actorNames, whoOf, type ActorName } from './user-names.service.ts';
import type { MovementCheckOutT, MovementOutT } from '../http/schemas/movement.ts';


export interface Vehicle {
  type: string;
  plate?: string | undefined;
  markings?: string | undefined;
}

export interface MovementInput {
  kind: MovementKind;
  corridorId?: string | undefined;
  route?: LineString | undefined;
  departAt: string;
  arriveBy: string;
  vehicles: Vehicle[];
  personnel: number;
  passengers?: number | undefined;
  cargo?: CargoLine[] | undefined;
  urgent?: boolean | undefined;
  justification?: string | undefined;
}

/** A movement as the API gives it (src/http/schemas/movement.ts), before the viewer's next steps are added. */
export type MovementView = Omit<MovementOutT, 'allowedActions'>;

export const ACK_MEANING =
  'An acknowledgement records that the party received this notification. It is not a guarantee of safety.';

const conflict = (code: string, message: string) => new DomainError('conflict', code, message);

function planOf(input: MovementInput): MovementPlan {
  return {
    kind: input.kind,
    corridorId: input.corridorId ?? null,
    route: input.route ?? null,
    departAt: new Date(input.departAt).toISOString(),
    arriveBy: new Date(input.arriveBy).toISOString(),
    passengers: input.passengers ?? null,
    cargo: input.cargo ?? [],
    urgent: input.urgent ?? false,
    justification: input.justification?.trim() || null,
  };
}

interface CorridorContext {
  deconfliction: CorridorForDeconfliction;
  checkpoints: Checkpoint[];
}

async function corridorContext(ctx: ServiceContext, actor: Actor | null, corridorId: string | null): Promise<CorridorContext | null> {
  if (!corridorId) return null;
  const aggregate = await loadCorridorAggregate(ctx.db, corridorId);
  const content: CorridorContent | undefined = aggregate ? contentOf(aggregate) : undefined;
  if (!aggregate || !content || (actor && !isAllowedOnCorridor(actor, 'corridor.read', { parties: content.parties, everProposed: aggregate.everProposed }))) {
    throw new DomainError('rule', 'UNKNOWN_CORRIDOR', 'No such corridor, or it is not visible to you.', [{ path: '/corridorId', message: 'unknown corridor' }]);
  }
  return {
    deconfliction: {
      id: corridorId,
      status: corridorStatus(factsOf(aggregate, content), ctx.now()),
      route: content.route,
      bufferMeters: content.bufferMeters,
      windows: content.windows,
      parties: content.parties,
      checkpoints: content.checkpoints,
    },
    checkpoints: content.checkpoints,
  };
}

/** Deconfliction for a plan: the corridor and the incidents near the route, then the pure check. */
async function warningsFor(ctx: ServiceContext, plan: MovementPlan, corridor: CorridorContext | null): Promise<Warning[]> {
  const route = routeOf(plan, corridor?.deconfliction ?? null);
  const buffer = corridor?.deconfliction.bufferMeters ?? OWN_ROUTE_BUFFER_METERS;
  const now = ctx.now();
  const incidents = await incidentIndexFor(ctx.db, route ? bboxAround(route, buffer) : null, now);
  return deconflict(plan, { now, noticeHours: ctx.config.noticeHours, corridor: corridor?.deconfliction ?? null, incidents, defaultBufferMeters: OWN_ROUTE_BUFFER_METERS });
}

async function checkedPlan(ctx: ServiceContext, actor: Actor, input: MovementInput) {
  const plan = planOf(input);
  const errors = [...movementRuleErrors(plan), ...movementTimeErrors(plan, ctx.now())];
  if (errors.length > 0) throw new DomainError('rule', 'MOVEMENT_INVALID', 'The notification breaks some rules.', errors);
  const corridor = await corridorContext(ctx, actor, plan.corridorId);
  const required = corridor ? [...corridor.deconfliction.parties] : [...(await listOrgIdsOfKind(ctx.db, 'party'))].sort();
  return { plan, corridor, required };
}

/** Warnings and who must acknowledge, without notifying: what the form shows before submitting. */
export async function checkMovement(ctx: ServiceContext, actor: Actor, input: MovementInput): Promise<MovementCheckOutT> {
  // A notification belongs to the notifying agency: own-org by construction.
  if (!isAllowed(actor, 'movement.notify', actor.orgId)) throw forbidden('notify movements');
  const { plan, corridor, required } = await checkedPlan(ctx, actor, input);
  return { warnings: await warningsFor(ctx, plan, corridor), requiredAcknowledgements: required, acknowledgementDeadline: acknowledgementDeadline(plan.departAt) };
}

export async function notifyMovement(ctx: ServiceContext, actor: Actor, input: MovementInput): Promise<MovementViewFor> {
  // A notification belongs to the notifying agency: own-org by construction.
  if (!isAllowed(actor, 'movement.notify', actor.orgId)) throw forbidden('notify movements');
  const { plan, corridor, required } = await checkedPlan(ctx, actor, input);
  const notice = noticeGiven(plan.departAt, ctx.now(), ctx.config.noticeHours);
  if (notice.short && !plan.urgent) {
    throw new DomainError(
      'rule',
      'NOTICE_TOO_SHORT',
      `Movements are notified at least ${ctx.config.noticeHours} h ahead; mark it urgent with a justification to notify later.`,
      [{ path: '/departAt', message: `at least ${ctx.config.noticeHours} h from now, or urgent with a justification` }],
    );
  }
  const warnings = await warningsFor(ctx, plan, corridor);
  const id = newId();
  await runCommand(ctx, actor, async (trx, nowIso) => {
    const row: MovementRow = {
      id,
      agency_id: actor.orgId,
      created_by: actor.userId,
      kind: plan.kind,
      corridor_id: plan.corridorId,
      route: plan.route ? JSON.stringify(plan.route) : null,
      depart_at: plan.departAt,
      arrive_by: plan.arriveBy,
      vehicles: JSON.stringify(input.vehicles),
      personnel: input.personnel,
      passengers: plan.passengers,
      cargo: JSON.stringify(plan.cargo),
      urgent: plan.urgent ? 1 : 0,
      justification: plan.justification,
      required_acks: JSON.stringify(required),
      warnings: JSON.stringify(warnings),
      created_at: nowIso,
      updated_at: nowIso,
      started_at: null,
      completed_at: null,
      aborted_at: null,
      abort_reason: null,
      overdue_since: null,
    };
    await insertMovement(trx, row);
    return {
      result: undefined,
      audit: { action: 'movement.notify', subjectType: 'movement', subjectId: id, payload: { kind: plan.kind, corridorId: plan.corridorId, departAt: plan.departAt, arriveBy: plan.arriveBy, warnings: warnings.map((w) => w.code) } },
      event: movementChanged(id, actor.orgId, 'notified'),
    };
  });
  return getMovement(ctx, actor, id);
}

function movementChanged(id: string, agencyId: string, change: string, extra: Record<string, unknown> = {}) {
  return { type: 'movement.changed', subjectType: 'movement', subjectId: id, orgId: agencyId, data: { change, ...extra } };
}

function partiesOf(m: MovementRow): string[] {
  return JSON.parse(m.required_acks) as string[];
}

function statusOf(aggregate: Pick<MovementAggregate, 'movement' | 'acks'>): MovementStatus {
  const m = aggregate.movement;
  return movementStatus({
    requiredAcknowledgements: partiesOf(m),
    acknowledgements: aggregate.acks.map((a) => ({ partyId: a.party_id, decision: a.decision as AckDecision })),
    startedAt: m.started_at,
    completedAt: m.completed_at,
    abortedAt: m.aborted_at,
  });
}

export function canReadMovement(actor: Actor, m: MovementRow): boolean {
  return isAllowedOnMovement(actor, 'movement.read', { agencyId: m.agency_id, parties: partiesOf(m) });
}

async function loadVisible(ctx: ServiceContext, actor: Actor, id: string): Promise<MovementAggregate> {
  const aggregate = await loadMovementAggregate(ctx.db, id);
  if (!aggregate || !canReadMovement(actor, aggregate.movement)) throw notFound('movement');
  return aggregate;
}

async function loadFor(ctx: ServiceContext, actor: Actor, id: string, command: MovementCommand): Promise<MovementCommandAggregate> {
  const action = ACTION_OF_MOVEMENT_COMMAND[command];
  // No command looks at past check-ins; loading them all made each check-in slower than the last.
  const aggregate = await loadMovementForCommand(ctx.db, id);
  if (!aggregate || !canReadMovement(actor, aggregate.movement)) throw notFound('movement');
  const m = aggregate.movement;
  if (!isAllowedOnMovement(actor, action, { agencyId: m.agency_id, parties: partiesOf(m) })) throw forbidden(`${command} this movement`);
  const status = statusOf(aggregate);
  if (!canApply(command, status)) throw conflict('MOVEMENT_ILLEGAL_TRANSITION', `A movement that is ${status} cannot take "${command}".`);
  return aggregate;
}

/**
 * The movement with who answered for each party as `names` has them (`actorNames` for the viewer);
 * streams and evidence, which name nobody, leave it empty.
 */
export async function presentMovement(ctx: ServiceContext, aggregate: MovementAggregate, names: ReadonlyMap<string, ActorName> = new Map()): Promise<MovementView> {
  const m = aggregate.movement;
  const corridor = m.corridor_id ? await corridorContext(ctx, null, m.corridor_id) : null;
  const ownRoute = m.route ? (JSON.parse(m.route) as LineString) : null;
  const route = ownRoute ?? corridor?.deconfliction.route ?? null;
  const checkpoints = ownRoute ? [] : (corridor?.checkpoints ?? []);
  const passages = route ? expectedPassages(route, checkpoints, m.depart_at, m.arrive_by) : [];
  const status = statusOf(aggregate);
  const checkins = aggregate.checkins.map((c) => ({ lat: c.lat, lon: c.lon, at: c.at, checkpoint: c.checkpoint, note: c.note }));
  const last = checkins[checkins.length - 1] ?? null;
  const verdict = overdueVerdict({ status, passages, checkins, arriveBy: m.arrive_by, now: ctx.now(), graceMinutes: ctx.config.overdueGraceMinutes });
  const cargo = JSON.parse(m.cargo) as CargoLine[];
  return {
    id: m.id,
    agencyId: m.agency_id,
    kind: m.kind as MovementKind,
    corridorId: m.corridor_id,
    route,
    departAt: m.depart_at,
    arriveBy: m.arrive_by,
    vehicles: JSON.parse(m.vehicles) as MovementView['vehicles'],
    personnel: m.personnel,
    passengers: m.passengers,
    cargo,
    urgent: m.urgent === 1,
    justification: m.justification,
    status,
    requiredAcknowledgements: partiesOf(m),
    acknowledgements: aggregate.acks.map((a) => ({
      partyId: a.party_id,
      decision: a.decision as AckDecision,
      comment: a.comment,
      at: a.at,
      keyId: a.key_id,
      signedAt: a.signed_at,
      signature: a.signature,
      publicKey: a.public_key,
      signedPayload: a.signed_payload,
      who: whoOf(names, a.user_id),
    })),
    acknowledgementDeadline: acknowledgementDeadline(m.depart_at),
    acknowledgementMeaning: ACK_MEANING,
    warnings: JSON.parse(m.warnings) as MovementView['warnings'],
    lastCheckin: last ? { lat: last.lat, lon: last.lon, at: last.at, checkpoint: last.checkpoint } : null,
    checkins,
    expectedPassages: passages,
    // An arrived convoy is at the end, wherever its last position report was sent from.
    progress: status === 'completed' ? 1 : route ? Math.round(progressAlong(route, last) * 1000) / 1000 : 0,
    overdue: verdict.overdue,
    expectedNext: verdict.expected,
    delivery: aggregate.delivery
      ? {
          at: aggregate.delivery.at,
          note: aggregate.delivery.note,
          lines: deliveryDiscrepancies(cargo, JSON.parse(aggregate.delivery.items) as { item: string; quantityReceived: number }[]),
        }
      : null,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
  };
}

/** A movement as one viewer gets it: with what that viewer may do next (src/domain/next-steps.ts). */
export type MovementViewFor = MovementOutT;

function forViewer(actor: Actor, view: MovementView): MovementViewFor {
  const allowedActions = movementSteps(actor, {
    agencyId: view.agencyId,
    requiredAcknowledgements: view.requiredAcknowledgements,
    status: view.status,
    answeredBy: view.acknowledgements.map((a) => a.partyId),
    hasCargo: view.cargo.length > 0,
    deliveryConfirmed: view.delivery !== null,
  });
  return { ...view, allowedActions };
}

export async function getMovement(ctx: ServiceContext, actor: Actor, id: string): Promise<MovementViewFor> {
  const aggregate = await loadVisible(ctx, actor, id);
  return forViewer(actor, await presentMovement(ctx, aggregate, await actorNames(ctx, actor, aggregate.acks.map((a) => a.user_id))));
}

export async function listMovements(
  ctx: ServiceContext,
  actor: Actor,
  query: { status?: MovementStatus | undefined; activeOnly?: boolean | undefined },
): Promise<MovementViewFor[]> {
  const visible = (await loadMovementAggregates(ctx.db, { activeOnly: query.activeOnly ?? false })).filter((a) => canReadMovement(actor, a.movement));
  const names = await actorNames(ctx, actor, visible.flatMap((a) => a.acks.map((k) => k.user_id)));
  const views = await Promise.all(visible.map((a) => presentMovement(ctx, a, names)));
  return views.filter((v) => query.status === undefined || v.status === query.status).map((v) => forViewer(actor, v));
}

// ── Acknowledgements and tracking ───────────────────────────────────────────

/** The statement a party's liaison signs to acknowledge or deny, built from the movement as that party reads it. */
function answerStatementOf(view: MovementView, partyId: string, decision: AckDecision, signedAt: string): MovementAnswerStatement {
  return movementAnswerStatement({ movementId: view.id, contentHash: sha256Hex(movementNoticeText(view)), decision, partyId, signedAt });
}

/** `GET /api/v1/movements/:id/statement`: the exact statement to sign, for checking and for off-line signers. */
export async function movementStatement(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: { decision: AckDecision; signedAt: string },
): Promise<{ statement: string; contentHash: string; fields: MovementAnswerStatement }> {
  const view = await getMovement(ctx, actor, id);
  const signedAt = normaliseSignedAt(input.signedAt);
  if (!signedAt) throw new DomainError('invalid', 'SIGNED_AT_INVALID', 'signedAt must be an RFC 3339 instant with a zone.', [{ path: '/signedAt', message: 'RFC 3339 with Z or an offset' }]);
  const fields = answerStatementOf(view, actor.orgId, input.decision, signedAt);
  return { statement: statementText(fields), contentHash: fields.contentHash, fields };
}

export async function acknowledgeMovement(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: { decision: AckDecision; comment?: string | undefined } & PartySignature,
): Promise<MovementViewFor> {
  const aggregate = await loadFor(ctx, actor, id, 'acknowledge');
  if (aggregate.acks.some((a) => a.party_id === actor.orgId)) throw conflict('MOVEMENT_ALREADY_ANSWERED', 'Your party has already answered this notification.');
  const view = await getMovement(ctx, actor, id);
  const signed = await checkPartySignature(ctx.db, actor, ctx.now(), input, aggregate.movement.created_at, (signedAt) =>
    answerStatementOf(view, actor.orgId, input.decision, signedAt),
  );
  try {
    await runCommand(ctx, actor, async (trx, nowIso) => {
      if (!(await isPartyKeyActive(trx, signed.key.id))) throw conflict('KEY_NOT_ACTIVE', 'This key has just been revoked.');
      await insertAck(trx, {
        movement_id: id,
        party_id: actor.orgId,
        user_id: actor.userId,
        decision: input.decision,
        comment: input.comment?.trim() || null,
        at: nowIso,
        key_id: signed.key.id,
        signed_at: signed.signedAt,
        signed_payload: signed.signedPayload,
        signature: input.signature,
        public_key: signed.key.public_key,
      });
      await updateMovement(trx, id, { updated_at: nowIso });
      return {
        result: undefined,
        audit: {
          action: `movement.${input.decision}`,
          subjectType: 'movement',
          subjectId: id,
          payload: { decision: input.decision, keyId: signed.key.id, signedAt: signed.signedAt, signature: input.signature },
        },
        event: movementChanged(id, aggregate.movement.agency_id, input.decision),
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('MOVEMENT_ALREADY_ANSWERED', 'Your party has already answered this notification.');
    throw error;
  }
  return getMovement(ctx, actor, id);
}

async function stamp(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  command: 'start' | 'complete' | 'abort',
  changes: (nowIso: string) => Parameters<typeof updateMovement>[2],
  payload: Record<string, unknown> = {},
): Promise<MovementViewFor> {
  const aggregate = await loadFor(ctx, actor, id, command);
  await runCommand(ctx, actor, async (trx, nowIso) => {
    const done = await updateOpenMovement(trx, id, { ...changes(nowIso), updated_at: nowIso }, { notStarted: command === 'start' });
    if (!done) throw conflict('MOVEMENT_ILLEGAL_TRANSITION', `The movement changed meanwhile; "${command}" no longer applies.`);
    return {
      result: undefined,
      audit: { action: `movement.${command}`, subjectType: 'movement', subjectId: id, payload },
      event: movementChanged(id, aggregate.movement.agency_id, command),
    };
  });
  return getMovement(ctx, actor, id);
}

export const startMovement = (ctx: ServiceContext, actor: Actor, id: string) => stamp(ctx, actor, id, 'start', (at) => ({ started_at: at }));
export const completeMovement = (ctx: ServiceContext, actor: Actor, id: string) => stamp(ctx, actor, id, 'complete', (at) => ({ completed_at: at, overdue_since: null }));
export const abortMovement = (ctx: ServiceContext, actor: Actor, id: string, reason: string) =>
  stamp(ctx, actor, id, 'abort', (at) => ({ aborted_at: at, abort_reason: reason.trim(), overdue_since: null }), { reason });

export interface CheckinInput {
  lat: number;
  lon: number;
  at?: string | undefined;
  checkpoint?: string | undefined;
  note?: string | undefined;
}

export async function checkIn(ctx: ServiceContext, actor: Actor, id: string, input: CheckinInput): Promise<{ id: string; at: string; overdue: boolean }> {
  const aggregate = await loadFor(ctx, actor, id, 'checkin');
  // The corridor is needed only to know its checkpoints; most check-ins name none.
  const corridor = input.checkpoint && aggregate.movement.corridor_id && !aggregate.movement.route ? await corridorContext(ctx, null, aggregate.movement.corridor_id) : null;
  if (input.checkpoint && !(corridor?.checkpoints ?? []).some((c) => c.name === input.checkpoint)) {
    throw new DomainError('rule', 'UNKNOWN_CHECKPOINT', 'This movement’s route has no such checkpoint.', [{ path: '/checkpoint', message: 'not a checkpoint of the corridor' }]);
  }
  const now = ctx.now();
  const at = input.at ? new Date(input.at).toISOString() : now.toISOString();
  const timeError = checkinTimeError(at, now, aggregate.movement.started_at ?? aggregate.movement.created_at);
  if (timeError) throw new DomainError('rule', timeError.code, `The check-in time ${timeError.message}.`, [{ path: '/at', message: timeError.message }]);
  const checkinId = newId();
  await runCommand(ctx, actor, async (_trx, nowIso) => {
    const row: MovementCheckinRow = {
      id: checkinId,
      movement_id: id,
      lat: input.lat,
      lon: input.lon,
      at,
      checkpoint: input.checkpoint ?? null,
      note: input.note?.trim() || null,
      received_at: nowIso,
      by_user: actor.userId,
    };
    return {
      result: undefined,
      audit: { action: 'movement.checkin', subjectType: 'movement', subjectId: id, payload: { checkinId, lat: input.lat, lon: input.lon, at, checkpoint: input.checkpoint ?? null } },
      event: movementChanged(id, aggregate.movement.agency_id, 'checkin'),
      // Stored with the batch's other check-ins in one insert; a check-in clears the overdue flag
      // (the convoy has been heard from), in one update for the batch.
      batched: [batchedWrite(insertCheckins, row), batchedWrite(markMovementsHeardFrom, { id, at: nowIso })],
    };
  });
  return { id: checkinId, at, overdue: false };
}

export async function confirmDelivery(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: { items: { item: string; quantityReceived: number }[]; note?: string | undefined },
): Promise<MovementViewFor> {
  const aggregate = await loadFor(ctx, actor, id, 'delivery');
  const cargo = JSON.parse(aggregate.movement.cargo) as CargoLine[];
  if (cargo.length === 0) throw new DomainError('rule', 'NO_CARGO', 'This movement carried no cargo to confirm.');
  if (aggregate.delivery) throw conflict('DELIVERY_CONFIRMED', 'The delivery has been confirmed already.');
  const known = new Set(cargo.map((c) => c.item));
  const unknown = input.items.map((i, index) => ({ i, index })).filter(({ i }) => !known.has(i.item));
  if (unknown.length > 0) {
    throw new DomainError('rule', 'UNKNOWN_CARGO_ITEM', 'Some received items were not on the manifest.', unknown.map(({ index }) => ({ path: `/items/${index}/item`, message: 'not on the cargo manifest' })));
  }
  try {
    await runCommand(ctx, actor, async (trx, nowIso) => {
      await insertDelivery(trx, { movement_id: id, items: JSON.stringify(input.items), note: input.note?.trim() || null, at: nowIso, by_user: actor.userId });
      await updateMovement(trx, id, { updated_at: nowIso });
      const lines = deliveryDiscrepancies(cargo, input.items);
      return {
        result: undefined,
        audit: { action: 'movement.delivery', subjectType: 'movement', subjectId: id, payload: { items: input.items, discrepancies: lines.filter((l) => l.difference !== 0).length } },
        event: movementChanged(id, aggregate.movement.agency_id, 'delivery'),
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('DELIVERY_CONFIRMED', 'The delivery has been confirmed already.');
    throw error;
  }
  return getMovement(ctx, actor, id);
}

/**
 * The overdue watch (run by each instance's scheduler): flags convoys whose next expected passage
 * is past the grace period, once, with an audit event and a live alert to the mediator and agency.
 */
export async function flagOverdueMovements(ctx: ServiceContext): Promise<string[]> {
  const flagged: string[] = [];
  for (const aggregate of await loadMovementAggregates(ctx.db, { activeOnly: true })) {
    if (aggregate.movement.overdue_since || !aggregate.movement.started_at) continue;
    const view = await presentMovement(ctx, aggregate);
    if (!view.overdue) continue;
    const won = await runCommand(ctx, null, async (trx, nowIso) => {
      // Another instance flagged it first: no second alert. (Its audit event stands for both.)
      if (!(await markMovementOverdue(trx, view.id, nowIso))) throw new AlreadyFlagged();
      return {
        result: true,
        audit: { action: 'movement.overdue', subjectType: 'movement', subjectId: view.id, payload: { expected: view.expectedNext } },
        event: movementChanged(view.id, view.agencyId, 'overdue', { overdue: true, expected: view.expectedNext }),
      };
    }).catch((error: unknown) => {
      if (error instanceof AlreadyFlagged) return false;
      throw error;
    });
    if (won) flagged.push(view.id);
  }
  return flagged;
}

class AlreadyFlagged extends Error {}
