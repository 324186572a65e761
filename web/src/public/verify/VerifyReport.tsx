import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceCheck, EvidenceFinding, EvidenceReport } from '../../../../src/domain/evidence/report.ts';
import i18next from 'i18next';
import type en from '../../i18n/en/public.json';

/**
 * The verifier's answer in the reader's language: the verdict, each check with what it looked at,
 * then every failure named by its stable code (worded in web/src/i18n) and where it is in the file
 * (the JSON path), with the verifier's own English sentence as the technical detail.
 */
type Code = keyof typeof en.verify.code;
// Asks the loaded strings, not a copy of the English file: importing it would put English into every reader's page.
const isCode = (code: string): code is Code => i18next.exists(`verify.code.${code}`);

function Finding({ finding, check }: { finding: EvidenceFinding; check: string }) {
  const { t } = useTranslation();
  return (
    <li className="verify__finding" data-testid="verify-finding" data-code={finding.code}>
      <p className="verify__finding-what">{t(`verify.code.${isCode(finding.code) ? finding.code : 'unknown'}`)}</p>
      <p className="verify__finding-where">
        {check} · {t('verify.where')}: <code>{finding.path}</code>
      </p>
      <details>
        <summary>{t('verify.detail')}</summary>
        <p className="verify__finding-detail" lang="en">
          {finding.code}: {finding.message}
        </p>
      </details>
    </li>
  );
}

export function VerifyReport({ name, size, report }: { name: string; size: number; report: EvidenceReport }) {
  const { t } = useTranslation();
  const checkName = (check: EvidenceCheck) => t(`verify.check.${check}`);
  // On a phone the answer is below the drop zone: take the reader (and a screen reader) to it.
  const verdict = useRef<HTMLHeadingElement>(null);
  useEffect(() => verdict.current?.focus(), [report]);
  return (
    <section className={`verify__report verify__report--${report.ok ? 'ok' : 'failed'}`} data-testid="verify-report" data-ok={String(report.ok)}>
      <h2 className="verify__verdict" data-testid="verify-verdict" tabIndex={-1} ref={verdict}>
        <span aria-hidden="true">{report.ok ? '✓ ' : '✗ '}</span>
        {report.ok ? t('verify.result.ok') : t('verify.result.failed', { count: report.failures.length })}
      </h2>
      <p>{report.ok ? t('verify.result.okDetail') : t('verify.result.failedDetail')}</p>
      <p className="verify__file">{t('verify.file', { name, size: Math.max(1, Math.round(size / 1024)) })}</p>

      {report.failures.length > 0 && (
        <>
          <h3>{t('verify.failuresHeading')}</h3>
          <ul className="verify__findings" data-testid="verify-failures">
            {report.failures.map((f, i) => (
              <Finding key={i} finding={f} check={checkName(f.check)} />
            ))}
          </ul>
        </>
      )}

      <h3>{t('verify.checksHeading')}</h3>
      <ul className="verify__checks">
        {report.checks.map((c) => {
          const state = c.failed > 0 ? 'failed' : c.checked > 0 ? 'ok' : 'none';
          return (
            <li key={c.check} className={`verify__check verify__check--${state}`} data-testid={`verify-check-${c.check}`} data-state={state}>
              <span className="verify__check-mark" aria-hidden="true">
                {state === 'failed' ? '✗' : state === 'ok' ? '✓' : '–'}
              </span>
              <span className="verify__check-name">{checkName(c.check)}</span>
              <span className="verify__check-count">
                {state === 'none' ? t('verify.notChecked') : t('verify.checked', { count: c.checked })}
                {c.failed > 0 && `, ${t('verify.failedCount', { count: c.failed })}`}
              </span>
            </li>
          );
        })}
      </ul>

      {report.warnings.length > 0 && (
        <>
          <h3>{t('verify.warningsHeading')}</h3>
          <ul className="verify__findings verify__findings--warn" data-testid="verify-warnings">
            {report.warnings.map((w, i) => (
              <Finding key={i} finding={w} check={checkName(w.check)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
