import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isAbort, type PublicCorridors } from '../api.ts';

const REFRESH_MS = 60_000;

export interface CorridorsState {
  data: PublicCorridors | null;
  /** The last refresh failed; `data`, if any, is the previous copy. */
  failed: boolean;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads the public corridor list, refreshes it every minute and whenever the page becomes
 * visible again; on failure keeps the last copy so a bad connection never blanks the page.
 * The browser's HTTP cache revalidates with If-None-Match when the server sends an ETag.
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
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', load);
      inFlight.current?.abort();
    };
  }, [load]);

  return { data, failed, loading, reload: load };
}
