import { useEffect, useState } from 'react';
import { isAbort, type Org, type Page } from '../api.ts';
import { requestErrorKey, type RequestErrorKey } from './errors.ts';
import { useApi } from './session.tsx';

/**
 * The directory of organisations (GET /api/v1/orgs?limit=200): every section that names parties
 * and agencies needs it.
 */
export function useOrgs(): { orgs: Org[] | null; error: RequestErrorKey | null; retry: () => void } {
  const api = useApi();
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api<Page<Org>>('/api/v1/orgs?limit=200', { signal: controller.signal })
      .then((page) => setOrgs(Array.isArray(page?.items) ? page.items : []))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setError(requestErrorKey(err));
      });
    return () => controller.abort();
  }, [attempt, api]);
  return { orgs, error, retry: () => setAttempt((n) => n + 1) };
}
