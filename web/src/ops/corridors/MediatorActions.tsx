import type { CorridorStep } from '../../../../src/domain/next-steps.ts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Corridor, type ProblemFieldError } from '../../api.ts';
import { ConfirmStep } from '../../ui/ConfirmStep.tsx';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { onLinkClick, corridorPath } from '../route.ts';
import { useApi } from '../session.tsx';
import { MissingForProposal } from './ProblemList.tsx';

type ActionName = 'suspend' | 'resume' | 'close';
const CONTROLS: readonly ActionName[] = ['suspend', 'resume', 'close'];
/** The steps the mediator's action bar offers; the server says which of them this user may take now. */
export const MEDIATOR_STEPS: readonly CorridorStep[] = ['amend', 'propose', ...CONTROLS];

/** Edit, propose, suspend, resume, close: what the mediator may do in the corridor's state. */
export function MediatorActions({
  corridor,
  onChanged,
}: {
  corridor: Corridor;
  onChanged: (corridor?: Corridor) => void;
}) {
  const api = useApi();
  const { t } = useTranslation();
  const [action, setAction] = useState<ActionName | null>(null);
  const [reason, setReason] = useState('');
  const [confirmingPropose, setConfirmingPropose] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [missing, setMissing] = useState<ProblemFieldError[] | null>(null);
  const base = `/api/v1/corridors/${encodeURIComponent(corridor.id)}`;
  const status = corridor.status;
  const available = CONTROLS.filter((name) => corridor.allowedActions.includes(name));

  function handle(err: unknown) {
    if (err instanceof ApiError && err.status === 422 && err.problem?.errors?.length) setMissing(err.problem.errors);
    else setError(requestErrorKey(err));
  }

  async function propose() {
    setBusy(true);
    setError(null);
    setMissing(null);
    try {
      onChanged(await api<Corridor>(`${base}/propose`, { method: 'POST' }));
    } catch (err) {
      handle(err);
    } finally {
      setBusy(false);
    }
  }

  async function submitAction(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!action || !reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Corridor>(`${base}/${action}`, { method: 'POST', body: { reason: reason.trim() } });
      setAction(null);
      setReason('');
      onChanged(updated);
    } catch (err) {
      handle(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="actions" aria-label={t('corridors.actions.label')}>
      <div className="actions__buttons">
        {corridor.allowedActions.includes('amend') && (
          <a className="button button--secondary" href={`${corridorPath(corridor.id)}/edit`} onClick={onLinkClick} data-testid="amend">
            {status === 'draft' ? t('corridors.actions.edit') : t('corridors.actions.amend')}
          </a>
        )}
        {corridor.allowedActions.includes('propose') && (
          <button type="button" className="button" onClick={() => setConfirmingPropose(true)} aria-expanded={confirmingPropose} disabled={busy} data-testid="propose">
            {t('corridors.actions.propose')}
          </button>
        )}
        {available.map((name) => (
          <button
            key={name}
            type="button"
            className={`button ${name === 'resume' ? '' : 'button--danger'}`}
            aria-pressed={action === name}
            onClick={() => {
              setAction(action === name ? null : name);
              setError(null);
            }}
            data-testid={name}
          >
            {t(`corridors.actions.${name}`)}
          </button>
        ))}
      </div>
      {confirmingPropose && (
        <ConfirmStep
          title={t('corridors.confirm.proposeTitle')}
          confirmLabel={t('corridors.confirm.proposeConfirm')}
          busy={busy}
          onConfirm={() => {
            setConfirmingPropose(false);
            void propose();
          }}
          onCancel={() => setConfirmingPropose(false)}
          testId="confirm-propose"
        >
          <p>{t('corridors.confirm.proposeVersion', { version: corridor.version })}</p>
          <p>{t('corridors.confirm.proposeFacts')}</p>
        </ConfirmStep>
      )}
      {missing && <MissingForProposal errors={missing} />}
      {action && (
        <form className="actions__reason" onSubmit={submitAction} data-testid="reason-form">
          <div className="field">
            <label htmlFor="action-reason">{t('corridors.actions.reason')}</label>
            <textarea id="action-reason" required value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
            <p className="field__hint">{t(`corridors.actions.${action}Hint`)}</p>
          </div>
          <button type="submit" className="button" disabled={busy || !reason.trim()} data-testid="confirm-action">
            {t(`corridors.actions.${action}Confirm`)}
          </button>
        </form>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
    </section>
  );
}
