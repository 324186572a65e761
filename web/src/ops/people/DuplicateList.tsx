import { useTranslation } from 'react-i18next';
import { onLinkClick, personPath } from '../route.ts';
import { BirthDate, PersonName, usePersonWords } from './describe.tsx';

export interface DuplicateItem {
  id: string;
  score: number;
  /** Null when the record could not be read (its id and score still show). */
  person: { givenName: string; familyName: string; patronymic?: string | null; birthDate: string | null } | null;
}

/**
 * Likely duplicates, best first: score, name, birth date, each a link to the record. While a
 * registration is being typed the links open in a new tab, so nothing typed is lost.
 */
export function DuplicateList({ items, newTab }: { items: readonly DuplicateItem[]; newTab: boolean }) {
  const { t } = useTranslation();
  const words = usePersonWords();
  return (
    <ol className="person-rows person-rows--duplicates" data-testid="duplicate-list">
      {items.map((d) => (
        <li key={d.id} className="person-row" data-testid="duplicate-item" data-id={d.id}>
          <a
            className="person-row__link"
            href={personPath(d.id)}
            {...(newTab ? { target: '_blank', rel: 'noopener' } : { onClick: onLinkClick })}
          >
            <span className="score" title={t('people.scoreTitle')}>
              {words.score(d.score)}
            </span>
            <span className="person-row__main">
              {d.person ? <PersonName person={d.person} /> : <span className="muted">{t('people.unreadable')}</span>}
              {d.person && (
                <span className="person-row__meta">
                  {t('people.bornLabel')} <BirthDate value={d.person.birthDate} />
                </span>
              )}
              {newTab && <span className="visually-hidden"> {t('people.opensInNewTab')}</span>}
            </span>
          </a>
        </li>
      ))}
    </ol>
  );
}
