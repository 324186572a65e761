import { useTranslation } from 'react-i18next';
import type { Corridor, Movement, Org } from '../../api.ts';
import { routeLengthKm } from '../../map/geometry.ts';
import { InstantTime, distinctZones, useZonedClock } from '../../time/WindowTime.tsx';
import { Fact } from '../../ui/Fact.tsx';
import { useNumber } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { corridorPath, onLinkClick } from '../route.ts';
import { ProgressBar, useMovementWords } from './describe.tsx';

/** What the agency notified: kind, corridor, route, times (in every party's zone), people, progress. */
export function NotificationFacts({ movement: m, corridor, orgs, zone }: { movement: Movement; corridor: Corridor | null; orgs: readonly Org[]; zone: string }) {
  const { t } = useTranslation();
  const num = useNumber();
  const words = useMovementWords();
  const clock = useZonedClock(zone);
  const zoneOf = (id: string) => orgs.find((o) => o.id === id)?.timeZone;
  const zones = distinctZones([zone, zoneOf(m.agencyId), ...m.requiredAcknowledgements.map(zoneOf)]);
  const km = routeLengthKm(m.route);
  return (
    <section aria-labelledby="md-facts">
      <h2 id="md-facts">{t('movements.detail.notification')}</h2>
      <dl className="facts">
        <Fact label={t('movements.facts.kind')}>{words.kind(m)}</Fact>
        <Fact label={t('movements.facts.corridor')}>
          {m.corridorId ? (
            <>
              <a href={corridorPath(m.corridorId)} onClick={onLinkClick}>
                {corridor?.name ?? t('movements.corridorUnnamed')}
              </a>
              {corridor && (
                <>
                  {' '}
                  <StatusBadge status={corridor.status} />
                </>
              )}
            </>
          ) : (
            t('movements.ownRoute')
          )}
        </Fact>
        <Fact label={t('movements.facts.route')}>{km !== null && m.route ? t('corridors.routeSummary', { km: num(km, 1), count: m.route.coordinates.length }) : ''}</Fact>
        <Fact label={t('movements.facts.departAt')}>
          <InstantTime instant={m.departAt} zones={zones} />
        </Fact>
        <Fact label={t('movements.facts.arriveBy')}>
          <InstantTime instant={m.arriveBy} zones={zones} />
        </Fact>
        <Fact label={t('movements.facts.people')}>
          {t('movements.personnelN', { n: num(m.personnel) })}
          {m.passengers !== null && (m.kind === 'evacuation' || m.passengers > 0) && <> · {t('movements.passengersN', { n: num(m.passengers) })}</>}
        </Fact>
        {m.urgent && <Fact label={t('movements.facts.justification')}>{m.justification}</Fact>}
        {(m.status === 'underway' || m.status === 'completed') && (
          <Fact label={t('movements.facts.progress')}>
            <ProgressBar movement={m} />
          </Fact>
        )}
        {m.status === 'underway' && m.expectedNext && (
          <Fact label={t('movements.facts.expectedNext')}>
            <span data-testid="expected-next">
              {m.expectedNext.what === 'arrival' ? t('movements.detail.arrival') : m.expectedNext.what} — {clock(m.expectedNext.at)}
            </span>
          </Fact>
        )}
      </dl>
    </section>
  );
}

export function VehiclesTable({ movement: m }: { movement: Movement }) {
  const { t } = useTranslation();
  const num = useNumber();
  const words = useMovementWords();
  return (
    <section aria-labelledby="md-vehicles">
      <h2 id="md-vehicles">{t('movements.facts.vehicles')}</h2>
      <div className="table-wrap">
        <table className="data-table" data-testid="vehicles">
          <thead>
            <tr>
              <th scope="col">{t('movements.detail.n')}</th>
              <th scope="col">{t('movements.detail.vehicleType')}</th>
              <th scope="col">{t('movements.detail.plate')}</th>
              <th scope="col">{t('movements.detail.markings')}</th>
            </tr>
          </thead>
          <tbody>
            {m.vehicles.map((v, i) => (
              <tr key={i}>
                <td>{num(i + 1)}</td>
                <td>{words.vehicleType(v.type)}</td>
                <td>{v.plate || <span className="muted">{t('corridors.notSet')}</span>}</td>
                <td>{v.markings || <span className="muted">{t('corridors.notSet')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
