import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isAbort, type Me, type Org, type Page } from '../../api.ts';
import { isUnauthorized, requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { CorridorDetail } from './CorridorDetail.tsx';
import { CorridorForm } from './CorridorForm.tsx';
import { CorridorList } from './CorridorList.tsx';
import { canDraft } from './fields.ts';
import './corridors.css';

interface CorridorsSectionProps {
  me: Me;
  /** What follows /ops/corridors/: [] (list), ['new'], [id] or [id, 'edit']. */
  rest: string[];
  onSessionEnded: () => void;
}

/** Everyone who may see corridors needs the directory of organisations to name the parties. */
function useOrgs(onSessionEnded: () => void): { orgs: Org[] | null; error: RequestErrorKey | null; retry: () => void } {
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api<Page<Org>>('/api/v1/orgs?limit=200', { signal: controller.signal })
      .then((page) => setOrgs(Array.isArray(page?.items) ? page.items : []))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        if (isUnauthorized(err)) onSessionEnded();
        else setError(requestErrorKey(err));
      });
    return () => controller.abort();
  }, [attempt, onSessionEnded]);
  return { orgs, error, retry: () => setAttempt((n) => n + 1) };
}

/** /ops/corridors and below: the list, a corridor, the draft and amendment form. */
export function CorridorsSection({ me, rest, onSessionEnded }: CorridorsSectionProps) {
  const { t } = useTranslation();
  const { orgs, error, retry } = useOrgs(onSessionEnded);
  const [first, second] = rest.map((part) => decodeURIComponent(part));

  if (error) {
    return (
      <div className="notice notice--error" role="alert">
        <p>{t(error)}</p>
        <button type="button" className="button" onClick={retry}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  if (!orgs) return <p role="status">{t('app.loading')}</p>;

  if (!first) return <CorridorList me={me} orgs={orgs} onSessionEnded={onSessionEnded} />;
  if (first === 'new' && second === undefined) {
    return canDraft(me) ? (
      <CorridorForm key="new" me={me} orgs={orgs} corridorId={null} onSessionEnded={onSessionEnded} />
    ) : (
      <p className="notice notice--error">{t('ops.errors.forbidden')}</p>
    );
  }
  if (second === 'edit' && rest.length === 2) {
    return canDraft(me) ? (
      <CorridorForm key={`edit-${first}`} me={me} orgs={orgs} corridorId={first} onSessionEnded={onSessionEnded} />
    ) : (
      <p className="notice notice--error">{t('ops.errors.forbidden')}</p>
    );
  }
  if (second === undefined) return <CorridorDetail key={first} me={me} orgs={orgs} corridorId={first} onSessionEnded={onSessionEnded} />;
  return <p className="notice notice--error">{t('ops.notFound.heading')}</p>;
}
