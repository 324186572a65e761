import { useTranslation } from 'react-i18next';
import type { Corridor } from '../../api.ts';
import { currentLang } from '../../i18n/index.ts';

/**
 * The corridor's evidence bundle, for those the server's policy lets take it (`evidence` in the
 * corridor's allowedActions, from `corridor.evidence`: the mediator's staff, the corridor's parties; a party only ever sees corridors
 * that list it). A plain link: the session cookie goes with it and the server names the file. The
 * reader checks it offline with the CLI or at /verify, which asks the server nothing.
 */
export function EvidenceDownload({ corridor }: { corridor: Pick<Corridor, 'id' | 'allowedActions'> }) {
  const { t } = useTranslation();
  if (!corridor.allowedActions.includes('evidence')) return null;
  const corridorId = corridor.id;
  return (
    <section aria-labelledby="cd-evidence" className="corridor-evidence" data-testid="evidence">
      <h2 id="cd-evidence">{t('corridors.evidence.heading')}</h2>
      <p>{t('corridors.evidence.explain')}</p>
      <p className="corridor-evidence__links">
        <a className="button button--secondary" href={`/api/v1/corridors/${encodeURIComponent(corridorId)}/evidence`} download data-testid="evidence-download">
          {t('corridors.evidence.download')}
        </a>
        <a href={`/${currentLang()}/verify`} target="_blank" rel="noopener" data-testid="evidence-verify-link">
          {t('corridors.evidence.verify')}
        </a>
      </p>
    </section>
  );
}
