import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type AckDecision as Decision, type Me, type Movement } from '../../api.ts';
import { signingErrorKey, type SigningErrorKey } from '../../signing/signing-errors.ts';
import { movementAnswerOnScreen } from '../../signing/statements-on-screen.ts';
import { useSigningKey } from '../../signing/useSigningKey.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { SigningKeyNotice } from '../SigningKeyNotice.tsx';

interface AckDecisionProps {
  me: Me;
  movement: Movement;
  onDecided: (movement: Movement, decision: Decision) => void;
}

type DecisionError = RequestErrorKey | SigningErrorKey | 'movements.ack.commentRequired' | 'movements.ack.alreadyAnswered';

/**
 * A liaison officer's answer to a notification: acknowledge receipt, or deny with a comment.
 * What an acknowledgement means is said next to the buttons, every time. The answer is signed on
 * this device over the notification as shown.
 */
export function AckDecision({ me, movement, onDecided }: AckDecisionProps) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DecisionError | null>(null);
  const signing = useSigningKey(me.id, api);
  const canSign = signing.state.status === 'active';

  async function decide(decision: Decision) {
    if (decision === 'deny' && !comment.trim()) {
      setError('movements.ack.commentRequired');
      document.getElementById(`${id}-comment`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { keyId, signedAt, signature } = await signing.sign((at) => movementAnswerOnScreen(movement, decision, me.orgId, at));
      const body = { decision, keyId, signedAt, signature, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      const updated = await api<Movement>(`/api/v1/movements/${encodeURIComponent(movement.id)}/acknowledgements`, { method: 'POST', body });
      setComment('');
      onDecided(updated, decision);
    } catch (err) {
      const signingError = signingErrorKey(err);
      if (signingError) setError(signingError);
      else if (err instanceof ApiError && err.status === 409) setError('movements.ack.alreadyAnswered');
      else setError(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  const commentInvalid = error === 'movements.ack.commentRequired';
  return (
    <div className="ack-decision">
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('movements.ack.comment')}</label>
        <textarea
          id={`${id}-comment`}
          rows={2}
          value={comment}
          aria-invalid={commentInvalid}
          aria-describedby={commentInvalid ? `${id}-err` : undefined}
          onChange={(e) => {
            setComment(e.target.value);
            if (commentInvalid) setError(null);
          }}
        />
      </div>
      <p className="ack-meaning" data-testid="ack-meaning">
        {t('movements.ack.meaning')}
      </p>
      <SigningKeyNotice signing={signing} />
      <div className="actions__buttons">
        <button type="button" className="button button--approve" disabled={busy || !canSign} onClick={() => decide('acknowledge')} data-testid="acknowledge">
          {t('movements.ack.acknowledge')}
        </button>
        <button type="button" className="button button--danger" disabled={busy || !canSign} onClick={() => decide('deny')} data-testid="deny">
          {t('movements.ack.deny')}
        </button>
      </div>
      {error && (
        <p id={`${id}-err`} className="notice notice--error" role="alert" data-testid="ack-error">
          {t(error)}
        </p>
      )}
    </div>
  );
}
