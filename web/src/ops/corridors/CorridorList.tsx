import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isAbort, type Corridor, type CorridorStatus, type Me, type Org, type Page } from '../../api.ts';
import { noticeWindowLabel } from '../../components/notice.ts';
import { WindowTime } from '../../time/WindowTime.tsx';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { navigate, onLinkClick, CORRIDORS_BASE, corridorPath } from '../route.ts';
import { useCorridorEvents } from '../stream.ts';
import { CorridorMap } from '../../map/CorridorMap.tsx';
import { STATUSES, awaitsMyDecision } from './fields.ts';
import { mayDo } from '../rights.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { Loading, LoadError } from '../../ui/LoadState.tsx';

interface CorridorListProps {
  me: Me;
  orgs: readonly Org[];
}

const STATUS_ORDER: readonly CorridorStatus[] = ['open', 'suspended', 'agreed', 'proposed', 'draft', 'rejected', 'closed'];

function isStatus(value: string | null): value is CorridorStatus {
  return value !== null && (STATUSES as readonly string[]).includes(value);
}

function readFilter(): CorridorStatus | '' {
  const value = new URLSearchParams(window.location.search).get('status');
  return isStatus(value) ? value : '';
}

function listUrl(status: CorridorStatus | '', cursor: string | null): string {
  const params = new URLSearchParams({ limit: '100' });
  if (status) params.set('status', status);
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/corridors?${params.toString()}`;
}

/**
 * /ops/corridors: every corridor the user may read, with its status, filtered by status, and
 * all of them on the map. A liaison officer sees first, and marked, the corridors that wait for
 * their party's decision. Changes arrive live from /api/v1/stream.
 */
export function CorridorList({ me, orgs }: CorridorListProps) {
  const api = useApi();
  const { t } = useTranslation();
  const [filter, setFilter] = useState<CorridorStatus | ''>(readFilter);
  const [items, setItems] = useState<Corridor[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const zone = me.org.timeZone;

  const fail = useCallback(
    (err: unknown) => {
      if (isAbort(err)) return;
      setError(requestErrorKey(err));
    },
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api<Page<Corridor>>(listUrl(filter, null), { signal: controller.signal })
      .then((page) => {
        setItems(Array.isArray(page?.items) ? page.items : []);
        setNextCursor(page?.nextCursor ?? null);
      })
      .catch(fail);
    return () => controller.abort();
  }, [filter, attempt, fail]);

  function changeFilter(value: string) {
    const next = isStatus(value) ? value : '';
    const url = new URL(window.location.href);
    if (next) url.searchParams.set('status', next);
    else url.searchParams.delete('status');
    window.history.replaceState(window.history.state, '', url);
    setItems(null);
    setFilter(next);
  }

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api<Page<Corridor>>(listUrl(filter, nextCursor));
      setItems((list) => [...(list ?? []), ...page.items.filter((c) => !list?.some((o) => o.id === c.id))]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      fail(err);
    } finally {
      setLoadingMore(false);
    }
  }

  // A corridor changed: fetch it again and put it in place (or out, if it left the filter).
  useCorridorEvents((event) => {
    if (!event) {
      setAttempt((n) => n + 1);
      return;
    }
    api<Corridor>(`/api/v1/corridors/${encodeURIComponent(event.id)}`)
      .then((corridor) => {
        setItems((list) => {
          if (!list) return list;
          const others = list.filter((c) => c.id !== corridor.id);
          if (filter && corridor.status !== filter) return others;
          const index = list.findIndex((c) => c.id === corridor.id);
          return index === -1 ? [corridor, ...list] : list.map((c) => (c.id === corridor.id ? corridor : c));
        });
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && (err.status === 404 || err.status === 403)) {
          setItems((list) => list?.filter((c) => c.id !== event.id) ?? list);
        }
      });
  });

  // What needs someone's attention first: the viewer's pending decisions, then open, suspended…
  const sorted = useMemo(
    () =>
      (items ?? [])
        .map((c, i) => ({ c, i }))
        .sort(
          (a, b) =>
            Number(awaitsMyDecision(b.c)) - Number(awaitsMyDecision(a.c)) ||
            STATUS_ORDER.indexOf(a.c.status) - STATUS_ORDER.indexOf(b.c.status) ||
            a.i - b.i,
        )
        .map(({ c }) => c),
    [items, me],
  );
  const waitingCount = sorted.filter((c) => awaitsMyDecision(c)).length;
  const partyName = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;

  return (
    <div className="corridors">
      <div className="corridors__head">
        <h1 className="corridors__title">{t('corridors.heading')}</h1>
        {mayDo(me, 'corridor.draft') && (
          <a className="button" href={`${CORRIDORS_BASE}/new`} onClick={onLinkClick} data-testid="corridor-new">
            {t('corridors.new')}
          </a>
        )}
      </div>

      <div className="corridors__layout">
        <section className="corridors__list" aria-labelledby="corridor-list-heading">
          <h2 id="corridor-list-heading" className="visually-hidden">
            {t('corridors.listHeading')}
          </h2>
          <div className="field field--inline">
            <label htmlFor="corridor-filter">{t('corridors.filter')}</label>
            <select id="corridor-filter" value={filter} onChange={(e) => changeFilter(e.target.value)} data-testid="status-filter">
              <option value="">{t('corridors.allStatuses')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {waitingCount > 0 && (
            <p className="notice" role="status" data-testid="awaiting-count">
              {t('corridors.awaitingCount', { count: waitingCount, party: me.org.name })}
            </p>
          )}
          {error && (
            <LoadError message={t(error)} onRetry={() => setAttempt((n) => n + 1)} />
          )}
          {!items && !error && <Loading />}
          {items && items.length === 0 && <p className="corridors__empty">{t(filter ? 'corridors.noneWithStatus' : 'corridors.none')}</p>}
          <ul className="corridor-rows" data-testid="corridor-list" aria-live="polite">
            {sorted.map((c) => {
              const awaiting = awaitsMyDecision(c);
              // The notice decides which window shows and as what: "open now" only when open.
              const past = c.windows?.[c.windows.length - 1];
              const window = c.notice.window?.window ?? past;
              const windowLabel = c.notice.window ? noticeWindowLabel(c.notice.window.role) : t('corridors.lastWindow');
              return (
                <li
                  key={c.id}
                  className={`corridor-row corridor-row--${c.status}${awaiting ? ' corridor-row--awaiting' : ''}`}
                  data-testid="corridor-row"
                  data-status={c.status}
                  data-id={c.id}
                  data-awaiting={awaiting ? 'true' : undefined}
                >
                  <div className="corridor-row__head">
                    <a className="corridor-row__name" href={corridorPath(c.id)} onClick={onLinkClick}>
                      {c.name}
                    </a>
                    <StatusBadge status={c.status} />
                  </div>
                  {awaiting && <p className="corridor-row__awaiting">{t('corridors.awaitingYou', { party: me.org.name })}</p>}
                  {c.origin && c.destination && (
                    <p className="corridor-row__route">
                      {c.origin.name} <span aria-hidden="true">→</span>
                      <span className="visually-hidden"> – </span> {c.destination.name}
                    </p>
                  )}
                  {window ? (
                    <div className="corridor-row__window">
                      <span className="corridor-row__label">{windowLabel}: </span>
                      <WindowTime window={window} zones={[zone]} />
                    </div>
                  ) : null}
                  <p className="corridor-row__meta">
                    {t('corridors.versionN', { version: c.version })}
                    {c.status === 'proposed' && c.pendingParties?.length > 0 && (
                      <> · {t('corridors.pendingList', { parties: c.pendingParties.map(partyName).join(', ') })}</>
                    )}
                    {c.atRisk && <> · <strong className="corridor-row__risk">{t('corridors.atRisk')}</strong></>}
                  </p>
                </li>
              );
            })}
          </ul>
          {nextCursor && (
            <button type="button" className="button button--secondary" onClick={loadMore} disabled={loadingMore}>
              {t('corridors.loadMore')}
            </button>
          )}
        </section>

        <section className="corridors__map" aria-label={t('public.mapHeading')}>
          <CorridorMap corridors={sorted} focusKey={`${filter}:${items ? 'loaded' : 'loading'}`} onSelect={(id) => navigate(corridorPath(id))} />
        </section>
      </div>
    </div>
  );
}
