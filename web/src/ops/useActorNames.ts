import { useEffect, useState } from 'react';
import { isAbort, type ActorName } from '../api.ts';
import { useApi } from './session.tsx';

/**
 * Who acted, for ids shown in signatures and timelines (GET /api/v1/users/names): the server gives
 * a name only to those allowed to see it, else the organisation and role. Unknown ids stay absent.
 */
export function useActorNames(ids: readonly string[]): ReadonlyMap<string, ActorName> {
  const api = useApi();
  const key = [...new Set(ids)].sort().join(',');
  const [names, setNames] = useState<ReadonlyMap<string, ActorName>>(new Map());
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    api<{ items: ActorName[] }>(`/api/v1/users/names?ids=${encodeURIComponent(key)}`, { signal: controller.signal })
      .then((answer) => setNames(new Map(answer.items.map((n) => [n.id, n]))))
      // Without names the ids are shown as they are.
      .catch(() => undefined);
    return () => controller.abort();
  }, [key, api]);
  return names;
}
