import { useTranslation } from 'react-i18next';
import type { Corridor, CorridorVersion, Me } from '../../api.ts';
import { ConfirmStep } from '../../ui/ConfirmStep.tsx';
import { SigningKeyNotice } from '../SigningKeyNotice.tsx';
import type { ApprovalDecision } from './useApprovalDecision.ts';

interface DecisionStepProps {
  me: Me;
  corridor: Corridor;
  /** The version on screen: the one signed. */
  current: CorridorVersion;
  form: ApprovalDecision;
}

/** The comment, Approve or Reject, and the confirmation restating the version and its hash before signing. */
export function DecisionStep({ me, corridor, current, form }: DecisionStepProps) {
  const { t } = useTranslation();
  const { comment, setComment, busy, error, signing, canSign, confirming, setConfirming, decide } = form;
  return (
    <div className="approval-panel__decide">
      <p className="field__hint">{t('corridors.approval.finalNote', { version: current.version })}</p>
      <div className="field">
        <label htmlFor="approval-comment">{t('corridors.approval.comment')}</label>
        <textarea
          id="approval-comment"
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-invalid={error === 'corridors.approval.commentRequired'}
        />
      </div>
      <SigningKeyNotice signing={signing} />
      <div className="actions__buttons">
        <button type="button" className="button button--approve" onClick={() => setConfirming('approve')} aria-expanded={confirming === 'approve'} disabled={busy || !canSign} data-testid="approve">
          {t('corridors.approval.approve', { version: current.version })}
        </button>
        <button type="button" className="button button--danger" onClick={() => setConfirming('reject')} aria-expanded={confirming === 'reject'} disabled={busy || !canSign} data-testid="reject">
          {t('corridors.approval.reject', { version: current.version })}
        </button>
      </div>
      {confirming && (
        <ConfirmStep
          title={t(confirming === 'approve' ? 'corridors.confirm.approveTitle' : 'corridors.confirm.rejectTitle', { version: current.version, party: me.org.name })}
          confirmLabel={t(confirming === 'approve' ? 'corridors.confirm.approveConfirm' : 'corridors.confirm.rejectConfirm', { version: current.version })}
          danger={confirming === 'reject'}
          busy={busy}
          onConfirm={() => {
            const chosen = confirming;
            setConfirming(null);
            void decide(chosen);
          }}
          onCancel={() => setConfirming(null)}
          testId="confirm-decision"
        >
          <p>{t('corridors.confirm.decisionFacts', { version: current.version, name: corridor.name })}</p>
          <p>
            {t('corridors.confirm.contentHash')} <code className="confirm-step__hash" data-testid="confirm-hash">{current.versionHash}</code>
          </p>
          <SigningKeyNotice signing={signing} />
        </ConfirmStep>
      )}
    </div>
  );
}
