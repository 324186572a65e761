import { corridorStatus, type CorridorStatus } from '../domain/corridor.ts';
import type { MovementStatus } from '../domain/movement.ts';
import { loadMovementAggregate } from '../store/movements.repository.ts';
import type { Actor } from '../domain/identity.ts';
import { loadAllCorridorAggregates, loadCorridorAggregate, type CorridorAggregate } from '../store/corridors.repository.ts';
import { listOrgTimeZones } from '../store/orgs.repository.ts';
import { announceCorridorChange } from './announcement.service.ts';
import type { ServiceContext } from './context.ts';
import { factsOf, isPubliclyListed } from '../domain/corridor-facts.ts';
import { presentPublicCorridor } from './corridor.presenter.ts';
import type { ChangeEvent } from './events.ts';
import type { PublicCorridorEventOutT } from '../http/schemas/stream.ts';
import { SESSION_ENDED } from './identity.service.ts';
import { flagOverdueMovements } from './movement.service.ts';
import { alertEventOf, corridorEventOf, incidentEventOf, movementEventOf, staffWorkOf, type Addressed, type StaffEvent } from './staff-events.ts';

/** What the public stream sends: the corridor's public view, or that it left the public page. */
export type PublicCorridorEvent = PublicCorridorEventOutT;

// The staff events and who hears each are decided in staff-events.ts, for webhooks too.
export type { StaffAlertEvent, StaffCorridorEvent, StaffEvent, StaffIncidentEvent, StaffMovementEvent } from './staff-events.ts';

/** Whose staff stream it is: rights come from the actor, its end from the session. */
export interface StaffSession {
  actor: Actor;
  /** The session's name on the bus (sessionRefOf): a logout on any instance names it. */
  ref: string;
  expiresAt: string;
}

/** Longest delay setTimeout takes (about 24.8 days); a longer session is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LiveHub {
  subscribePublic(listener: (event: PublicCorridorEvent) => void): () => void;
  /**
   * Delivers what the session may see until it is unsubscribed, or until the session ends (logout
   * on any instance, or expiry): then `end` is called once and nothing more is delivered.
   */
  subscribeStaff(session: StaffSession, listener: (event: StaffEvent) => void, end: () => void): () => void;
  /**
   * Runs on anything that may have changed the public page (a public event, a look at the clock),
   * before the public listeners hear of it, so the public snapshot is stale before a reader can
   * ask for the new list. Outside the hub's queue (a rebuild must not hold back the next event),
   * but `idle()` waits for it too.
   */
  watchPublic(work: () => Promise<void>): () => void;
  /** Looks for windows that opened or closed since the last look (the scheduler calls it). */
  tick(): Promise<void>;
  start(): Promise<void>;
  stop(): void;
  /** Resolves once every queued refresh has been delivered (tests wait on it). */
  idle(): Promise<void>;
}

/**
 * Turns change events (from this instance, or from others through PostgreSQL NOTIFY) and the
 * clock into live corridor events for the public and for staff, each filtered by what they may see.
 */
