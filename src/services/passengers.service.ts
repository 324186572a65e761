import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { canApply, movementStatus, tapTimeError, type AckDecision, type MovementCommand } from '../domain/movement.ts';
import { isAllowed, isAllowedOnMovement } from '../domain/policy.ts';
import { loadMovementAggregate, type MovementAggregate } from '../store/movements.repository.ts';
import { arrivalRefusal, passengerState, stepRefusal, undoRefusal, type PassengerState, type PassengerStep, type StepRefusal } from '../domain/passenger.ts';
import { insertPassengerCorrection, listPassengerCorrections, recordPassengerStep, undoPassengerStep, countNotBoarded } from '../store/passengers.repository.ts';
import { addPassengers, countPassengers, listPassengers } from '../store/people.repository.ts';
import type { Vulnerability } from '../domain/person.ts';
import { admissiblePassengers, manifestVulnerabilities, otherRegistrations, type OtherRegistrations } from './manifest-sharing.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';
import { canReadMovement, presentMovement } from './movement.service.ts';
import { actorNames, whoOf, type ActorName } from './user-names.service.ts';
import type { ManifestEntryOutT, ManifestOutT } from '../http/schemas/manifest.ts';

/**
 * Passenger manifests: people registered by an agency, put on its movement, boarded and arrived.
 * Names stay with that agency; every other reader gets counts (docs/design.md §Data protection).
 */

/** A manifest as the API gives it (src/http/schemas/manifest.ts). */
export type ManifestEntry = ManifestEntryOutT;
export type ManifestView = ManifestOutT;

function statusOf(aggregate: MovementAggregate) {
  const m = aggregate.movement;
  return movementStatus({
    requiredAcknowledgements: JSON.parse(m.required_acks) as string[],
    acknowledgements: aggregate.acks.map((a) => ({ partyId: a.party_id, decision: a.decision as AckDecision })),
    startedAt: m.started_at,
    completedAt: m.completed_at,
    abortedAt: m.aborted_at,
  });
}

async function loadForManifest(ctx: ServiceContext, actor: Actor, movementId: string, command: MovementCommand): Promise<MovementAggregate> {
  const aggregate = await loadMovementAggregate(ctx.db, movementId);
  if (!aggregate || !canReadMovement(actor, aggregate.movement)) throw notFound('movement');
  const m = aggregate.movement;
  if (!isAllowedOnMovement(actor, 'movement.passengers', { agencyId: m.agency_id, parties: [] })) throw forbidden('manage this manifest');
  const status = statusOf(aggregate);
  if (!canApply(command, status)) throw new DomainError('conflict', 'MOVEMENT_ILLEGAL_TRANSITION', `A movement that is ${status} cannot take "${command}".`);
  return aggregate;
}

type PassengerRow = Awaited<ReturnType<typeof listPassengers>>[number];

/** Named manifest rows, each with its undone steps and who undid them. */
async function manifestEntries(ctx: ServiceContext, actor: Actor, movementId: string, rows: readonly PassengerRow[]): Promise<ManifestEntry[]> {
  const corrections = await listPassengerCorrections(ctx.db, movementId);
  const names = await actorNames(ctx, actor, corrections.map((c) => c.by_user));
  return rows.map((p) => ({
    personId: p.person_id,
    vulnerabilities: manifestVulnerabilities(p.vulnerabilities),
    householdId: p.household_id,
    givenName: p.given_name,
    familyName: p.family_name,
    birthDate: p.birth_date,
    boardedAt: p.boarded_at,
    arrivedAt: p.arrived_at,
    didNotBoardAt: p.did_not_board_at,
    didNotBoardReason: p.did_not_board_reason,
    state: passengerState(factsOfRow(p)),
    corrections: corrections
      .filter((c) => c.person_id === p.person_id)
      .map((c) => ({ undone: c.undone as PassengerStep, undoneAt: c.undone_at, reason: c.reason, at: c.at, byUserId: c.by_user, who: whoOf(names, c.by_user) })),
  }));
}

