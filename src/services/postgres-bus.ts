import pg from 'pg';
import type { ChangeEvent, ChangeListener, EventBus } from './events.ts';

const CHANNEL = 'safe_passage_changes';

/**
 * The event bus across server instances sharing one PostgreSQL: publish is a NOTIFY, and every
 * instance (this one included) hears it through LISTEN and hands it to its local listeners.
 * Events are small (ids and a word), far below NOTIFY's 8000-byte limit.
 */
export async function createPostgresBus(
  url: string,
  onError: (error: unknown) => void,
): Promise<EventBus & { close(): Promise<void> }> {
  const listeners = new Set<ChangeListener>();
  const client = new pg.Client({ connectionString: url });
  client.on('error', onError);
  client.on('notification', (message) => {
    if (message.channel !== CHANNEL || !message.payload) return;
    const event = JSON.parse(message.payload) as ChangeEvent;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        onError(error);
      }
    }
  });
  await client.connect();
  await client.query(`listen ${CHANNEL}`);
  return {
    publish(event) {
      // A notification, not a write: the change itself is committed before this is sent.
      client.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]).catch(onError);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await client.end();
    },
  };
}
