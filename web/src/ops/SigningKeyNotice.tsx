import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyFingerprint } from '../../../src/domain/statements.ts';
import type { SigningKey } from '../signing/useSigningKey.ts';
import { fingerprintOf } from '../signing/webcrypto.ts';
import { KEYS_BASE, onLinkClick } from './route.ts';

/** The fingerprint of a public key, computed in this browser (not taken from the server). */
export function useFingerprint(publicKey: string | null): KeyFingerprint | null {
  const [fingerprint, setFingerprint] = useState<KeyFingerprint | null>(null);
  useEffect(() => {
    let live = true;
    setFingerprint(null);
    if (publicKey) void fingerprintOf(publicKey).then((f) => live && setFingerprint(f));
    return () => {
      live = false;
    };
  }, [publicKey]);
  return fingerprint;
}

export function Fingerprint({ value, testId }: { value: KeyFingerprint | null; testId?: string }) {
  if (!value) return null;
  return (
    <span className="fingerprint" data-testid={testId}>
      <code className="fingerprint__hex">{value.hex}</code> <span className="fingerprint__words">{value.words}</span>
    </span>
  );
}

/**
 * Above every signing button: which key on this device will sign and its fingerprint, or, without
 * an active key, why nothing can be signed yet and the way to enrolment.
 */
export function SigningKeyNotice({ signing }: { signing: SigningKey }) {
  const { t } = useTranslation();
  const { state } = signing;
  const fingerprint = useFingerprint(state.status === 'active' || state.status === 'pending' || state.status === 'unenrolled' ? state.device.publicKey : null);
  const enrolLink = (
    <a href={KEYS_BASE} onClick={onLinkClick} data-testid="go-enrol">
      {t('signing.goToKeys')}
    </a>
  );
  switch (state.status) {
    case 'loading':
      return <p role="status">{t('signing.checking')}</p>;
    case 'active':
      return (
        <p className="signing-key signing-key--active" data-testid="signing-key" data-status="active">
          {t('signing.signsWith', { label: state.key.label ?? t('signing.unlabelled') })} <Fingerprint value={fingerprint} testId="signing-fingerprint" />
        </p>
      );
    case 'pending':
      return (
        <p className="notice" data-testid="signing-key" data-status="pending">
          {t('signing.pendingHere')} <Fingerprint value={fingerprint} /> {enrolLink}
        </p>
      );
    case 'none':
    case 'unenrolled':
      return (
        <p className="notice" data-testid="signing-key" data-status="none">
          {t('signing.noKeyHere')} {enrolLink}
        </p>
      );
    case 'unsupported':
      return (
        <p className="notice notice--error" data-testid="signing-key" data-status="unsupported">
          {t('signing.unsupported')}
        </p>
      );
    case 'failed':
      return (
        <p className="notice notice--error" role="alert" data-testid="signing-key" data-status="failed">
          {t('signing.loadFailed')}{' '}
          <button type="button" className="button button--secondary" onClick={signing.reload}>
            {t('signing.checkAgain')}
          </button>
        </p>
      );
  }
}
