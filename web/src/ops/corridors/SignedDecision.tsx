import { useTranslation } from 'react-i18next';
import type { Approval, SignedApproval } from '../../api.ts';
import { Copyable } from './Copyable.tsx';

interface SignedDecisionProps {
  /** This party's decision on the version: the answer just signed, or the one already recorded. */
  decision: SignedApproval | Approval;
  /** The exact text this device signed, shown beside the server's copy of it; null if signed elsewhere or earlier. */
  signedHere: string | null;
  when: (iso: string) => string;
}

/** The party's decision on the current version: its signature, public key and the signed statement. */
export function SignedDecision({ decision, signedHere, when }: SignedDecisionProps) {
  const { t } = useTranslation();
  return (
    <div className="approval-panel__signed" data-testid="signed-decision" data-decision={decision.decision}>
      <p className={`approval-panel__result approval-panel__result--${decision.decision}`}>
        {t(decision.decision === 'approve' ? 'corridors.approval.youApproved' : 'corridors.approval.youRejected', {
          version: decision.version,
          time: when(decision.signedAt),
        })}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('corridors.approvals.signature')}</dt>
          <dd>
            <Copyable value={decision.signature} label={t('corridors.approvals.signature')} testId="signed-signature" />
          </dd>
        </div>
        <div>
          <dt>{t('corridors.approval.publicKey')}</dt>
          <dd>
            <Copyable value={decision.publicKey} label={t('corridors.approval.publicKey')} testId="signed-public-key" />
          </dd>
        </div>
        {signedHere && (
          <div>
            <dt>{t('signing.signedHere')}</dt>
            <dd>
              <pre className="approval-panel__payload" data-testid="device-statement">
                {signedHere}
              </pre>
            </dd>
          </div>
        )}
        {decision.signedPayload && (
          <div>
            <dt>{t('corridors.approval.signedPayload')}</dt>
            <dd>
              <pre className="approval-panel__payload" data-testid="signed-payload">
                {decision.signedPayload}
              </pre>
            </dd>
          </div>
        )}
      </dl>
      <p className="field__hint">{t('corridors.approval.verifyHint')}</p>
    </div>
  );
}
