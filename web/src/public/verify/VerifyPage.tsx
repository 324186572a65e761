import { useCallback, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceReport } from '../../../../src/domain/evidence/report.ts';
import { verifyEvidenceBundle } from '../../../../src/domain/evidence/verify.ts';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { currentLang } from '../../i18n/index.ts';
import { VerifyReport } from './VerifyReport.tsx';

/**
 * `/verify`: anyone (a journalist, a court clerk) drops a corridor's evidence bundle and this page
 * checks it with the same verifier as `safe-passage evidence verify` (src/domain/evidence), with
 * WebCrypto in this browser. The file is read locally and nothing is fetched after the page loads,
 * so the answer does not depend on trusting the server that served the bundle.
 */
interface Checked {
  name: string;
  size: number;
  report: EvidenceReport;
}

const keysOf = (text: string): string[] =>
  text
    .split(/\s+/)
    .map((k) => k.trim())
    .filter(Boolean);

export function VerifyPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; size: number; text: string } | null>(null);
  const [logKey, setLogKey] = useState('');
  const [witnesses, setWitnesses] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  const run = useCallback(
    async (f: { name: string; size: number; text: string }) => {
      setBusy(true);
      const report = await verifyEvidenceBundle(f.text, { logKey: logKey.trim() || undefined, witnessKeys: keysOf(witnesses) });
      setChecked({ name: f.name, size: f.size, report });
      setBusy(false);
    },
    [logKey, witnesses],
  );

  const take = async (picked: File | undefined) => {
    if (!picked) return;
    const f = { name: picked.name, size: picked.size, text: await picked.text() };
    setFile(f);
    await run(f);
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    void take(event.dataTransfer.files[0]);
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <p className="site-header__brand">{t('app.name')}</p>
          <LangSwitch />
        </div>
      </header>
      <main id="main" className="public-main verify">
        <h1 className="verify__title">{t('verify.heading')}</h1>
        <p>{t('verify.lead')}</p>
        <p className="verify__offline">{t('verify.offline')}</p>

        <label
          className={`verify__drop${dragging ? ' verify__drop--over' : ''}`}
          data-testid="verify-drop"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <span className="verify__drop-text">{t('verify.drop')}</span>
          <span className="verify__drop-or">{t('verify.or')}</span>
          <span className="verify__choose">{t('verify.choose')}</span>
          <input
            className="visually-hidden"
            type="file"
            accept=".json,application/json"
            data-testid="verify-file"
            onChange={(event) => void take(event.target.files?.[0])}
          />
        </label>

        <div aria-live="polite">
          {busy && <p>{t('verify.reading')}</p>}
          {!busy && checked && <VerifyReport name={checked.name} size={checked.size} report={checked.report} />}
        </div>

        <details className="verify__options">
          <summary>{t('verify.options.heading')}</summary>
          <p className="field__hint">{t('verify.options.explain')}</p>
          <div className="field">
            <label htmlFor="verify-log-key">{t('verify.options.logKey')}</label>
            <input id="verify-log-key" type="text" spellCheck={false} autoComplete="off" value={logKey} onChange={(e) => setLogKey(e.target.value)} aria-describedby="verify-log-key-hint" />
            <p className="field__hint" id="verify-log-key-hint">
              {t('verify.options.logKeyHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="verify-witnesses">{t('verify.options.witnesses')}</label>
            <textarea id="verify-witnesses" rows={3} spellCheck={false} value={witnesses} onChange={(e) => setWitnesses(e.target.value)} aria-describedby="verify-witnesses-hint" />
            <p className="field__hint" id="verify-witnesses-hint">
              {t('verify.options.witnessesHint')}
            </p>
          </div>
          <button type="button" className="verify__again" disabled={!file || busy} onClick={() => file && void run(file)}>
            {t('verify.options.again')}
          </button>
        </details>

      </main>
      <footer className="site-footer">
        <a href={`/?lang=${currentLang()}`}>{t('verify.toCorridors')}</a>
      </footer>
    </>
  );
}
