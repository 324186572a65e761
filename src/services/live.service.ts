import { corridorStatus, type CorridorStatus } from '../domain/corridor.ts';
import type { Actor } from '../domain/identity.ts';
import { loadAllCorridorAggregates, loadCorridorAggregate, type CorridorAggregate } from '../store/corridors.repository.ts';
import { listOrgTimeZones } from '../store/orgs.repository.ts';
import type { ServiceContext } from './context.ts';
import { factsOf, isPubliclyListed, presentPublicCorridor, type PublicCorridorView } from './corridor.presenter.ts';
import { canRead } from './corridor.service.ts';

/** What the public stream sends: the corridor's public view, or that it left the public page. */
export type PublicCorridorEvent = PublicCorridorView | { id: string; status: CorridorStatus; removed: true };

/** What the staff stream sends: enough to know what to reload, nothing more. */
export interface StaffCorridorEvent {
  id: string;
  status: CorridorStatus;
  version: number;
  at: string;
}

export interface LiveHub {
  subscribePublic(listener: (event: PublicCorridorEvent) => void): () => void;
  subscribeStaff(actor: Actor, listener: (event: StaffCorridorEvent) => void): () => void;
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
  const staffListeners = new Set<{ actor: Actor; listener: (event: StaffCorridorEvent) => void }>();
  const lastStatus = new Map<string, CorridorStatus>();
  const onPublicPage = new Set<string>();
  let queue: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let unsubscribeBus: (() => void) | undefined;

  const deliver = (aggregate: CorridorAggregate, zones: ReadonlyMap<string, string>, now: Date): void => {
    const id = aggregate.corridor.id;
    const status = corridorStatus(factsOf(aggregate), now);
    lastStatus.set(id, status);
    const staffEvent: StaffCorridorEvent = { id, status, version: aggregate.current.version, at: now.toISOString() };
    for (const { actor, listener } of staffListeners) if (canRead(actor, aggregate)) listener(staffEvent);
    let publicEvent: PublicCorridorEvent | undefined;
    if (isPubliclyListed(aggregate, now)) {
      onPublicPage.add(id);
      publicEvent = presentPublicCorridor(aggregate, zones, now);
    } else if (onPublicPage.delete(id)) {
      publicEvent = { id, status, removed: true };
    }
    if (publicEvent) for (const listener of publicListeners) listener(publicEvent);
  };

  const enqueue = (work: () => Promise<void>): void => {
    queue = queue.then(work).catch(onError);
  };

  const refresh = async (id: string): Promise<void> => {
    const aggregate = await loadCorridorAggregate(ctx.db, id);
    if (aggregate) deliver(aggregate, await listOrgTimeZones(ctx.db), ctx.now());
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
      } else if (lastStatus.get(id) !== status || listed !== onPublicPage.has(id)) {
        deliver(aggregate, zones, now);
      }
    }
  };

  return {
    subscribePublic(listener) {
      publicListeners.add(listener);
      return () => publicListeners.delete(listener);
    },
    subscribeStaff(actor, listener) {
      const entry = { actor, listener };
      staffListeners.add(entry);
      return () => staffListeners.delete(entry);
    },
    async tick() {
      enqueue(() => scan(true));
      await queue;
    },
    async start() {
      unsubscribeBus = ctx.events.subscribe((event) => {
        if (event.subjectType === 'corridor') enqueue(() => refresh(event.subjectId));
      });
      await scan(false);
      if (ctx.config.schedulerIntervalMs > 0) {
        timer = setInterval(() => enqueue(() => scan(true)), ctx.config.schedulerIntervalMs);
        timer.unref();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      unsubscribeBus?.();
      publicListeners.clear();
      staffListeners.clear();
    },
    idle() {
      return queue;
    },
  };
}
