import { useTranslation } from 'react-i18next';
import type { Me } from '../../api.ts';
import { useOrgs } from '../useOrgs.ts';
import { CorridorDetail } from './CorridorDetail.tsx';
import { CorridorForm } from './CorridorForm.tsx';
import { CorridorList } from './CorridorList.tsx';
import { mayDo } from '../rights.ts';
import './corridors.css';
import { Loading, LoadError } from '../../ui/LoadState.tsx';

interface CorridorsSectionProps {
  me: Me;
  /** What follows /ops/corridors/: [] (list), ['new'], [id] or [id, 'edit']. */
  rest: string[];
}

/** /ops/corridors and below: the list, a corridor, the draft and amendment form. */
export function CorridorsSection({ me, rest }: CorridorsSectionProps) {
  const { t } = useTranslation();
  const { orgs, error, retry } = useOrgs();
  const [first, second] = rest.map((part) => decodeURIComponent(part));

  if (error) {
    return (
      <LoadError message={t(error)} onRetry={retry} size="full" />
    );
  }
  if (!orgs) return <Loading />;

  if (!first) return <CorridorList me={me} orgs={orgs} />;
  if (first === 'new' && second === undefined) {
    return mayDo(me, 'corridor.draft') ? (
      <CorridorForm key="new" me={me} orgs={orgs} corridorId={null} />
    ) : (
      <p className="notice notice--error">{t('ops.errors.forbidden')}</p>
    );
  }
  if (second === 'edit' && rest.length === 2) {
    return mayDo(me, 'corridor.draft') ? (
      <CorridorForm key={`edit-${first}`} me={me} orgs={orgs} corridorId={first} />
    ) : (
      <p className="notice notice--error">{t('ops.errors.forbidden')}</p>
    );
  }
  if (second === undefined) return <CorridorDetail key={first} me={me} orgs={orgs} corridorId={first} />;
  return <p className="notice notice--error">{t('ops.notFound.heading')}</p>;
}
