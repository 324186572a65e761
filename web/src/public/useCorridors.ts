import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isAbort, type PublicCorridor, type PublicCorridorEvent, type PublicCorridors } from '../api.ts';

const REFRESH_MS = 60_000;
const STREAM_URL = '/api/v1/public/stream';

function parseEvent(text: string): PublicCorridorEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.status === 'string' ? (value as PublicCorridorEvent) : null;
}

/** The list after one `corridor` event: the card replaced, added, or removed. */
export function applyCorridorEvent(list: PublicCorridors, event: PublicCorridorEvent, at: string): PublicCorridors {
  const others = list.items.filter((c) => c.id !== event.id);
  if ('removed' in event && event.removed) return { items: others, generatedAt: at };
  const corridor = event as PublicCorridor;
  const index = list.items.findIndex((c) => c.id === corridor.id);
  const items = index === -1 ? [...list.items, corridor] : list.items.map((c) => (c.id === corridor.id ? corridor : c));
  return { items, generatedAt: at };
}

export interface CorridorsState {
  data: PublicCorridors | null;
  /** The last refresh failed; `data`, if any, is the previous copy. */
  failed: boolean;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads the public corridor list and keeps it live from the server-sent events of
 * /api/v1/public/stream (a card changes, appears or goes without a reload). Polling stays as the
 * fallback: every minute, whenever the page becomes visible again, and after the stream
 * reconnects (events may have been missed). On failure keeps the last copy so a bad connection
 * never blanks the page. The browser's HTTP cache revalidates with If-None-Match (ETag).
 */
export function useCorridors(): CorridorsState {
  const [data, setData] = useState<PublicCorridors | null>(null);
  const [failed, setFailed] = useState(false);
  const [loading, setLoading] = useState(true);
  const inFlight = useRef<AbortController | null>(null);

  const load = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setLoading(true);
    api<PublicCorridors>('/api/v1/public/corridors', { signal: controller.signal })
      .then((body) => {
        setData({ items: Array.isArray(body?.items) ? body.items : [], generatedAt: body?.generatedAt ?? '' });
        setFailed(false);
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setFailed(true);
      })
      .finally(() => {
        if (inFlight.current === controller) {
          inFlight.current = null;
          setLoading(false);
        }
      });
  }, []);

  useEffect(() => {
    load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') load();
    }, REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') load();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', load);

    // EventSource reconnects by itself; a reconnection reloads the list to catch up.
    let stream: EventSource | null = null;
    if (typeof EventSource !== 'undefined') {
      stream = new EventSource(STREAM_URL);
      let dropped = false;
      stream.addEventListener('corridor', (message: MessageEvent<string>) => {
        const event = parseEvent(message.data);
        if (!event) return;
        const at = new Date().toISOString();
        setData((list) => (list ? applyCorridorEvent(list, event, at) : list));
      });
      stream.addEventListener('error', () => {
        dropped = true;
      });
      stream.addEventListener('open', () => {
        if (dropped) {
          dropped = false;
          load();
        }
      });
    }
    return () => {
      stream?.close();
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', load);
      inFlight.current?.abort();
    };
  }, [load]);

  return { data, failed, loading, reload: load };
}
