import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Manifest, PersonFound } from '../../api.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { onLinkClick, PEOPLE_BASE } from '../route.ts';
import { useApi } from '../session.tsx';
import { BirthDate, PersonName, usePeopleSearch, usePersonWords, type NameQuery } from './describe.tsx';

/** Search the agency's registered people and put them on the manifest, one tap each. */
export function AddToManifest({
  movementId,
  listed,
  onAdded,
}: {
  movementId: string;
  listed: ReadonlySet<string>;
  onAdded: (manifest: Manifest) => void;
}) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
  const words = usePersonWords();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  // What the last household tap did: a tap on a household already listed must still say so.
  const [household, setHousehold] = useState<{ id: string; added: number } | null>(null);
  const trimmed = name.trim();
  const query: NameQuery | null = trimmed.length >= 2 ? { name: trimmed } : null;
  const { state } = usePeopleSearch(query);
  const items = state.kind === 'done' ? state.items : state.kind === 'searching' ? state.items : null;

  async function add(personIds: string[]) {
    setBusy(personIds[0] ?? '');
    setFailure(null);
    try {
      onAdded(await api<Manifest>(`/api/v1/movements/${encodeURIComponent(movementId)}/passengers`, { method: 'POST', body: { personIds } }));
    } catch (err) {
      setFailure(requestErrorKey(err));
    } finally {
      setBusy(null);
    }
  }

  /** A whole household in one step: its members found by household id, all put on the list at once. */
  async function addHousehold(householdId: string) {
    setBusy(householdId);
    setFailure(null);
    setHousehold(null);
    try {
      const members = await api<{ items: PersonFound[] }>('/api/v1/people/search', { method: 'POST', body: { householdId } });
      const ids = members.items.map((m) => m.id).filter((memberId) => !listed.has(memberId));
      if (ids.length > 0) await add(ids);
      setHousehold({ id: householdId, added: ids.length });
    } catch (err) {
      setFailure(requestErrorKey(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="manifest-add group" aria-labelledby={`${id}-add`}>
      <h2 id={`${id}-add`}>{t('people.manifest.addHeading')}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('people.manifest.addSearch')}</label>
        <input
          id={`${id}-name`}
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={name}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setName(e.target.value)}
          data-testid="manifest-add"
        />
        <p id={`${id}-hint`} className="field__hint">
          {t('people.manifest.addHint')}{' '}
          <a href={`${PEOPLE_BASE}/new`} onClick={onLinkClick}>
            {t('people.manifest.registerFirst')}
          </a>
        </p>
      </div>
      <div aria-live="polite">
        {state.kind === 'searching' && !items && <p className="muted">{t('people.searching')}</p>}
        {state.kind === 'done' && state.items.length === 0 && <p>{t('people.noResults')}</p>}
        {state.kind === 'failed' && <p className="notice notice--error">{t(state.key)}</p>}
        {failure && (
          <p className="notice notice--error" role="alert">
            {t(failure)}
          </p>
        )}
        {household && !failure && (
          <p className="notice notice--ok" data-testid="manifest-household-done" data-added={household.added}>
            {household.added > 0 ? t('people.manifest.householdAdded', { count: household.added, id: household.id }) : t('people.manifest.householdAllOn', { id: household.id })}
          </p>
        )}
      </div>
      {items && items.length > 0 && (
        <ul className="manifest-candidates">
          {items.slice(0, 8).map((p) => {
            const on = listed.has(p.id);
            return (
              <li key={p.id} className="manifest-candidate" data-testid="manifest-candidate" data-id={p.id} data-listed={on ? 'true' : 'false'}>
                <span className="manifest-candidate__who">
                  <PersonName person={p} />
                  <span className="manifest-row__meta">
                    {t('people.bornLabel')} <BirthDate value={p.birthDate} /> · {words.score(p.score)}
                  </span>
                </span>
                {on ? (
                  <span className="manifest-candidate__on">{t('people.manifest.onList')}</span>
                ) : (
                  <button type="button" className="button door-button" disabled={busy !== null} onClick={() => void add([p.id])} data-testid="manifest-add-person">
                    {t('people.manifest.add')}
                  </button>
                )}
                {p.householdId && (
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy !== null}
                    onClick={() => void addHousehold(p.householdId ?? '')}
                    data-testid="manifest-add-household"
                  >
                    {t('people.manifest.addHousehold', { id: p.householdId })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
