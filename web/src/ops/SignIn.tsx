import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type LoginResponse, type Me } from '../api.ts';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { signInErrorKey, type ErrorKey } from './errors.ts';

interface SignInProps {
  onSignedIn: (me: Me) => void;
  notice?: 'ops.signIn.sessionEnded' | null;
}

export function SignIn({ onSignedIn, notice = null }: SignInProps) {
  const { t } = useTranslation();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorKey | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!email.trim() || !password) {
      setError('ops.signIn.invalidInput');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // The server sets the HttpOnly session cookie; the token in the body is not kept.
      await api<LoginResponse>('/api/v1/auth/login', {
        method: 'POST',
        body: { email: email.trim(), password },
      });
      const me = await api<Me>('/api/v1/me');
      setPassword('');
      onSignedIn(me);
    } catch (err) {
      setError(signInErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  const errorId = `${id}-error`;
  return (
    <SignInFrame>
        <form
          className="signin-form"
          data-testid="signin-form"
          onSubmit={submit}
          noValidate
          aria-describedby={error ? errorId : undefined}
        >
          <h1>{t('ops.signIn.heading')}</h1>
          <p className="signin-form__intro">{t('ops.signIn.intro')}</p>
          {notice && !error && (
            <p className="notice" role="status">
              {t(notice)}
            </p>
          )}
          {error && (
            <p id={errorId} className="notice notice--error" role="alert" data-testid="signin-error">
              {t(error)}
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('ops.signIn.email')}</label>
            <input
              id={`${id}-email`}
              name="email"
              type="email"
              inputMode="email"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error === 'ops.signIn.wrongCredentials' || error === 'ops.signIn.invalidInput'}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('ops.signIn.password')}</label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error === 'ops.signIn.wrongCredentials' || error === 'ops.signIn.invalidInput'}
            />
          </div>
          <button type="submit" className="button signin-form__submit" disabled={busy} aria-busy={busy}>
            {busy ? t('ops.signIn.submitting') : t('ops.signIn.submit')}
          </button>
        </form>
    </SignInFrame>
  );
}

/** The page around the sign-in form and the "server unreachable" notice: brand and language switch. */
export function SignInFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="signin-page on-light">
      <header className="signin-page__top">
        <p className="signin-page__brand">{t('app.name')}</p>
        <LangSwitch />
      </header>
      <main className="signin-page__main">{children}</main>
    </div>
  );
}
