import { useTranslation } from 'react-i18next';
import { InstantTime } from '../../time/WindowTime.tsx';
import { useErrorText } from '../../ui/form-errors.ts';
import { WarningList } from './describe.tsx';
import type { CheckState } from './movementDraft.ts';

/** What the server's check says before anything is sent: warnings, who must acknowledge, by when. */
export function MovementCheckPanel({
  check,
  checking,
  zones,
  zone,
  orgName,
  fieldLabel,
}: {
  check: CheckState;
  checking: boolean;
  zones: readonly string[];
  zone: string;
  orgName: (id: string) => string;
  fieldLabel: (path: string) => string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <section
      className={`check-panel${checking ? ' check-panel--checking' : ''}`}
      aria-labelledby="check-heading"
      aria-busy={checking}
      data-testid="movement-check"
      data-state={checking ? 'checking' : check.kind}
    >
      <h2 id="check-heading" className="check-panel__heading">
        {t('movements.form.check.heading')}
        {checking && <span className="check-panel__busy"> {t('movements.form.check.checking')}</span>}
      </h2>
      {check.kind === 'incomplete' && !checking && <p className="muted">{t('movements.form.check.incomplete')}</p>}
      {check.kind === 'failed' && <p className="notice notice--error">{t(check.key)}</p>}
      {check.kind === 'problem' && (
        <div className="notice notice--error" data-testid="check-problems">
          <p>{t('movements.form.check.problems')}</p>
          <ul className="problem-list">
            {check.errors.map((e, i) => (
              <li key={`${e.path}-${i}`} data-path={e.path}>
                {fieldLabel(e.path)}: {errorText(e)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {check.kind === 'done' && (
        <>
          <h3 className="check-panel__sub">{t('movements.warnings.heading')}</h3>
          <WarningList warnings={check.result.warnings} zone={zone} testId="movement-warnings" />
          <h3 className="check-panel__sub">{t('movements.form.check.mustAcknowledge')}</h3>
          <ul className="plain-list" data-testid="required-acks">
            {check.result.requiredAcknowledgements.map((p) => (
              <li key={p} data-party={p}>
                {orgName(p)}
              </li>
            ))}
          </ul>
          <h3 className="check-panel__sub">{t('movements.form.check.deadline')}</h3>
          <p data-testid="ack-deadline" data-instant={check.result.acknowledgementDeadline}>
            <InstantTime instant={check.result.acknowledgementDeadline} zones={zones} />
          </p>
          <p className="ack-meaning">{t('movements.ack.meaning')}</p>
        </>
      )}
    </section>
  );
}
