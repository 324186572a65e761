import { useTranslation } from 'react-i18next';
import { noticeWindowLabel } from '../../components/notice.ts';
import { TRAFFIC, type Corridor } from '../../api.ts';
import { routeLengthKm } from '../../map/geometry.ts';
import { WindowTime, zoneName } from '../../time/WindowTime.tsx';
import { Fact } from '../../ui/Fact.tsx';
import { formatLatLon, useNumber } from '../../ui/format.ts';

/** The corridor's windows, in the viewer's zone and in the parties' zones; the one open now tagged. */
export function CorridorWindows({ corridor, zones, viewerZone }: { corridor: Corridor; zones: readonly string[]; viewerZone: string }) {
  const { t } = useTranslation();
  const windows = corridor.windows ?? [];
  return (
    <section aria-labelledby="cd-windows">
      <h2 id="cd-windows">{t('corridors.field.windows')}</h2>
      <p className="corridor-detail__zones">{t('corridors.zonesNote', { zone: zoneName(viewerZone, t) })}</p>
      {windows.length === 0 ? (
        <p>{t('public.noWindow')}</p>
      ) : (
        <ol className="window-list" data-testid="windows">
          {windows.map((w) => {
            // Tagged from the notice: a suspended or draft corridor's window is never "open now".
            const role = corridor.notice.window?.window.start === w.start ? corridor.notice.window.role : null;
            return (
              <li key={w.start} className={role === 'current' ? 'window-list__now' : undefined} data-role={role ?? undefined}>
                {role && <strong className="window-list__tag">{noticeWindowLabel(role)}</strong>}
                <WindowTime window={w} zones={zones} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** What was agreed: purpose, ends, route, buffer, traffic, eligibility, limits and conditions. */
export function CorridorDetails({ corridor }: { corridor: Corridor }) {
  const { t } = useTranslation();
  const num = useNumber();
  const km = routeLengthKm(corridor.route);
  const traffic = TRAFFIC.filter((k) => corridor.allowedTraffic?.includes(k));
  return (
    <section aria-labelledby="cd-facts">
      <h2 id="cd-facts">{t('corridors.details')}</h2>
      <dl className="facts">
        <Fact label={t('corridors.field.purpose')}>
          {(corridor.purpose ?? []).map((p) => t(`purpose.${p}`)).join(' · ')}
        </Fact>
        <Fact label={t('corridors.field.origin')}>{corridor.origin && `${corridor.origin.name} (${formatLatLon(corridor.origin)})`}</Fact>
        <Fact label={t('corridors.field.destination')}>
          {corridor.destination && `${corridor.destination.name} (${formatLatLon(corridor.destination)})`}
        </Fact>
        <Fact label={t('corridors.field.route')}>
          {km !== null && corridor.route && t('corridors.routeSummary', { km: num(km, 1), count: corridor.route.coordinates.length })}
        </Fact>
        <Fact label={t('corridors.field.bufferMeters')}>
          {corridor.bufferMeters !== undefined && t('corridors.meters', { value: num(corridor.bufferMeters) })}
        </Fact>
        <Fact label={t('corridors.field.allowedTraffic')}>{traffic.map((k) => t(`traffic.${k}`)).join(' · ')}</Fact>
        <Fact label={t('corridors.field.eligibility')}>{corridor.eligibility}</Fact>
        <Fact label={t('corridors.field.maxVehicles')}>
          {corridor.maxVehicles !== undefined && corridor.maxVehicles !== null ? num(corridor.maxVehicles) : ''}
        </Fact>
        <Fact label={t('corridors.field.conditions')}>{corridor.conditions}</Fact>
      </dl>
    </section>
  );
}

/** Gathering points and checkpoints, each checkpoint with the party that controls it. */
export function CorridorPoints({ corridor, orgName }: { corridor: Corridor; orgName: (id: string) => string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="cd-points">
      <h2 id="cd-points">{t('corridors.field.gatheringPoints')}</h2>
      {(corridor.gatheringPoints ?? []).length === 0 ? (
        <p>{t('public.noGatheringPoints')}</p>
      ) : (
        <ul className="point-list">
          {(corridor.gatheringPoints ?? []).map((p, i) => (
            <li key={`${p.name}-${i}`}>
              <span className="symbol symbol--gp" aria-hidden="true" />
              <strong>{p.name}</strong> <span className="muted">({formatLatLon(p)})</span>
              {p.address && <span className="point-list__address">{p.address}</span>}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('corridors.field.checkpoints')}</h2>
      {(corridor.checkpoints ?? []).length === 0 ? (
        <p>{t('corridors.none')}</p>
      ) : (
        <ul className="point-list">
          {(corridor.checkpoints ?? []).map((p, i) => (
            <li key={`${p.name}-${i}`}>
              <span className="symbol symbol--cp" aria-hidden="true" />
              <strong>{p.name}</strong> <span className="muted">({formatLatLon(p)})</span>
              <span className="point-list__address">{t('corridors.controlledBy', { party: orgName(p.controlledBy) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
