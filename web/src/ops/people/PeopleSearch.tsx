import { useId, useMemo, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, Org } from '../../api.ts';
import { BIRTH_DATE_PROBLEM_KEY, BirthDateFields, readBirthDate, type BirthDateParts } from '../../components/BirthDateFields.tsx';
import { orgNamer } from '../../ui/format.ts';
import { FieldErrors } from '../FormFields.tsx';
import { onLinkClick, PEOPLE_BASE, personPath } from '../route.ts';
import { BirthDate, PersonName, usePeopleSearch, usePersonWords, type NameQuery } from './describe.tsx';
import { mayDo } from '../rights.ts';
import { searchesAllOrgs } from './fields.ts';

export interface PeopleSearchInput {
  name: string;
  birth: BirthDateParts;
  /** Set: the search lists this household instead of matching a name. */
  householdId?: string;
}

interface PeopleSearchProps {
  me: Me;
  orgs: readonly Org[];
  input: PeopleSearchInput;
  onInput: (input: PeopleSearchInput) => void;
}

/** The server asks for at least this many letters. */
const MIN_NAME = 2;

/** /ops/people: one name box and an optional birth date; matches best first, across scripts. */
export function PeopleSearch({ me, orgs, input, onInput }: PeopleSearchProps) {
  const { t } = useTranslation();
  const id = useId();
  const words = usePersonWords();
  const orgName = useMemo(() => orgNamer(orgs), [orgs]);
  const allOrgs = searchesAllOrgs(me);
  const birth = readBirthDate(input.birth);
  const name = input.name.trim();
  const household = input.householdId?.trim() ?? '';
  const query: NameQuery | null = household
    ? { householdId: household }
    : name.length >= MIN_NAME && !birth.problem
      ? { name, ...(birth.value ? { birthDate: birth.value } : {}) }
      : null;
  const { state, searchNow } = usePeopleSearch(query);
  const items = state.kind === 'done' ? state.items : state.kind === 'searching' ? state.items : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    searchNow();
  }

  return (
    <div className="people">
      <div className="people__head">
        <h1 className="people__title">{t('people.searchHeading')}</h1>
        <a className="button button--secondary" href={`${PEOPLE_BASE}/sites`} onClick={onLinkClick} data-testid="people-sites">
          {t('people.sites.link')}
        </a>
        {(mayDo(me, 'person.resolve') || mayDo(me, 'person.flag')) && (
          <a className="button button--secondary" href={`${PEOPLE_BASE}/desk`} onClick={onLinkClick} data-testid="people-desk">
            {t(mayDo(me, 'person.resolve') ? 'people.desk.link' : 'people.desk.linkOwn')}
          </a>
        )}
        {mayDo(me, 'person.register') && (
          <a className="button" href={`${PEOPLE_BASE}/new`} onClick={onLinkClick} data-testid="person-new">
            {t('people.new')}
          </a>
        )}
      </div>
      <p className="people__intro">{t(allOrgs ? 'people.searchIntroDesk' : 'people.searchIntro')}</p>
      <form className="people-search" role="search" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('people.searchName')}</label>
          <input
            id={`${id}-name`}
            type="search"
            autoComplete="off"
            spellCheck={false}
            value={input.name}
            aria-describedby={`${id}-name-hint`}
            onChange={(e) => onInput({ ...input, name: e.target.value })}
            data-testid="people-search"
          />
          <p id={`${id}-name-hint`} className="field__hint">
            {t('people.searchNameHint')}
          </p>
        </div>
        <BirthDateFields
          id={`${id}-birth`}
          legend={t('people.searchBirthDate')}
          parts={input.birth}
          invalid={birth.problem !== null}
          onChange={(parts) => onInput({ ...input, birth: parts })}
        >
          <FieldErrors id={`${id}-birth-err`} errors={birth.problem ? [{ path: '/birthDate', message: '', key: BIRTH_DATE_PROBLEM_KEY[birth.problem] }] : []} />
        </BirthDateFields>
        <div className="field">
          <label htmlFor={`${id}-household`}>{t('people.searchHousehold')}</label>
          <input
            id={`${id}-household`}
            type="search"
            className="mono"
            autoComplete="off"
            spellCheck={false}
            value={input.householdId ?? ''}
            aria-describedby={`${id}-household-hint`}
            onChange={(e) => onInput({ ...input, householdId: e.target.value })}
            data-testid="people-search-household"
          />
          <p id={`${id}-household-hint`} className="field__hint">
            {t('people.searchHouseholdHint')}
          </p>
        </div>
        <button type="submit" className="button" disabled={!query}>
          {t('people.searchButton')}
        </button>
      </form>

      <section className="people-results" aria-labelledby={`${id}-results`} aria-busy={state.kind === 'searching'}>
        <h2 id={`${id}-results`} className="visually-hidden">
          {t('people.resultsHeading')}
        </h2>
        <div aria-live="polite">
          {state.kind === 'idle' && <p className="muted">{t('people.searchPrompt')}</p>}
          {state.kind === 'searching' && <p className="muted">{t('people.searching')}</p>}
          {state.kind === 'failed' && (
            <p className="notice notice--error" role="alert">
              {t(state.key)}
            </p>
          )}
          {state.kind === 'done' && (
            <p className="people-results__count" data-testid="people-result-count">
              {items && items.length ? t('people.resultsCount', { count: items.length }) : t('people.noResults')}
            </p>
          )}
        </div>
        {items && items.length > 0 && (
          <ol className="person-rows">
            {items.map((p) => (
              <li key={p.id} className="person-row" data-testid="people-result" data-id={p.id}>
                <a className="person-row__link" href={personPath(p.id)} onClick={onLinkClick}>
                  <span className="score" title={t('people.scoreTitle')}>
                    {words.score(p.score)}
                  </span>
                  <span className="person-row__main">
                    <PersonName person={p} />
                    <span className="person-row__meta">
                      {t('people.bornLabel')} <BirthDate value={p.birthDate} />
                      {p.householdId && <> · {t('people.householdShort', { id: p.householdId })}</>}
                      {allOrgs && <> · {orgName(p.orgId)}</>}
                    </span>
                  </span>
                </a>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