export function createLiveHub(ctx: ServiceContext, onError: (error: unknown) => void): LiveHub {
  const publicListeners = new Set<(event: PublicCorridorEvent) => void>();
  const publicWatchers = new Set<() => Promise<void>>();
  const watching = new Set<Promise<void>>();
  const publicMayChange = (): void => {
    for (const work of publicWatchers) {
      const running: Promise<void> = work()
        .catch(onError)
        .finally(() => watching.delete(running));
      watching.add(running);
    }
  };
  interface StaffEntry {
    session: StaffSession;
    listener: (event: StaffEvent) => void;
    end: () => void;
    timer?: NodeJS.Timeout;
  }
  const staffListeners = new Set<StaffEntry>();
  const endStaff = (entry: StaffEntry): void => {
    if (!staffListeners.delete(entry)) return;
    clearTimeout(entry.timer);
    entry.end();
  };
  // The timer may fire late or the clock may be moved: each delivery checks expiry too.
  const expired = (entry: StaffEntry): boolean => Date.parse(entry.session.expiresAt) <= ctx.now().getTime();
  const watchExpiry = (entry: StaffEntry): void => {
    const left = Date.parse(entry.session.expiresAt) - ctx.now().getTime();
    if (left <= 0) return endStaff(entry);
    entry.timer = setTimeout(() => watchExpiry(entry), Math.min(left, MAX_TIMER_MS));
    entry.timer.unref();
  };
  const toStaff = ({ audience, event }: Addressed): void => {
    for (const entry of staffListeners) {
      if (expired(entry)) endStaff(entry);
      else if (audience(entry.session.actor)) entry.listener(event);
    }
  };
  const lastStatus = new Map<string, CorridorStatus>();
  const onPublicPage = new Set<string>();
  let queue: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let unsubscribeBus: (() => void) | undefined;

  /** Returns whether the public heard of it. */
  const deliver = (aggregate: CorridorAggregate, zones: ReadonlyMap<string, string>, now: Date): boolean => {
    const id = aggregate.corridor.id;
    const staff = corridorEventOf(aggregate, now);
    const status = corridorStatus(factsOf(aggregate), now);
    lastStatus.set(id, status);
    toStaff(staff);
    let publicEvent: PublicCorridorEvent | undefined;
    if (isPubliclyListed(aggregate, now)) {
      onPublicPage.add(id);
      publicEvent = presentPublicCorridor(aggregate, zones, now);
    } else if (onPublicPage.delete(id)) {
      publicEvent = { id, status, removed: true };
    }
    if (publicEvent) {
      publicMayChange();
      for (const listener of publicListeners) listener(publicEvent);
    }
    return publicEvent !== undefined;
  };

  const enqueue = (work: () => Promise<void>): void => {
    queue = queue.then(work).catch(onError);
  };

  const refresh = async (id: string): Promise<void> => {
    const aggregate = await loadCorridorAggregate(ctx.db, id);
    if (aggregate) deliver(aggregate, await listOrgTimeZones(ctx.db), ctx.now());
    // Every public status change passes here or through scan: the one place it is announced.
    if (aggregate) await announceCorridorChange(ctx, aggregate);
  };

  const refreshMovement = async (id: string, change: string): Promise<void> => {
    // With no staff stream open there is no one to tell: skip loading and presenting the movement
    // (it cost more than the check-in that triggered it).
    if (staffListeners.size === 0) return;
    const aggregate = await loadMovementAggregate(ctx.db, id);
    if (!aggregate) return;
    toStaff(await movementEventOf(ctx, aggregate, change));
  };

  const scan = async (emit: boolean): Promise<void> => {
    const now = ctx.now();
    const zones = await listOrgTimeZones(ctx.db);
    for (const aggregate of await loadAllCorridorAggregates(ctx.db)) {
      const id = aggregate.corridor.id;
      const status = corridorStatus(factsOf(aggregate), now);
      const listed = isPubliclyListed(aggregate, now);
      if (!emit) {
        lastStatus.set(id, status);
        if (listed) onPublicPage.add(id);
        // A change made while no instance was running is announced on start.
        if (listed) await announceCorridorChange(ctx, aggregate);
      } else if (lastStatus.get(id) !== status || listed !== onPublicPage.has(id)) {
        deliver(aggregate, zones, now);
        await announceCorridorChange(ctx, aggregate);
      }
    }
    // Time-dependent parts of the public views (which window is next) move with the clock too.
    if (emit) publicMayChange();
  };

  return {
    subscribePublic(listener) {
      publicListeners.add(listener);
      return () => publicListeners.delete(listener);
    },
    subscribeStaff(session, listener, end) {
      const entry: StaffEntry = { session, listener, end };
      staffListeners.add(entry);
      watchExpiry(entry);
      return () => {
        if (staffListeners.delete(entry)) clearTimeout(entry.timer);
      };
    },
    watchPublic(work) {
      publicWatchers.add(work);
      return () => publicWatchers.delete(work);
    },
    async tick() {
      enqueue(() => scan(true));
      enqueue(async () => {
        await flagOverdueMovements(ctx);
      });
      await queue;
    },
    async start() {
      unsubscribeBus = ctx.events.subscribe((event) => {
        if (event.type === SESSION_ENDED) {
          for (const entry of staffListeners) if (entry.session.ref === event.subjectId) endStaff(entry);
        }
        for (const work of staffWorkOf(event)) {
          switch (work.kind) {
            case 'alert':
              toStaff(alertEventOf(work.change));
              break;
            case 'incident':
              toStaff(incidentEventOf(work.change));
              break;
            case 'corridor':
              enqueue(() => refresh(work.id));
              break;
            case 'movement':
              enqueue(() => refreshMovement(work.id, work.change));
              break;
          }
        }
      });
      await scan(false);
      if (ctx.config.schedulerIntervalMs > 0) {
        timer = setInterval(() => {
          enqueue(() => scan(true));
          enqueue(async () => {
            await flagOverdueMovements(ctx);
          });
        }, ctx.config.schedulerIntervalMs);
        timer.unref();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      unsubscribeBus?.();
      publicListeners.clear();
      publicWatchers.clear();
      for (const entry of staffListeners) clearTimeout(entry.timer);
      staffListeners.clear();
    },
    async idle() {
      // Work may enqueue more work (a refresh, then the snapshot's rebuild): wait until none is left.
      let seen: Promise<void>;
      do {
        seen = queue;
        await seen;
        while (watching.size > 0) await Promise.all(watching);
      } while (seen !== queue);
    },
  };
}
