import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeysList, PartyKey } from '../../../../src/http/schemas/signing.ts';
import { isAbort, type Me, type Org } from '../../api.ts';
import { useSigningKey } from '../../signing/useSigningKey.ts';
import { useZonedDateTime } from '../../time/WindowTime.tsx';
import { ConfirmStep } from '../../ui/ConfirmStep.tsx';
import { orgNamer } from '../../ui/format.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { Fingerprint, useFingerprint } from '../SigningKeyNotice.tsx';
import { useActorNames } from '../useActorNames.ts';
import { useOrgs } from '../useOrgs.ts';
import './keys.css';
import { Loading } from '../../ui/LoadState.tsx';

interface KeysSectionProps {
  me: Me;
}

/**
 * Signing keys: a liaison makes its key on this device and enrols the public half; the party's
 * own admin compares the fingerprint (by phone or in person) and approves or revokes; the
 * mediator sees which keys each party holds, and since when. Buttons follow `/me`'s actions.
 */
export function KeysSection({ me }: KeysSectionProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [keys, setKeys] = useState<PartyKey[] | null>(null);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const { orgs } = useOrgs();

  useEffect(() => {
    const controller = new AbortController();
    api<KeysList>('/api/v1/keys', { signal: controller.signal })
      .then((list) => setKeys(list.items))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setError(requestErrorKey(err));
      });
    return () => controller.abort();
  }, [attempt, api]);

  const byParty = useMemo(() => {
    const groups = new Map<string, PartyKey[]>();
    for (const key of keys ?? []) groups.set(key.orgId, [...(groups.get(key.orgId) ?? []), key]);
    return [...groups.entries()];
  }, [keys]);

  return (
    <div className="console__panel keys" data-testid="keys-section">
      <h1>{t('signing.heading')}</h1>
      <p className="field__hint">{t('signing.intro')}</p>
      {me.actions['key.enrol'] && <DeviceKeyCard me={me} onEnrolled={reload} />}
      {error && (
        <p className="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
      {!keys && !error && <Loading />}
      {keys && keys.length === 0 && <p data-testid="no-keys">{t('signing.noKeys')}</p>}
      {byParty.map(([orgId, partyKeys]) => (
        <PartyKeys key={orgId} me={me} orgs={orgs ?? []} orgId={orgId} keys={partyKeys} onChanged={reload} />
      ))}
    </div>
  );
}

/** This device's key: make and enrol it, or see where it stands. */
function DeviceKeyCard({ me, onEnrolled }: { me: Me; onEnrolled: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const signing = useSigningKey(me.id, api);
  const { state } = signing;
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorKey | 'signing.unsupported' | null>(null);
  const fingerprint = useFingerprint(state.status === 'pending' || state.status === 'active' || state.status === 'unenrolled' ? state.device.publicKey : null);

  async function enrol() {
    setBusy(true);
    setError(null);
    try {
      await signing.enrol(label);
      onEnrolled();
    } catch (err) {
      // WebCrypto without Ed25519 throws a DOMException (NotSupportedError) before anything is sent.
      setError(err instanceof DOMException ? 'signing.unsupported' : requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="keys__device" data-testid="device-key" data-status={state.status} aria-labelledby="device-key-heading">
      <h2 id="device-key-heading">{t('signing.deviceHeading')}</h2>
      {state.status === 'loading' && <p role="status">{t('signing.checking')}</p>}
      {state.status === 'unsupported' && <p className="notice notice--error">{t('signing.unsupported')}</p>}
      {state.status === 'failed' && <p className="notice notice--error">{t('signing.loadFailed')}</p>}
      {(state.status === 'pending' || state.status === 'active') && (
        <>
          <p>{t(state.status === 'active' ? 'signing.deviceActive' : 'signing.devicePending', { party: me.org.name })}</p>
          <p className="keys__fingerprint">
            {t('signing.fingerprint')}: <Fingerprint value={fingerprint} testId="device-fingerprint" />
          </p>
        </>
      )}
      {(state.status === 'none' || state.status === 'unenrolled') && (
        <>
          <p>{t(state.status === 'none' && state.previous ? 'signing.deviceReplaced' : 'signing.deviceNone')}</p>
          {state.status === 'unenrolled' && (
            <p className="keys__fingerprint">
              {t('signing.fingerprint')}: <Fingerprint value={fingerprint} />
            </p>
          )}
          <div className="field">
            <label htmlFor="device-key-label">{t('signing.label')}</label>
            <input id="device-key-label" value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} placeholder={t('signing.labelPlaceholder')} />
          </div>
          <button type="button" className="button button--approve" disabled={busy} onClick={() => void enrol()} data-testid="enrol-key">
            {t(state.status === 'unenrolled' ? 'signing.sendKey' : 'signing.createKey')}
          </button>
          <p className="field__hint">{t('signing.cliAlternative')}</p>
        </>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
    </section>
  );
}

function PartyKeys(props: { me: Me; orgs: readonly Org[]; orgId: string; keys: PartyKey[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const { me, orgs, orgId, keys } = props;
  const orgName = useMemo(() => orgNamer(orgs), [orgs]);
  const names = useActorNames(keys.flatMap((k) => [k.enrolledBy, k.approvedBy, k.revokedBy].filter((id): id is string => id !== null)));
  const nameOf = (id: string | null) => (id ? (names.get(id)?.name ?? names.get(id)?.role ?? id) : '');
  return (
    <section className="keys__party" data-testid="party-keys" data-org={orgId}>
      <h2>{orgName(orgId)}</h2>
      <ul className="keys__list">
        {keys.map((key) => (
          <KeyItem key={key.id} me={me} partyKey={key} nameOf={nameOf} onChanged={props.onChanged} />
        ))}
      </ul>
    </section>
  );
}

function KeyItem(props: { me: Me; partyKey: PartyKey; nameOf: (id: string | null) => string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { me, partyKey: key, nameOf } = props;
  const api = useApi();
  const when = useZonedDateTime(me.org.timeZone);
  const fingerprint = useFingerprint(key.publicKey);
  const [confirming, setConfirming] = useState<'approve' | 'revoke' | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const mayApprove = me.actions['key.approve'] !== undefined && key.status === 'pending';
  const mayRevoke = me.actions['key.revoke'] !== undefined && (key.status === 'pending' || key.status === 'active');

  async function change(kind: 'approve' | 'revoke') {
    setBusy(true);
    setError(null);
    try {
      await api<PartyKey>(`/api/v1/keys/${encodeURIComponent(key.id)}/${kind}`, { method: 'POST', ...(kind === 'revoke' && reason.trim() ? { body: { reason: reason.trim() } } : {}) });
      setConfirming(null);
      props.onChanged();
    } catch (err) {
      setError(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`keys__item keys__item--${key.status}`} data-testid="party-key" data-key-id={key.id} data-status={key.status}>
      <p className="keys__title">
        <strong>{key.label ?? t('signing.unlabelled')}</strong> <span className={`badge badge--key-${key.status}`}>{t(`signing.status.${key.status}`)}</span>
        {key.serverHeld && <span className="badge badge--key-retired">{t('signing.serverHeld')}</span>}
      </p>
      <p className="keys__fingerprint">
        {t('signing.fingerprint')}: <Fingerprint value={fingerprint} testId="key-fingerprint" />
      </p>
      <ul className="plain-list keys__history">
        <li>{t('signing.enrolled', { who: nameOf(key.enrolledBy), time: when(key.enrolledAt) })}</li>
        {key.approvedAt && <li data-testid="key-approved">{t('signing.approved', { who: nameOf(key.approvedBy), time: when(key.approvedAt) })}</li>}
        {key.revokedAt && <li>{t('signing.revoked', { who: nameOf(key.revokedBy), time: when(key.revokedAt), reason: key.revokeReason ?? '' })}</li>}
      </ul>
      <div className="actions__buttons">
        {mayApprove && (
          <button type="button" className="button button--approve" disabled={busy} onClick={() => setConfirming('approve')} data-testid="approve-key">
            {t('signing.approve')}
          </button>
        )}
        {mayRevoke && (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => setConfirming('revoke')} data-testid="revoke-key">
            {t('signing.revoke')}
          </button>
        )}
      </div>
      {confirming && (
        <ConfirmStep
          title={t(confirming === 'approve' ? 'signing.confirmApproveTitle' : 'signing.confirmRevokeTitle')}
          confirmLabel={t(confirming === 'approve' ? 'signing.approve' : 'signing.revoke')}
          danger={confirming === 'revoke'}
          busy={busy}
          onConfirm={() => void change(confirming)}
          onCancel={() => setConfirming(null)}
          testId="confirm-key"
        >
          <p>{t(confirming === 'approve' ? 'signing.confirmApproveFacts' : 'signing.confirmRevokeFacts', { who: nameOf(key.enrolledBy) })}</p>
          <p className="keys__fingerprint keys__fingerprint--large">
            <Fingerprint value={fingerprint} testId="confirm-fingerprint" />
          </p>
          {confirming === 'revoke' && (
            <div className="field">
              <label htmlFor={`revoke-${key.id}`}>{t('signing.revokeReason')}</label>
              <input id={`revoke-${key.id}`} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}
        </ConfirmStep>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
    </li>
  );
}
