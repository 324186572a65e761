import { useEffect, useId, useRef, type ReactNode } from 'react';
import './confirm-step.css';
import { useTranslation } from 'react-i18next';

interface ConfirmStepProps {
  /** What is about to be done, as a question ("Start the convoy now?"). */
  title: string;
  /** The facts restated: what exactly will be recorded, and for whom. */
  children: ReactNode;
  /** Things to look at before confirming (early start, people not boarded…). */
  warnings?: readonly string[];
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** False while something the step needs is missing (a reason); the button stays disabled. */
  ready?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}

/**
 * A confirmation in place, before a step that cannot simply be taken back (a signature, a start,
 * an abort): it restates what will be done, shows any warning, and needs a second, deliberate
 * press. In the page rather than a modal so it reads the same on a phone and with a screen reader.
 */
export function ConfirmStep({ title, children, warnings = [], confirmLabel, danger = false, busy = false, ready = true, onConfirm, onCancel, testId }: ConfirmStepProps) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="confirm-step" role="alertdialog" aria-labelledby={`${id}-title`} data-testid={testId}>
      <h3 id={`${id}-title`} className="confirm-step__title" tabIndex={-1} ref={heading}>
        {title}
      </h3>
      <div className="confirm-step__facts">{children}</div>
      {warnings.length > 0 && (
        <ul className="confirm-step__warnings" data-testid={`${testId}-warnings`}>
          {warnings.map((w) => (
            <li key={w} className="notice" data-testid="confirm-warning">
              {w}
            </li>
          ))}
        </ul>
      )}
      <div className="confirm-step__buttons">
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy} data-testid={`${testId}-cancel`}>
          {t('app.cancel')}
        </button>
        <button type="button" className={`button${danger ? ' button--danger' : ' button--approve'}`} onClick={onConfirm} disabled={busy || !ready} data-testid={`${testId}-confirm`}>
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
