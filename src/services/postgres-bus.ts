import { setImmediate } from 'node:timers';
import pg from 'pg';
import type { ChangeEvent, ChangeListener, EventBus } from './events.ts';

const CHANNEL = 'safe_passage_changes';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a notification is filled up to this. */
export const NOTIFY_PAYLOAD_MAX = 7900;

/**
 * The events of one turn as NOTIFY payloads: each a JSON array of events, in order, each under
 * {@link NOTIFY_PAYLOAD_MAX} bytes. (An event alone is far smaller: ids and a word.)
 */
export function notifyPayloads(events: readonly ChangeEvent[]): string[] {
  const payloads: string[] = [];
  let parts: string[] = [];
  let bytes = 2;
  for (const event of events) {
    const json = JSON.stringify(event);
    const size = Buffer.byteLength(json) + 1;
    if (parts.length > 0 && bytes + size > NOTIFY_PAYLOAD_MAX) {
      payloads.push(`[${parts.join(',')}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(json);
    bytes += size;
  }
  if (parts.length > 0) payloads.push(`[${parts.join(',')}]`);
  return payloads;
}

/** A payload's events: an array of them, or (from an instance not yet upgraded) one event. */
export function eventsOfPayload(payload: string): ChangeEvent[] {
  const parsed = JSON.parse(payload) as ChangeEvent | ChangeEvent[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

/**
 * The event bus across server instances sharing one PostgreSQL: publish is a NOTIFY, and every
 * instance (this one included) hears it through LISTEN and hands it to its local listeners.
 *
 * The events published in one turn of the event loop go out together, a turn later, in one query
 * and as few notifications as fit: under load each check-in published its own NOTIFY, a query
 * (and a parse on the database) per check-in, as many as the check-ins themselves made.
 */
export async function createPostgresBus(
  url: string,
  onError: (error: unknown) => void,
): Promise<EventBus & { close(): Promise<void> }> {
  const listeners = new Set<ChangeListener>();
  const client = new pg.Client({ connectionString: url });
  let pending: ChangeEvent[] = [];
  client.on('error', onError);
  client.on('notification', (message) => {
    if (message.channel !== CHANNEL || !message.payload) return;
    for (const event of eventsOfPayload(message.payload)) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onError(error);
        }
      }
    }
  });
  await client.connect();
  await client.query(`listen ${CHANNEL}`);

  // One NOTIFY query at a time: pg warns of (and 9.0 will refuse) a query on a busy client, and
  // whatever is published meanwhile goes out together when it is done.
  let sending: Promise<void> | null = null;
  const flush = (): void => {
    if (sending || pending.length === 0) return;
    const events = pending;
    pending = [];
    // A notification, not a write: the changes themselves were committed before they were published.
    sending = client
      .query('select pg_notify($1, payload) from unnest($2::text[]) with ordinality as p(payload, n) order by n', [CHANNEL, notifyPayloads(events)])
      .then(() => undefined, onError)
      .finally(() => {
        sending = null;
        flush();
      });
  };
  return {
    publish(event) {
      pending.push(event);
      if (pending.length === 1 && !sending) setImmediate(flush);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      flush();
      while (sending) await sending;
      await client.end();
    },
  };
}
