import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort, type Manifest, type Me, type Movement, type OtherRegistrations as Others, type PersonFound } from '../../api.ts';
import { onOutboxAnswer } from '../../outbox/outbox.ts';
import { useOutbox } from '../../outbox/useOutbox.ts';
import { INTL_LOCALE, currentLang } from '../../i18n/index.ts';
import { zoneName } from '../../time/WindowTime.tsx';
import { formatClock } from '../../time/zones.ts';
import { orgNamer, useNumber } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { movementPath, onLinkClick, PEOPLE_BASE, manifestPath, personPath } from '../route.ts';
import { useStaffEvents } from '../stream.ts';
import { useOrgs } from '../useOrgs.ts';
import { ManifestRow } from './ManifestRow.tsx';
import { RegisteredOnManifest } from './RegisteredOnManifest.tsx';
import { BirthDate, PersonName, usePeopleSearch, usePersonWords, type NameQuery } from './describe.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { Loading, LoadError } from '../../ui/LoadState.tsx';

/** Listed / boarded / arrived, large: what everyone who may see the movement is told. */
export function ManifestCounts({ manifest, testId }: { manifest: Pick<Manifest, 'listed' | 'boarded' | 'arrived'>; testId: string }) {
  const { t } = useTranslation();
  const num = useNumber();
  return (
    <dl className="manifest-counts" data-testid={testId} data-listed={manifest.listed} data-boarded={manifest.boarded} data-arrived={manifest.arrived}>
      <div className="manifest-counts__item">
        <dt>{t('people.manifest.listed')}</dt>
        <dd>{num(manifest.listed)}</dd>
      </div>
      <div className="manifest-counts__item manifest-counts__item--boarded">
        <dt>{t('people.manifest.boarded')}</dt>
        <dd>{num(manifest.boarded)}</dd>
      </div>
      <div className="manifest-counts__item manifest-counts__item--arrived">
        <dt>{t('people.manifest.arrived')}</dt>
        <dd>{num(manifest.arrived)}</dd>
      </div>
    </dl>
  );
}

/** The manifest of a movement, reloaded with it from the staff stream. */
function useManifest(movementId: string) {
  const api = useApi();
  const [manifest, setManifest] = useState<Manifest | null>(null);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const url = `/api/v1/movements/${encodeURIComponent(movementId)}/passengers`;
  const load = useCallback(
    (signal?: AbortSignal) => {
      api<Manifest>(url, { signal })
        .then((m) => {
          setManifest(m);
          setError(null);
        })
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          setError(requestErrorKey(err));
        });
    },
    [url, api],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);
  useStaffEvents((event) => {
    if (!event || (event.type === 'movement' && event.data.id === movementId)) load();
  });
  // A tap sent later from the outbox: the list shows what the server holds now.
  useEffect(() => onOutboxAnswer((item) => item.movementId === movementId && load()), [movementId, load]);
  return { manifest, setManifest, error, reload: load };
}

/**
 * On the movement's page: the counts for everyone; for the agency's own staff, the way to the
 * manifest and boarding view.
 */
export function ManifestSummary({ me, movement }: { me: Me; movement: Movement }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { manifest } = useManifest(movement.id);
  if (!manifest) return null;
  // The server names passengers only to those who may see them.
  const named = manifest.passengers !== undefined;
  if (!named && manifest.listed === 0) return null;
  return (
    <section className="manifest-summary" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('people.manifest.summaryHeading')}</h2>
      <ManifestCounts manifest={manifest} testId="manifest-summary" />
      {named && (
        <a className="button manifest-summary__open" href={manifestPath(movement.id)} onClick={onLinkClick} data-testid="manifest-link">
          {t('people.manifest.open')}
        </a>
      )}
    </section>
  );
}

interface ManifestViewProps {
  me: Me;
  movementId: string;
  titleOf: (m: Movement) => string;
}

/**
 * /ops/movements/:id/manifest, at the bus door on a phone or tablet: who is listed, a search
 * to add the agency's registered people, and one large button each to record boarding and
 * arrival. Anyone else who may see the movement gets the counts only.
 */
