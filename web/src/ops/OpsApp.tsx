import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from '../api.ts';
import { isUnauthorized } from './errors.ts';
import { Console } from './Console.tsx';
import { SessionProvider } from './session.tsx';
import { SignIn, SignInFrame } from './SignIn.tsx';

type Session =
  | { kind: 'checking' }
  | { kind: 'signedOut'; sessionEnded: boolean }
  | { kind: 'signedIn'; me: Me }
  | { kind: 'unreachable' };

export function OpsApp() {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api<Me>('/api/v1/me', { signal: controller.signal })
      .then((me) => setSession({ kind: 'signedIn', me }))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setSession(isUnauthorized(err) ? { kind: 'signedOut', sessionEnded: false } : { kind: 'unreachable' });
      });
    return () => controller.abort();
  }, [attempt]);

  const onSignedIn = useCallback((me: Me) => setSession({ kind: 'signedIn', me }), []);
  const onSignedOut = useCallback(() => setSession({ kind: 'signedOut', sessionEnded: false }), []);
  const onEnded = useCallback(() => setSession({ kind: 'signedOut', sessionEnded: true }), []);

  switch (session.kind) {
    case 'checking':
      return (
        <div className="signin-page on-light">
          <p className="signin-page__status" role="status">
            {t('ops.checkingSession')}
          </p>
        </div>
      );
    case 'unreachable':
      return (
        <SignInFrame>
            <div className="notice notice--error" role="alert">
              <p>{t('ops.networkError')}</p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setSession({ kind: 'checking' });
                  setAttempt((n) => n + 1);
                }}
              >
                {t('app.retry')}
              </button>
            </div>
        </SignInFrame>
      );
    case 'signedOut':
      return <SignIn onSignedIn={onSignedIn} notice={session.sessionEnded ? 'ops.signIn.sessionEnded' : null} />;
    case 'signedIn':
      return (
        <SessionProvider me={session.me} onEnded={onEnded}>
          <Console onSignedOut={onSignedOut} />
        </SessionProvider>
      );
  }
}
