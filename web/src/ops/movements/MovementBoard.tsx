import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Corridor, Me, Movement, Org } from '../../api.ts';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { useNumber, orgNamer } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { navigate, onLinkClick, MOVEMENTS_BASE, movementPath } from '../route.ts';
import { AckQueue } from './AckQueue.tsx';
import { ConvoyMap } from './ConvoyMap.tsx';
import { OverdueBadge, ProgressBar, useMovementWords, useNow } from './describe.tsx';
import { awaitsMyAck, compareMovements, isCurrent, seesConvoyMap } from './fields.ts';
import { mayDo } from '../rights.ts';
import type { MovementsState } from './useMovements.ts';
import { Loading, LoadError } from '../../ui/LoadState.tsx';

interface MovementBoardProps {
  me: Me;
  orgs: readonly Org[];
  corridors: ReadonlyMap<string, Corridor> | null;
  movements: MovementsState;
  titleOf: (m: Movement) => string;
}

type Filter = 'current' | 'all';

/**
 * /ops/movements: for the mediator and the agencies, the live convoy map with the list beside it
 * (overdue first); for a liaison officer, the acknowledgement queue of their party, then the list.
 */
export function MovementBoard({ me, orgs, corridors, movements, titleOf }: MovementBoardProps) {
  const { t } = useTranslation();
  // Only decides what counts as recent: a coarse clock keeps the map from redrawing often.
  const now = useNow(300_000);
  const [filter, setFilter] = useState<Filter>('current');
  const [selected, setSelected] = useState<string | null>(null);
  const { items, error, retry, put, changed } = movements;
  const withMap = seesConvoyMap(me);

  const shown = useMemo(
    () => (items ?? []).filter((m) => filter === 'all' || isCurrent(m, now)).sort(compareMovements),
    [items, filter, now],
  );
  const queue = useMemo(() => (items ?? []).filter((m) => awaitsMyAck(m)), [items]);
  const overdueCount = shown.filter((m) => m.overdue).length;
  const selectedMovement = shown.find((m) => m.id === selected) ?? null;

  return (
    <div className="movements">
      <div className="corridors__head">
        <h1 className="corridors__title">{t('movements.heading')}</h1>
        {mayDo(me, 'movement.notify') && (
          <a className="button" href={`${MOVEMENTS_BASE}/new`} onClick={onLinkClick} data-testid="movement-new">
            {t('movements.new')}
          </a>
        )}
      </div>

      {error && (
        <LoadError message={t(error)} onRetry={retry} />
      )}
      {!items && !error && <Loading />}

      {items && me.org.kind === 'party' && me.role === 'liaison' && (
        <AckQueue me={me} orgs={orgs} items={queue} titleOf={titleOf} onDecided={put} />
      )}

      {items && (
        <div className={withMap ? 'movements__layout' : 'movements__layout movements__layout--list'}>
          <section className="movements__list" aria-labelledby="movement-list-heading">
            <h2 id="movement-list-heading" className="movements__subhead">
              {t(withMap ? 'movements.list.headingConvoys' : 'movements.list.heading')}
            </h2>
            <div className="field field--inline">
              <label htmlFor="movement-filter">{t('movements.list.filter')}</label>
              <select id="movement-filter" value={filter} onChange={(e) => setFilter(e.target.value === 'all' ? 'all' : 'current')} data-testid="movement-filter">
                <option value="current">{t('movements.list.filterCurrent')}</option>
                <option value="all">{t('movements.list.filterAll')}</option>
              </select>
            </div>
            {overdueCount > 0 && (
              <p className="notice notice--error" role="status" data-testid="overdue-count">
                {t('movements.list.overdueCount', { count: overdueCount })}
              </p>
            )}
            {shown.length === 0 && <p className="movements__empty">{t('movements.list.empty')}</p>}
            <ul className="movement-rows" data-testid="movement-list">
              {shown.map((m) => (
                <MovementRow
                  key={m.id}
                  me={me}
                  orgs={orgs}
                  movement={m}
                  title={titleOf(m)}
                  selected={m.id === selected}
                  flash={changed.has(m.id)}
                  onSelect={withMap ? () => setSelected(selected === m.id ? null : m.id) : undefined}
                />
              ))}
            </ul>
          </section>
          {withMap && (
            <section className="movements__map" aria-label={t('movements.map.label')}>
              <ConvoyMap
                movements={shown}
                titleOf={titleOf}
                zone={me.org.timeZone}
                selectedId={selected}
                focusKey={`${filter}:${selectedMovement ? selectedMovement.id : 'all'}:${corridors ? 'c' : ''}`}
                onSelect={(id) => navigate(movementPath(id))}
                testId="convoy-map"
              />
            </section>
          )}
        </div>
      )}
    </div>
  );
}

