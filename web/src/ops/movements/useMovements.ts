import { useCallback, useEffect, useState } from 'react';
import { ApiError, isAbort, type Movement, type Page } from '../../api.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { useStaffEvents } from '../stream.ts';

export interface MovementsState {
  items: Movement[] | null;
  error: RequestErrorKey | null;
  retry: () => void;
  /** Puts a movement the view just changed in place, without waiting for the stream. */
  put: (movement: Movement) => void;
  /** Ids of movements that changed live, with when (rows flash briefly). */
  changed: ReadonlyMap<string, number>;
}

/**
 * Every movement the user may see (GET /api/v1/movements), kept current from the staff stream:
 * a `movement` event fetches that one movement again and puts it in place (or drops it when it
 * is no longer visible); a reconnection reloads the list.
 */
export function useMovements(): MovementsState {
  const api = useApi();
  const [items, setItems] = useState<Movement[] | null>(null);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [changed, setChanged] = useState<ReadonlyMap<string, number>>(new Map());

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api<Page<Movement>>('/api/v1/movements', { signal: controller.signal })
      .then((page) => setItems(Array.isArray(page?.items) ? page.items : []))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setError(requestErrorKey(err));
      });
    return () => controller.abort();
  }, [attempt, api]);

  const put = useCallback((movement: Movement) => {
    setItems((list) => {
      if (!list) return list;
      const index = list.findIndex((m) => m.id === movement.id);
      return index === -1 ? [movement, ...list] : list.map((m) => (m.id === movement.id ? movement : m));
    });
  }, []);

  const refresh = useCallback(
    (id: string) => {
      api<Movement>(`/api/v1/movements/${encodeURIComponent(id)}`)
        .then((movement) => {
          put(movement);
          setChanged((old) => new Map(old).set(id, Date.now()));
        })
        .catch((err: unknown) => {
          if (err instanceof ApiError && (err.status === 404 || err.status === 403)) {
            setItems((list) => list?.filter((m) => m.id !== id) ?? list);
          }
        });
    },
    [put, api],
  );

  useStaffEvents((event) => {
    if (!event) setAttempt((n) => n + 1);
    else if (event.type === 'movement') refresh(event.data.id);
    else if (event.type === 'incident') for (const id of event.data.movements) refresh(id);
  });

  // The highlight of a live change fades after a few seconds.
  useEffect(() => {
    if (changed.size === 0) return;
    const timer = window.setTimeout(() => {
      const cutoff = Date.now() - 4000;
      setChanged((old) => new Map([...old].filter(([, at]) => at > cutoff)));
    }, 4000);
    return () => window.clearTimeout(timer);
  }, [changed]);

  return { items, error, retry: () => setAttempt((n) => n + 1), put, changed };
}
