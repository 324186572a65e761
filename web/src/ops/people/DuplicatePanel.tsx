import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DuplicateList } from './DuplicateList.tsx';
import type { usePeopleSearch } from './describe.tsx';
import { MAX_SHOWN_DUPLICATES } from './personDraft.ts';

/** What the live check found while the name is typed. */
export function DuplicatePanel({ check, named }: { check: ReturnType<typeof usePeopleSearch>['state']; named: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const all = check.kind === 'done' ? check.items : check.kind === 'searching' ? check.items : null;
  const items = all ? all.slice(0, MAX_SHOWN_DUPLICATES) : null;
  const found = items && items.length > 0;
  return (
    <section className={`duplicates${found ? ' duplicates--found' : ''}`} aria-labelledby={headingId} data-testid="duplicate-check" data-state={check.kind}>
      <h2 id={headingId}>{t('people.duplicates.heading')}</h2>
      <div aria-live="polite">
        {!named && <p className="muted">{t('people.duplicates.prompt')}</p>}
        {named && check.kind === 'searching' && <p className="muted">{t('people.duplicates.checking')}</p>}
        {named && check.kind === 'done' && !found && <p>{t('people.duplicates.none')}</p>}
        {named && check.kind === 'failed' && <p className="notice notice--error">{t('people.duplicates.failed')}</p>}
        {named && found && <p className="duplicates__warning">{t('people.duplicates.warning')}</p>}
      </div>
      {named && found && items && <DuplicateList items={items.map((p) => ({ id: p.id, score: p.score, person: p }))} newTab />}
    </section>
  );
}