interface MovementRowProps {
  me: Me;
  orgs: readonly Org[];
  movement: Movement;
  title: string;
  selected: boolean;
  flash: boolean;
  onSelect?: () => void;
}

function MovementRow({ me, orgs, movement: m, title, selected, flash, onSelect }: MovementRowProps) {
  const { t } = useTranslation();
  const num = useNumber();
  const words = useMovementWords();
  const clock = useZonedClock(me.org.timeZone);
  const orgName = orgNamer(orgs);
  const moving = m.status === 'underway' || m.status === 'completed';
  const mine = m.acknowledgements.find((a) => a.partyId === me.orgId);
  const position = m.lastCheckin ? `${m.lastCheckin.lat},${m.lastCheckin.lon}` : undefined;
  return (
    <li
      className={['movement-row', `movement-row--${m.status}`, m.overdue ? 'movement-row--overdue' : '', selected ? 'movement-row--selected' : '', flash ? 'movement-row--changed' : '']
        .filter(Boolean)
        .join(' ')}
      data-testid="movement-row"
      data-id={m.id}
      data-status={m.status}
      data-overdue={m.overdue ? 'true' : 'false'}
      data-position={position}
    >
      <div className="movement-row__head">
        <a className="movement-row__name" href={movementPath(m.id)} onClick={onLinkClick}>
          {title}
        </a>
        <StatusBadge status={m.status} />
      </div>
      <OverdueBadge movement={m} zone={me.org.timeZone} />
      {me.org.kind !== 'agency' && <p className="movement-row__meta">{t('movements.row.agency', { name: orgName(m.agencyId) })}</p>}
      <p className="movement-row__meta">
        {words.vehicles(m.vehicles)} · {t('movements.personnelN', { n: num(m.personnel) })}
        {m.passengers !== null && m.passengers > 0 && <> · {t('movements.passengersN', { n: num(m.passengers) })}</>}
        {m.cargo.length > 0 && <> · {words.cargo(m.cargo)}</>}
      </p>
      {moving && <ProgressBar movement={m} />}
      {m.status === 'underway' && m.expectedNext && !m.overdue && (
        <p className="movement-row__next" data-testid="expected-next">
          {m.expectedNext.what === 'arrival'
            ? t('movements.row.nextArrival', { time: clock(m.expectedNext.at) })
            : t('movements.row.next', { what: m.expectedNext.what, time: clock(m.expectedNext.at) })}
        </p>
      )}
      {!moving && (
        <p className="movement-row__meta">
          {t('movements.row.departs', { time: clock(m.departAt) })} · {t('movements.row.arrives', { time: clock(m.arriveBy) })}
        </p>
      )}
      {moving &&
        (m.lastCheckin ? (
          <p className="movement-row__meta">
            {t('movements.row.lastCheckin', { time: clock(m.lastCheckin.at) })}
            {m.lastCheckin.checkpoint && <> · {t('movements.map.atCheckpoint', { name: m.lastCheckin.checkpoint })}</>}
          </p>
        ) : (
          <p className="movement-row__meta">{t('movements.row.noCheckin')}</p>
        ))}
      {mine && (
        <p className="movement-row__meta">
          {t(mine.decision === 'acknowledge' ? 'movements.row.youAcknowledged' : 'movements.row.youDenied', { time: clock(mine.at) })}
        </p>
      )}
      {onSelect && (
        <button type="button" className="button button--small button--secondary movement-row__show" aria-pressed={selected} onClick={onSelect}>
          {t(selected ? 'movements.row.showAll' : 'movements.row.showOnMap')}
        </button>
      )}
    </li>
  );
}
