import { createContext, useCallback, useContext, useMemo, useRef, type ReactNode } from 'react';
import { api, isUnauthorized, type ApiCall, type Me, type RequestOptions } from '../api.ts';
import { enqueue, type NewOutboxItem } from '../outbox/outbox.ts';

/**
 * The signed-in session of the console: who is signed in, and the one place a 401 from the server
 * sends the user back to sign-in. Everything under the shell reads it here instead of taking it as props.
 */
interface SessionValue {
  me: Me;
  /** Back to sign-in with "your session ended"; called any number of times, it acts once. */
  endSession: () => void;
  api: ApiCall;
  enqueue: typeof enqueue;
}

const SessionContext = createContext<SessionValue | null>(null);

interface SessionProviderProps {
  me: Me;
  onEnded: () => void;
  children: ReactNode;
}

export function SessionProvider({ me, onEnded, children }: SessionProviderProps) {
  // Several requests in flight can all come back 401; the shell hears of it once. A new sign-in
  // mounts a new provider, so the flag starts fresh with it.
  const ended = useRef(false);
  const endSession = useCallback(() => {
    if (ended.current) return;
    ended.current = true;
    onEnded();
  }, [onEnded]);

  const call = useCallback(
    async <T,>(path: string, options?: RequestOptions): Promise<T> => {
      try {
        return await api<T>(path, options);
      } catch (err) {
        if (isUnauthorized(err)) endSession();
        // Still thrown: the caller's own error handling runs as before (its state goes with the unmounted console).
        throw err;
      }
    },
    [endSession],
  );

  const send = useCallback(
    async (item: NewOutboxItem) => {
      const sent = await enqueue(item);
      // The tap stays in the outbox and goes after the next sign-in; the user is sent there now.
      if (sent.outcome === 'signed-out') endSession();
      return sent;
    },
    [endSession],
  );

  const value = useMemo(() => ({ me, endSession, api: call, enqueue: send }), [me, endSession, call, send]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function useSessionValue(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() and useApi() need the console shell (SessionProvider) above them');
  return value;
}

/** Who is signed in. A 401 ends the session inside useApi() and useEnqueue(), and nowhere else. */
export function useSession(): Pick<SessionValue, 'me'> {
  return { me: useSessionValue().me };
}

/**
 * The API client for components of the console: `api` from ../api.ts, except that a 401 ends the
 * session here, so callers handle only the errors that are theirs (field errors, conflicts, not found).
 * The function is stable for the whole session: it can sit in an effect's dependencies.
 */
export function useApi(): ApiCall {
  return useSessionValue().api;
}

/**
 * The outbox's enqueue for components of the console: a tap the server answers with 401 stays
 * waiting on the device, and the session ends here, as for useApi(). Stable for the whole session.
 */
export function useEnqueue(): typeof enqueue {
  return useSessionValue().enqueue;
}