/**
 * The manifest as the reader may see it: names of the reader's own registrations only, counts per
 * organisation for the rest. The agency running the movement names the people it registered; an
 * agency whose people ride on another agency's movement names its own there (and learns which
 * agency carries them), and nobody else on it; every other reader of the movement gets counts.
 */
export async function getManifest(ctx: ServiceContext, actor: Actor, movementId: string): Promise<ManifestView> {
  const aggregate = await loadMovementAggregate(ctx.db, movementId);
  if (!aggregate) throw notFound('movement');
  const agencyId = aggregate.movement.agency_id;
  const rows = await listPassengers(ctx.db, movementId);
  const carrier = canReadMovement(actor, aggregate.movement);
  // A registering agency with nobody on this manifest learns nothing, not even that it exists.
  if (!carrier && !(isAllowed(actor, 'movement.registered-passengers', actor.orgId) && rows.some((p) => p.org_id === actor.orgId))) throw notFound('movement');
  const counts = { ...(await countPassengers(ctx.db, movementId)), notBoarded: await countNotBoarded(ctx.db, movementId) };
  if (carrier && !isAllowedOnMovement(actor, 'movement.passengers', { agencyId, parties: [] })) return { movementId, ...counts };
  const ownOrg = carrier ? agencyId : actor.orgId;
  const passengers = await manifestEntries(ctx, actor, movementId, rows.filter((p) => p.org_id === ownOrg));
  const others = otherRegistrations(rows.filter((p) => p.org_id !== ownOrg));
  return carrier ? { movementId, ...counts, passengers, others } : { movementId, ...counts, passengers, others, carriedBy: agencyId };
}

export async function addToManifest(ctx: ServiceContext, actor: Actor, movementId: string, personIds: string[]): Promise<ManifestView> {
  const aggregate = await loadForManifest(ctx, actor, movementId, 'manifest');
  const { ids: unique, shared } = await admissiblePassengers(ctx, aggregate.movement.agency_id, movementId, personIds);
  await runCommand(ctx, actor, async (trx, nowIso) => {
    const added = await addPassengers(trx, movementId, unique, nowIso);
    return {
      result: undefined,
      audit: { action: 'movement.manifest', subjectType: 'movement', subjectId: movementId, payload: { added, personIds: unique, shared } },
      event: { type: 'movement.changed', subjectType: 'movement', subjectId: movementId, orgId: aggregate.movement.agency_id, data: { change: 'manifest' } },
    };
  });
  return getManifest(ctx, actor, movementId);
}

/** Who records a step, and when it was tapped (a device may deliver it later from its outbox). */
export interface StepInput {
  personId: string;
  at?: string | undefined;
  reason?: string | undefined;
}

const refuse = (r: StepRefusal, path = '/personId') => new DomainError(r.kind, r.code, r.message, r.kind === 'rule' ? [{ path, message: r.message }] : undefined);

async function manifestRow(ctx: ServiceContext, movementId: string, personId: string) {
  const row = (await listPassengers(ctx.db, movementId)).find((p) => p.person_id === personId);
  if (!row) throw new DomainError('rule', 'NOT_ON_MANIFEST', 'This person is not on the manifest.', [{ path: '/personId', message: 'not on the manifest' }]);
  return row;
}

const factsOfRow = (row: { boarded_at: string | null; arrived_at: string | null; did_not_board_at: string | null }) => ({
  boardedAt: row.boarded_at,
  arrivedAt: row.arrived_at,
  didNotBoardAt: row.did_not_board_at,
});

const TIME_PREFIX: Readonly<Record<PassengerStep, string>> = { board: 'BOARD', arrive: 'ARRIVE', not_boarded: 'NOT_BOARDED' };

