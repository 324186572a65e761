import { useEffect, useRef } from 'react';
import type { CorridorChangeEvent } from '../api.ts';

/**
 * One EventSource on /api/v1/stream for the whole console (cookie auth, same origin), shared by
 * every view that wants corridor changes. It opens with the first subscriber and closes with the
 * last; the browser reconnects by itself after a network drop.
 *
 * A listener receives each `corridor` event, and `null` after a reconnection: events may have
 * been missed while the stream was down, so the view reloads what it shows.
 */
export type CorridorEventListener = (event: CorridorChangeEvent | null) => void;

const STREAM_URL = '/api/v1/stream';
const listeners = new Set<CorridorEventListener>();
let source: EventSource | null = null;

function isChangeEvent(value: unknown): value is CorridorChangeEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.status === 'string';
}

function openStream(): void {
  if (typeof EventSource === 'undefined') return;
  const es = new EventSource(STREAM_URL);
  let dropped = false;
  es.addEventListener('corridor', (message: MessageEvent<string>) => {
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    if (!isChangeEvent(data)) return;
    for (const listener of listeners) listener(data);
  });
  es.addEventListener('error', () => {
    dropped = true;
  });
  es.addEventListener('open', () => {
    if (!dropped) return;
    dropped = false;
    for (const listener of listeners) listener(null);
  });
  source = es;
}

/** Calls `listener` for each corridor change the signed-in user may see (see above for `null`). */
export function useCorridorEvents(listener: CorridorEventListener): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const forward: CorridorEventListener = (event) => latest.current(event);
    listeners.add(forward);
    if (!source) openStream();
    return () => {
      listeners.delete(forward);
      if (listeners.size === 0) {
        source?.close();
        source = null;
      }
    };
  }, []);
}
