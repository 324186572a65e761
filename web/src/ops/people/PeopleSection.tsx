import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api.ts';
import { EMPTY_BIRTH_DATE } from '../../components/BirthDateFields.tsx';
import { useOrgs } from '../useOrgs.ts';
import { useSites } from './describe.tsx';
import { mayDo } from '../rights.ts';
import { PeopleSearch, type PeopleSearchInput } from './PeopleSearch.tsx';
import { PersonDetail } from './PersonDetail.tsx';
import { PersonForm } from './PersonForm.tsx';
import { SitesPage } from './SitesPage.tsx';
import { TracingDesk } from './TracingDesk.tsx';
import './people.css';

interface PeopleSectionProps {
  me: Me;
  /** What follows /ops/people/: [] (search), ['new'], ['sites'], ['desk'] or [id]. */
  rest: string[];
}

/**
 * /ops/people and below: search, registration, one person. What was searched stays while the
 * user opens a result and comes back, in memory only (never in the URL or the browser's storage).
 */
export function PeopleSection({ me, rest }: PeopleSectionProps) {
  const { t } = useTranslation();
  const sites = useSites();
  const { orgs } = useOrgs();
  const [search, setSearch] = useState<PeopleSearchInput>({ name: '', birth: EMPTY_BIRTH_DATE });
  const [first, second] = rest.map((part) => decodeURIComponent(part));

  // Sites are managed by coordinators who may hold no person rights (the mediator's, for one).
  if (first === 'sites' && second === undefined && mayDo(me, 'site.manage')) return <SitesPage me={me} />;
  if (!mayDo(me, 'person.read')) return <p className="notice notice--error">{t('ops.errors.forbidden')}</p>;
  if (first === 'desk' && second === undefined && (mayDo(me, 'person.resolve') || mayDo(me, 'person.flag'))) return <TracingDesk me={me} />;
  if (!first) return <PeopleSearch me={me} orgs={orgs ?? []} input={search} onInput={setSearch} />;
  if (first === 'new' && second === undefined) {
    return mayDo(me, 'person.register') ? (
      <PersonForm me={me} sites={sites} />
    ) : (
      <p className="notice notice--error">{t('ops.errors.forbidden')}</p>
    );
  }
  if (first === 'sites' && second === undefined) return <SitesPage me={me} />;
  if (second === undefined) return <PersonDetail key={first} me={me} orgs={orgs ?? []} sites={sites} personId={first} />;
  return <p className="notice notice--error">{t('ops.notFound.heading')}</p>;
}
