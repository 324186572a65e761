import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type IncidentRecord, type IncidentStatement, type Me } from '../../api.ts';
import { signingErrorKey, type SigningErrorKey } from '../../signing/signing-errors.ts';
import { incidentStatementOnScreen } from '../../signing/statements-on-screen.ts';
import { useSigningKey } from '../../signing/useSigningKey.ts';
import { sha256Hex, verifyText } from '../../signing/webcrypto.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { Fingerprint, SigningKeyNotice, useFingerprint } from '../SigningKeyNotice.tsx';

type Verdict = 'checking' | 'verified' | 'failed';

/**
 * Decided here, not taken from the server: the text hashes to the statement's `textHash`, the
 * statement names this incident, party and time, and the signature holds with the public key.
 */
async function verdictOf(s: IncidentStatement, incidentId: string): Promise<Verdict> {
  if (s.key && s.key.publicKey !== s.publicKey) return 'failed';
  let said: Record<string, unknown>;
  try {
    said = JSON.parse(s.signedPayload) as Record<string, unknown>;
  } catch {
    return 'failed';
  }
  const textHash = await sha256Hex(s.text);
  const claims =
    said.statement === 'safe-passage/incident-statement/1' && said.incidentId === incidentId && said.partyId === s.partyId && said.signedAt === s.signedAt && said.textHash === textHash;
  if (!claims) return 'failed';
  return (await verifyText(s.signedPayload, s.signature, s.publicKey)) ? 'verified' : 'failed';
}

interface StatementsProps {
  record: IncidentRecord;
  orgName: (id: string) => string;
  who: (id: string | null) => string;
  when: (iso: string) => string;
}

/** Each party's own account beside the incident, in its own words, none above another. */
export function IncidentStatements({ record, orgName, who, when }: StatementsProps) {
  const { t } = useTranslation();
  const [verdicts, setVerdicts] = useState<Verdict[]>([]);
  useEffect(() => {
    let live = true;
    setVerdicts(record.statements.map(() => 'checking'));
    void Promise.all(record.statements.map((s) => verdictOf(s, record.id))).then((found) => live && setVerdicts(found));
    return () => {
      live = false;
    };
  }, [record]);
  return (
    <section aria-labelledby="incident-statements" data-testid="incident-statements">
      <h2 id="incident-statements">{t('incidents.statements.heading')}</h2>
      <p className="field__hint">{t('incidents.statements.intro')}</p>
      {record.statements.length === 0 ? (
        <p className="muted">{t('incidents.statements.none')}</p>
      ) : (
        <ul className="incident-statements">
          {record.statements.map((s, i) => (
            <StatementRow key={s.id} statement={s} verdict={verdicts[i] ?? 'checking'} orgName={orgName} who={who} when={when} />
          ))}
        </ul>
      )}
    </section>
  );
}

function StatementRow({ statement: s, verdict, orgName, who, when }: { statement: IncidentStatement; verdict: Verdict; orgName: (id: string) => string; who: (id: string | null) => string; when: (iso: string) => string }) {
  const { t } = useTranslation();
  const fingerprint = useFingerprint(s.publicKey);
  return (
    <li className="incident-statement" data-testid="incident-statement" data-party={s.partyId} data-verdict={verdict}>
      <strong className="incident-statement__party">{orgName(s.partyId)}</strong>
      {/* The party's words as signed: no translation, no editing. */}
      <blockquote className="incident-statement__text" data-testid="statement-text">
        {s.text}
      </blockquote>
      <span className="muted">{t('incidents.statements.signedBy', { user: who(s.userId), time: when(s.signedAt) })}</span>
      <span>
        {t('signing.key')}: {s.key?.label ?? t('signing.unlabelled')} <Fingerprint value={fingerprint} />
      </span>
      <span className={`signature-verdict signature-verdict--${verdict}`} data-testid="statement-verdict" role="status">
        {t(`signing.verdict.${verdict}`)}
      </span>
    </li>
  );
}

type FormError = RequestErrorKey | SigningErrorKey | 'incidents.statements.empty';

/** A liaison writes the party's own account and signs it on this device, as approvals are signed. */
export function StatementForm({ me, incidentId, onStated }: { me: Me; incidentId: string; onStated: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const signing = useSigningKey(me.id, api);

  async function submit() {
    if (!/\S/.test(text)) {
      setError('incidents.statements.empty');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { keyId, signedAt, signature } = await signing.sign((at) => incidentStatementOnScreen(incidentId, me.orgId, text, at));
      await api<IncidentStatement>(`/api/v1/incidents/${encodeURIComponent(incidentId)}/statements`, { method: 'POST', body: { text, keyId, signedAt, signature } });
      setText('');
      onStated();
    } catch (err) {
      const signingError = signingErrorKey(err);
      if (signingError) setError(signingError);
      else setError(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="statement-form" aria-labelledby={`${id}-heading`} data-testid="statement-form">
      <h2 id={`${id}-heading`}>{t('incidents.statements.formHeading', { org: me.org.name })}</h2>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('incidents.statements.text')}</label>
        <textarea id={`${id}-text`} rows={4} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} data-testid="statement-input" />
      </div>
      <p className="field__hint">{t('incidents.statements.meaning')}</p>
      <SigningKeyNotice signing={signing} />
      <button type="button" className="button" disabled={busy || signing.state.status !== 'active'} onClick={() => void submit()} data-testid="sign-statement">
        {t('incidents.statements.sign')}
      </button>
      {error && (
        <p className="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
    </section>
  );
}
