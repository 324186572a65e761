import { useEffect, useRef } from 'react';
import type { CorridorChangeEvent, IncidentEvent, MovementChangeEvent } from '../api.ts';

/**
 * One EventSource on /api/v1/stream for the whole console (cookie auth, same origin), shared by
 * every view that wants live changes. It opens with the first subscriber and closes with the
 * last; the browser reconnects by itself after a network drop.
 *
 * A listener receives each event it may see (`corridor`, `movement`, `incident`), and `null`
 * after a reconnection: events may have been missed while the stream was down, so the view
 * reloads what it shows.
 */
export type StaffEvent =
  | { type: 'corridor'; data: CorridorChangeEvent }
  | { type: 'movement'; data: MovementChangeEvent }
  | { type: 'incident'; data: IncidentEvent };

export type StaffEventListener = (event: StaffEvent | null) => void;
export type CorridorEventListener = (event: CorridorChangeEvent | null) => void;

const STREAM_URL = '/api/v1/stream';
const listeners = new Set<StaffEventListener>();
let source: EventSource | null = null;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Each event's data, checked enough that a listener can trust its type. */
function parseEvent(type: StaffEvent['type'], raw: string): StaffEvent | null {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(v) || typeof v.id !== 'string') return null;
  const at = typeof v.at === 'string' ? v.at : new Date().toISOString();
  switch (type) {
    case 'corridor':
      return typeof v.status === 'string' ? { type, data: v as unknown as CorridorChangeEvent } : null;
    case 'movement':
      return typeof v.status === 'string'
        ? {
            type,
            data: {
              id: v.id,
              status: v.status as MovementChangeEvent['status'],
              overdue: v.overdue === true,
              change: typeof v.change === 'string' ? v.change : '',
              at,
            },
          }
        : null;
    case 'incident':
      return { type, data: { id: v.id, corridors: stringList(v.corridors), movements: stringList(v.movements), at } };
  }
}

function openStream(): void {
  if (typeof EventSource === 'undefined') return;
  const es = new EventSource(STREAM_URL);
  let dropped = false;
  for (const type of ['corridor', 'movement', 'incident'] as const) {
    es.addEventListener(type, (message: MessageEvent<string>) => {
      const event = parseEvent(type, message.data);
      if (!event) return;
      for (const listener of listeners) listener(event);
    });
  }
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

/** Calls `listener` for each staff event the signed-in user may see (see above for `null`). */
export function useStaffEvents(listener: StaffEventListener): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const forward: StaffEventListener = (event) => latest.current(event);
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

/** Calls `listener` for each corridor change the signed-in user may see (see above for `null`). */
export function useCorridorEvents(listener: CorridorEventListener): void {
  useStaffEvents((event) => {
    if (!event) listener(null);
    else if (event.type === 'corridor') listener(event.data);
  });
}
