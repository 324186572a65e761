import { useCallback, useEffect, useState } from 'react';
import { isAbort, type Manifest, type Movement } from '../../api.ts';
import { onOutboxAnswer } from '../../outbox/outbox.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { useStaffEvents } from '../stream.ts';

/** The manifest of a movement, reloaded with it from the staff stream. */
export function useManifest(movementId: string) {
  const api = useApi();
  const [manifest, setManifest] = useState<Manifest | null>(null);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const url = `/api/v1/movements/${encodeURIComponent(movementId)}/passengers`;
  const load = useCallback(
    (signal?: AbortSignal) => {
      api<Manifest>(url, { signal })
        .then((m) => {
          setManifest(m);
          setError(null);
        })
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          setError(requestErrorKey(err));
        });
    },
    [url, api],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);
  useStaffEvents((event) => {
    if (!event || (event.type === 'movement' && event.data.id === movementId)) load();
  });
  // A tap sent later from the outbox: the list shows what the server holds now.
  useEffect(() => onOutboxAnswer((item) => item.movementId === movementId && load()), [movementId, load]);
  return { manifest, setManifest, error, reload: load };
}

/** The movement the manifest belongs to (its status and the steps allowed now), reloaded from the staff stream. */
export function useManifestMovement(movementId: string) {
  const api = useApi();
  const [movement, setMovement] = useState<Movement | null>(null);
  const [movementError, setMovementError] = useState<RequestErrorKey | null>(null);
  const loadMovement = useCallback(
    (signal?: AbortSignal) => {
      api<Movement>(`/api/v1/movements/${encodeURIComponent(movementId)}`, { signal })
        .then(setMovement)
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          setMovementError(requestErrorKey(err));
        });
    },
    [movementId, api],
  );
  useEffect(() => {
    const controller = new AbortController();
    loadMovement(controller.signal);
    return () => controller.abort();
  }, [loadMovement]);
  useStaffEvents((event) => {
    if (!event || (event.type === 'movement' && event.data.id === movementId)) loadMovement();
  });
  return { movement, movementError, setMovementError, loadMovement };
}
