import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../ui/BackLink.tsx';
import { onLinkClick, PEOPLE_BASE, personPath } from '../route.ts';
import { DuplicateList } from './DuplicateList.tsx';
import { FlaggedElsewhere } from './FlaggedElsewhere.tsx';
import { PersonName } from './describe.tsx';
import type { Saved } from './personDraft.ts';

/** After saving: the record, the server's likely duplicates (read by id), and a way to register the next person. */
export function PersonSaved({ saved, onAnother }: { saved: Saved; onAnother: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="people person-saved" data-testid="person-saved" data-id={saved.id}>
      <BackLink href={PEOPLE_BASE} label={t('people.back')} />
      <h1 className="people__title">{t('people.form.savedHeading')}</h1>
      <p className="notice notice--ok" role="status">
        {t('people.form.saved')} <PersonName person={saved.person} />
      </p>
      {saved.duplicates === null && <p role="status">{t('people.duplicates.loading')}</p>}
      {saved.duplicates && saved.duplicates.length > 0 && (
        <section className="duplicates duplicates--found" aria-labelledby={`${id}-dup-saved`}>
          <h2 id={`${id}-dup-saved`}>{t('people.duplicates.afterSaveHeading')}</h2>
          <p>{t('people.duplicates.afterSaveIntro')}</p>
          <DuplicateList items={saved.duplicates} newTab={false} />
        </section>
      )}
      {saved.duplicates && saved.duplicates.length === 0 && <p>{t('people.duplicates.noneAfterSave')}</p>}
      <FlaggedElsewhere items={saved.elsewhere} />
      <div className="toolbar">
        <a className="button" href={personPath(saved.id)} onClick={onLinkClick} data-testid="person-open">
          {t('people.form.openRecord')}
        </a>
        <button
          type="button"
          className="button button--secondary"
          data-testid="person-another"
          onClick={onAnother}
        >
          {t('people.form.another')}
        </button>
      </div>
    </div>
  );
}
