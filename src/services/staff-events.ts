import { corridorStatus } from '../domain/corridor.ts';
import type { Actor } from '../domain/identity.ts';
import { scopeOf } from '../domain/policy.ts';
import type { WebhookEventType } from '../domain/webhook.ts';
import type { CorridorAggregate } from '../store/corridors.repository.ts';
import { loadCorridorAggregate } from '../store/corridors.repository.ts';
import type { MovementAggregate } from '../store/movements.repository.ts';
import { loadMovementAggregate } from '../store/movements.repository.ts';
import type { ServiceContext } from './context.ts';
import { factsOf } from '../domain/corridor-facts.ts';
import { canRead } from './corridor.service.ts';
import type { ChangeEvent } from './events.ts';
import { canReadMovement, presentMovement } from './movement.service.ts';
import { TRACING_PROBING } from './tracing-limits.service.ts';
import type { StaffAlertEventOutT, StaffCorridorEventOutT, StaffIncidentEventOutT, StaffMovementEventOutT } from '../http/schemas/stream.ts';

/**
 * THE rule of what staff hear of a change, and who: the live stream (live.service.ts) and the
 * webhooks (webhook-dispatch.ts) both send what this file builds, to whom it says. Events carry
 * ids, statuses and counts only, never a name.
 */

/** What the staff stream sends: enough to know what to reload, nothing more (src/http/schemas/stream.ts). */
export type StaffCorridorEvent = StaffCorridorEventOutT;
export type StaffMovementEvent = StaffMovementEventOutT;
export type StaffIncidentEvent = StaffIncidentEventOutT;
/** An alert to the tracing desk: a reference (no name), what was seen, when. */
export type StaffAlertEvent = StaffAlertEventOutT;

/** One event on a staff stream: its SSE event name (a webhook's event type) and data. */
export type StaffEvent =
  | { event: 'alert'; data: StaffAlertEvent }
  | { event: 'corridor'; data: StaffCorridorEvent }
  | { event: 'movement'; data: StaffMovementEvent }
  | { event: 'incident'; data: StaffIncidentEvent };

// Every stream event is a webhook event type and back: one vocabulary.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const SAME_NAMES: Same<StaffEvent['event'], WebhookEventType> = true;
void SAME_NAMES;

/** A staff event and who may receive it. */
export interface Addressed {
  event: StaffEvent;
  audience: (actor: Actor) => boolean;
}

/** What a change asks the staff side to look at (before loading anything). */
export type StaffWork =
  | { kind: 'corridor'; id: string }
  | { kind: 'movement'; id: string; change: string }
  | { kind: 'incident'; change: ChangeEvent }
  | { kind: 'alert'; change: ChangeEvent };

/** Which staff events a change leads to. */
export function staffWorkOf(event: ChangeEvent): StaffWork[] {
  const work: StaffWork[] = [];
  // Someone is trying birth dates for one name: those who read every registry hear of it.
  if (event.type === TRACING_PROBING) work.push({ kind: 'alert', change: event });
  if (event.subjectType === 'corridor') work.push({ kind: 'corridor', id: event.subjectId });
  if (event.subjectType === 'movement') work.push({ kind: 'movement', id: event.subjectId, change: String((event.data as { change?: unknown } | undefined)?.change ?? 'changed') });
  if (event.type === 'incident.reported') {
    work.push({ kind: 'incident', change: event });
    // A corridor near it is now at risk: its views must say so.
    for (const id of (event.data as { corridors?: string[] } | undefined)?.corridors ?? []) work.push({ kind: 'corridor', id });
  }
  return work;
}

export function corridorEventOf(aggregate: CorridorAggregate, now: Date): Addressed {
  const data: StaffCorridorEvent = { id: aggregate.corridor.id, status: corridorStatus(factsOf(aggregate), now), version: aggregate.current.version, at: now.toISOString() };
  return { event: { event: 'corridor', data }, audience: (actor) => canRead(actor, aggregate) };
}

export async function movementEventOf(ctx: ServiceContext, aggregate: MovementAggregate, change: string): Promise<Addressed> {
  const view = await presentMovement(ctx, aggregate);
  return {
    event: { event: 'movement', data: { id: aggregate.movement.id, status: view.status, overdue: view.overdue, change, at: ctx.now().toISOString() } },
    audience: (actor) => canReadMovement(actor, aggregate.movement),
  };
}

/** The mediator and the agencies whose convoys are near hear of an incident at once. */
export function incidentEventOf(change: ChangeEvent): Addressed {
  const data = (change.data ?? {}) as { corridors?: string[]; movements?: string[]; agencies?: string[] };
  const agencies = new Set(data.agencies ?? []);
  return {
    event: { event: 'incident', data: { id: change.subjectId, corridors: data.corridors ?? [], movements: data.movements ?? [], at: change.at } },
    audience: (actor) => actor.orgKind === 'mediator' || agencies.has(actor.orgId),
  };
}

export function alertEventOf(change: ChangeEvent): Addressed {
  const dates = Number((change.data as { dates?: unknown } | undefined)?.dates ?? 0);
  return {
    event: { event: 'alert', data: { kind: 'tracing-probing', ref: change.subjectId, dates, at: change.at } },
    audience: (actor) => scopeOf(actor, 'person.read') === 'all',
  };
}

/**
 * The event types an actor's stream can ever carry, from the same audiences: corridors and
 * movements to whoever may read them, incidents to the mediator and agencies (the agencies whose
 * convoys are near), alerts to those who read every registry.
 */
export function staffEventTypesFor(actor: Pick<Actor, 'orgKind' | 'role'>): WebhookEventType[] {
  const types: WebhookEventType[] = [];
  if (scopeOf(actor, 'corridor.read') !== null) types.push('corridor');
  if (scopeOf(actor, 'movement.read') !== null) types.push('movement');
  if (actor.orgKind === 'mediator' || actor.orgKind === 'agency') types.push('incident');
  if (scopeOf(actor, 'person.read') === 'all') types.push('alert');
  return types;
}

/** Loads what a change is about and builds its staff events, each with its audience (webhooks). */
export async function staffEventsOf(ctx: ServiceContext, change: ChangeEvent): Promise<Addressed[]> {
  const out: Addressed[] = [];
  for (const work of staffWorkOf(change)) {
    switch (work.kind) {
      case 'corridor': {
        const aggregate = await loadCorridorAggregate(ctx.db, work.id);
        if (aggregate) out.push(corridorEventOf(aggregate, ctx.now()));
        break;
      }
      case 'movement': {
        const aggregate = await loadMovementAggregate(ctx.db, work.id);
        if (aggregate) out.push(await movementEventOf(ctx, aggregate, work.change));
        break;
      }
      case 'incident':
        out.push(incidentEventOf(work.change));
        break;
      case 'alert':
        out.push(alertEventOf(work.change));
        break;
    }
  }
  return out;
}
