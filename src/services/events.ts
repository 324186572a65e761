/**
 * Change notifications that services publish after a commit, for live views (SSE) and
 * schedulers. Events carry ids and statuses only, never personal data.
 */
export interface ChangeEvent {
  type: string;
  subjectType: string;
  subjectId: string;
  /** Which organisation owns the subject, so subscribers can filter by rights. */
  orgId: string | null;
  at: string;
  data?: Record<string, unknown>;
}

export type ChangeListener = (event: ChangeEvent) => void;

export interface EventBus {
  publish(event: ChangeEvent): void;
  subscribe(listener: ChangeListener): () => void;
}

/** The in-process bus: enough for one instance; PostgreSQL deployments fan out through it too. */
export function createInProcessBus(): EventBus {
  const listeners = new Set<ChangeListener>();
  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A failing subscriber (a closed SSE socket) must not stop the others or the command.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Hears what this instance publishes at the moment it publishes it, before the bus carries it
 * (through PostgreSQL that is a round trip later): caches use it to know at once they are stale.
 */
export function observePublishes(bus: EventBus, listener: ChangeListener): () => void {
  const publish = bus.publish.bind(bus);
  let active = true;
  bus.publish = (event) => {
    if (active) {
      try {
        listener(event);
      } catch {
        // An observer must never stop a command's event from going out.
      }
    }
    publish(event);
  };
  return () => {
    active = false;
  };
}
