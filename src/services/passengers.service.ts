import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { canApply, movementStatus, type AckDecision, type MovementCommand } from '../domain/movement.ts';
import { isAllowedOnMovement } from '../domain/policy.ts';
import { loadMovementAggregate, type MovementAggregate } from '../store/movements.repository.ts';
import { addPassengers, countPassengers, findPeople, listPassengers, stampPassenger } from '../store/people.repository.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { canReadMovement } from './movement.service.ts';

/**
 * Passenger manifests: people registered by an agency, put on its movement, boarded and arrived.
 * Names stay with that agency; every other reader gets counts (DESIGN.md "Data protection").
 */

export interface ManifestEntry {
  personId: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  boardedAt: string | null;
  arrivedAt: string | null;
}

export interface ManifestView {
  movementId: string;
  listed: number;
  boarded: number;
  arrived: number;
  /** Only for the agency that registered the people; absent for everyone else. */
  passengers?: ManifestEntry[];
}

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

export async function getManifest(ctx: ServiceContext, actor: Actor, movementId: string): Promise<ManifestView> {
  const aggregate = await loadMovementAggregate(ctx.db, movementId);
  if (!aggregate || !canReadMovement(actor, aggregate.movement)) throw notFound('movement');
  const counts = await countPassengers(ctx.db, movementId);
  const mayName = isAllowedOnMovement(actor, 'movement.passengers', { agencyId: aggregate.movement.agency_id, parties: [] });
  if (!mayName) return { movementId, ...counts };
  const passengers = (await listPassengers(ctx.db, movementId)).map((p) => ({
    personId: p.person_id,
    givenName: p.given_name,
    familyName: p.family_name,
    birthDate: p.birth_date,
    boardedAt: p.boarded_at,
    arrivedAt: p.arrived_at,
  }));
  return { movementId, ...counts, passengers };
}

export async function addToManifest(ctx: ServiceContext, actor: Actor, movementId: string, personIds: string[]): Promise<ManifestView> {
  const aggregate = await loadForManifest(ctx, actor, movementId, 'manifest');
  const unique = [...new Set(personIds)];
  const found = new Map((await findPeople(ctx.db, unique)).map((p) => [p.id, p]));
  // Someone else's person answers like an unknown one: an agency must not learn who others registered.
  const refused = personIds.map((id, index) => ({ id, index })).filter(({ id }) => found.get(id)?.org_id !== aggregate.movement.agency_id);
  if (refused.length > 0) {
    throw new DomainError('rule', 'UNKNOWN_PERSON', 'Some people are not registered by your organisation.', refused.map(({ index }) => ({ path: `/personIds/${index}`, message: 'not a person your organisation registered' })));
  }
  await runCommand(ctx, actor, async (trx, nowIso) => {
    const added = await addPassengers(trx, movementId, unique, nowIso);
    return {
      result: undefined,
      audit: { action: 'movement.manifest', subjectType: 'movement', subjectId: movementId, payload: { added, personIds: unique } },
      event: { type: 'movement.changed', subjectType: 'movement', subjectId: movementId, orgId: aggregate.movement.agency_id, data: { change: 'manifest' } },
    };
  });
  return getManifest(ctx, actor, movementId);
}

export async function recordPassenger(ctx: ServiceContext, actor: Actor, movementId: string, personId: string, step: 'board' | 'arrive'): Promise<ManifestView> {
  const aggregate = await loadForManifest(ctx, actor, movementId, step);
  const onManifest = (await listPassengers(ctx.db, movementId)).find((p) => p.person_id === personId);
  if (!onManifest) {
    throw new DomainError('rule', 'NOT_ON_MANIFEST', 'This person is not on the manifest.', [{ path: '/personId', message: 'not on the manifest' }]);
  }
  if (step === 'arrive' && !onManifest.boarded_at) {
    throw new DomainError('rule', 'NOT_BOARDED', 'This person was not recorded boarding.', [{ path: '/personId', message: 'record boarding first' }]);
  }
  await runCommand(ctx, actor, async (trx, nowIso) => {
    const changed = await stampPassenger(trx, movementId, personId, step === 'board' ? 'boarded_at' : 'arrived_at', nowIso);
    if (changed !== 1) throw new DomainError('conflict', step === 'board' ? 'ALREADY_BOARDED' : 'ALREADY_ARRIVED', `Already recorded (${step}).`);
    return {
      result: undefined,
      audit: { action: `movement.${step}`, subjectType: 'movement', subjectId: movementId, payload: { personId } },
      event: { type: 'movement.changed', subjectType: 'movement', subjectId: movementId, orgId: aggregate.movement.agency_id, data: { change: step } },
    };
  });
  return getManifest(ctx, actor, movementId);
}