export function ManifestView({ me, movementId, titleOf }: ManifestViewProps) {
  const api = useApi();
  const { t } = useTranslation();
  const { orgs } = useOrgs();
  const orgName = orgNamer(orgs ?? []);
  const id = useId();
  const [movement, setMovement] = useState<Movement | null>(null);
  const [movementError, setMovementError] = useState<RequestErrorKey | null>(null);
  const [filter, setFilter] = useState('');
  const outbox = useOutbox();
  const { manifest, setManifest, error, reload } = useManifest(movementId);
  const zone = me.org.timeZone;
  const locale = INTL_LOCALE[currentLang()];

  const loadMovement = useCallback(
    (signal?: AbortSignal) => {
      api<Movement>(`/api/v1/movements/${encodeURIComponent(movementId)}`, { signal })
        .then(setMovement)
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          setMovementError(requestErrorKey(err));
        });
    },
    [movementId, api],
  );
  useEffect(() => {
    const controller = new AbortController();
    loadMovement(controller.signal);
    return () => controller.abort();
  }, [loadMovement]);
  useStaffEvents((event) => {
    if (!event || (event.type === 'movement' && event.data.id === movementId)) loadMovement();
  });

  const passengers = useMemo(
    () =>
      [...(manifest?.passengers ?? [])].sort(
        (a, b) => a.familyName.localeCompare(b.familyName, locale) || a.givenName.localeCompare(b.givenName, locale),
      ),
    [manifest, locale],
  );
  const shownPassengers = useMemo(() => {
    const words = filter.trim().toLocaleLowerCase(locale).split(/\s+/).filter(Boolean);
    if (!words.length) return passengers;
    return passengers.filter((p) => {
      const text = `${p.familyName} ${p.givenName} ${p.birthDate ?? ''}`.toLocaleLowerCase(locale);
      return words.every((w) => text.includes(w));
    });
  }, [passengers, filter, locale]);

  // The agency that registered some of the passengers: its own people by name, no movement to read.
  if (manifest?.carriedBy) {
    return <RegisteredOnManifest manifest={manifest} counts={<ManifestCounts manifest={manifest} testId="manifest-counts" />} zone={zone} locale={locale} />;
  }
  const failure = error ?? movementError;
  if (failure && (!manifest || !movement)) {
    return (
      <div className="manifest">
        <BackLink href={movementPath(movementId)} label={t('people.manifest.back')} />
        <LoadError
          message={t(failure)}
          onRetry={() => {
            setMovementError(null);
            reload();
            loadMovement();
          }}
        />
      </div>
    );
  }
  if (!manifest || !movement) return <Loading />;

  const status = movement.status;
  const manages = manifest.passengers !== undefined;
  const mayAdd = movement.allowedActions.includes('manifest');
  const mayBoard = movement.allowedActions.includes('board');
  const mayArrive = movement.allowedActions.includes('arrive');
  const listed = new Set(passengers.map((p) => p.personId));
  const addBox = <AddToManifest movementId={movementId} listed={listed} onAdded={setManifest} />;

  return (
    <div className="manifest" data-testid="manifest" data-movement-id={movementId} data-status={status}>
      <BackLink href={movementPath(movementId)} label={t('people.manifest.back')} />
      <header className="manifest__head">
        <h1 className="manifest__title">
          {t(manages ? 'people.manifest.heading' : 'people.manifest.summaryHeading')}
          <span className="manifest__movement">{titleOf(movement)}</span>
        </h1>
        <StatusBadge status={status} testId="manifest-status" />
      </header>
      <ManifestCounts manifest={manifest} testId="manifest-counts" />
      <OtherRegistrations others={manifest.others ?? []} />

      {!manages ? (
        <p className="notice">{t('people.manifest.countsOnly')}</p>
      ) : (
        <>
          <p className="manifest__state" data-testid="manifest-state">
            {t(`people.manifest.state.${status}`)}
          </p>
          {/* Before boarding the list is being built: the search comes first; at the door, the list does. */}
          {mayAdd && !mayBoard && addBox}

          <section className="manifest__list" aria-labelledby={`${id}-list`}>
            <h2 id={`${id}-list`}>{t('people.manifest.listHeading')}</h2>
            {passengers.length === 0 ? (
              <p className="movements__empty">{t('people.manifest.empty')}</p>
            ) : (
              <>
                {passengers.length > 5 && (
                  <div className="field">
                    <label htmlFor={`${id}-filter`}>{t('people.manifest.filter')}</label>
                    <input id={`${id}-filter`} type="search" autoComplete="off" spellCheck={false} value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="manifest-filter" />
                  </div>
                )}
                <p className="field__hint">{t('people.manifest.timesIn', { zone: zoneName(zone, t) })}</p>
                <ul className="manifest-rows">
                  {shownPassengers.map((p) => (
                    <ManifestRow
                      key={p.personId}
                      entry={p}
                      movementId={movementId}
                      zone={zone}
                      locale={locale}
                      orgName={orgName}
                      mayBoard={mayBoard}
                      mayArrive={mayArrive}
                      pending={outbox.items.filter((i) => i.movementId === movementId && i.personId === p.personId)}
                      onManifest={setManifest}
                      onReload={() => {
                        reload();
                        loadMovement();
                      }}
                    />
                  ))}
                </ul>
                {shownPassengers.length === 0 && <p className="muted">{t('people.manifest.noneMatch')}</p>}
              </>
            )}
          </section>
          {mayAdd && mayBoard && addBox}
        </>
      )}
    </div>
  );
}

/** People other agencies registered and shared: counts per registering organisation, never names. */
function OtherRegistrations({ others }: { others: readonly Others[] }) {
  const { t } = useTranslation();
  const { orgs } = useOrgs();
  if (others.length === 0) return null;
  const orgName = orgNamer(orgs ?? []);
  return (
    <ul className="manifest-others" data-testid="manifest-others">
      {others.map((o) => (
        <li key={o.orgId} data-org={o.orgId} data-listed={o.listed}>
          {t('people.manifest.others', { count: o.listed, org: orgName(o.orgId), boarded: o.boarded })}
          {o.unaccompaniedChildren > 0 && (
            <strong className="flag-chip flag-chip--unaccompanied_child"> {t('people.manifest.othersChildren', { count: o.unaccompaniedChildren })}</strong>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Search the agency's registered people and put them on the manifest, one tap each. */
function AddToManifest({
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