/** Boarded, arrived or "did not board", at the time of the tap when that is plausible. */
export async function recordPassenger(ctx: ServiceContext, actor: Actor, movementId: string, step: PassengerStep, input: StepInput): Promise<ManifestView> {
  const aggregate = await loadForManifest(ctx, actor, movementId, step === 'arrive' ? 'arrive' : 'board');
  const row = await manifestRow(ctx, movementId, input.personId);
  const refusal = stepRefusal(step, passengerState(factsOfRow(row)));
  if (refusal) throw refuse(refusal);
  if (step === 'arrive') {
    const view = await presentMovement(ctx, aggregate);
    const end = view.route?.coordinates[view.route.coordinates.length - 1];
    const destination = end ? { lat: end[1] ?? 0, lon: end[0] ?? 0 } : null;
    const notThere = arrivalRefusal({ status: view.status, destination, checkins: view.checkins });
    if (notThere) throw refuse(notThere);
  }
  const now = ctx.now();
  const at = input.at ? new Date(input.at).toISOString() : now.toISOString();
  // Boarding cannot precede the notification; arrival cannot precede the person's boarding.
  const since = step === 'arrive' ? row.boarded_at : aggregate.movement.created_at;
  const timeError = tapTimeError(at, now, since, TIME_PREFIX[step], step === 'arrive' ? 'the boarding' : 'the movement was notified');
  if (timeError) throw new DomainError('rule', timeError.code, `The time ${timeError.message}.`, [{ path: '/at', message: timeError.message }]);
  const reason = step === 'not_boarded' ? input.reason?.trim() || null : null;
  await runCommand(ctx, actor, async (trx) => {
    const changed = await recordPassengerStep(trx, movementId, input.personId, step, at, reason);
    if (changed !== 1) {
      // Someone recorded this person meanwhile: tell what is true now, never overwrite it.
      throw refuse(stepRefusal(step, step === 'board' ? 'boarded' : step === 'arrive' ? 'arrived' : 'did_not_board') ?? { kind: 'conflict', code: 'PASSENGER_CHANGED', message: 'The manifest changed meanwhile.' });
    }
    return {
      result: undefined,
      audit: { action: `movement.${step === 'not_boarded' ? 'not-boarded' : step}`, subjectType: 'movement', subjectId: movementId, payload: { personId: input.personId, at, reason } },
      event: { type: 'movement.changed', subjectType: 'movement', subjectId: movementId, orgId: aggregate.movement.agency_id, data: { change: step } },
    };
  });
  return getManifest(ctx, actor, movementId);
}

/** Takes back a boarding, an arrival or a "did not board", with who and why kept. */
export async function undoPassengerStepFor(ctx: ServiceContext, actor: Actor, movementId: string, step: PassengerStep, input: { personId: string; reason: string }): Promise<ManifestView> {
  const aggregate = await loadForManifest(ctx, actor, movementId, step === 'arrive' ? 'arrive' : 'board');
  const row = await manifestRow(ctx, movementId, input.personId);
  const refusal = undoRefusal(step, passengerState(factsOfRow(row)));
  if (refusal) throw refuse(refusal);
  const undoneAt = (step === 'board' ? row.boarded_at : step === 'arrive' ? row.arrived_at : row.did_not_board_at) ?? '';
  const reason = input.reason.trim();
  await runCommand(ctx, actor, async (trx, nowIso) => {
    if ((await undoPassengerStep(trx, movementId, input.personId, step)) !== 1) throw new DomainError('conflict', 'PASSENGER_CHANGED', 'The manifest changed meanwhile; look again.');
    await insertPassengerCorrection(trx, { id: newId(), movement_id: movementId, person_id: input.personId, undone: step, undone_at: undoneAt, reason, at: nowIso, by_user: actor.userId });
    return {
      result: undefined,
      audit: { action: 'movement.passenger-undo', subjectType: 'movement', subjectId: movementId, payload: { personId: input.personId, undone: step, undoneAt, reason } },
      event: { type: 'movement.changed', subjectType: 'movement', subjectId: movementId, orgId: aggregate.movement.agency_id, data: { change: `undo-${step}` } },
    };
  });
  return getManifest(ctx, actor, movementId);
}
