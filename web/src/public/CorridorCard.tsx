import { useTranslation } from 'react-i18next';
import { TRAFFIC, type PublicCorridor } from '../api.ts';
import { KYIV_ZONE, MOSCOW_ZONE, isValidInstant } from '../time.ts';
import { WindowTime, distinctZones, useKyivClock } from './WindowTime.tsx';
import { noticeAdvice, noticeLabel, noticeSince, noticeWindowLabel } from '../components/notice.ts';
import { isPublicStatus } from './status.ts';

interface CorridorCardProps {
  corridor: PublicCorridor;
  onShowOnMap: (corridor: PublicCorridor) => void;
}

export function CorridorCard({ corridor, onShowOnMap }: CorridorCardProps) {
  const { t } = useTranslation();
  const clock = useKyivClock();
  const headingId = `corridor-${corridor.id}`;
  const status = corridor.status;
  const notice = corridor.notice;
  const muted = notice.gatheringPoints === 'muted';
  const purposes = (corridor.purpose ?? []).filter((p) => p === 'evacuation' || p === 'supply');
  const points = corridor.gatheringPoints ?? [];
  const traffic = TRAFFIC.filter((k) => corridor.allowedTraffic?.includes(k));
  const eligibility = typeof corridor.eligibility === 'string' ? corridor.eligibility.trim() : '';
  const conditions = typeof corridor.conditions === 'string' ? corridor.conditions.trim() : '';
  // Kyiv time first, then each party's clock, and Moscow time, which occupied areas often keep.
  const zones = distinctZones([KYIV_ZONE, ...(corridor.partyTimeZones ?? []), MOSCOW_ZONE]);
  // The notice, not the clock, decides which window shows and whether it is "open now".
  const shown = notice.window && isValidInstant(notice.window.window.start) ? notice.window : null;
  const sinceTime = notice.since && isValidInstant(notice.since) ? clock(notice.since) : null;

  return (
    <article
      className={`corridor-card corridor-card--${isPublicStatus(status) ? status : 'other'}`}
      data-testid="corridor-card"
      data-status={status}
      aria-labelledby={headingId}
    >
      <header className="corridor-card__head">
        <h3 id={headingId} className="corridor-card__name">
          {corridor.name}
        </h3>
        <span className={`badge badge--${isPublicStatus(status) ? status : 'other'}`} data-testid="status-badge">
          {noticeLabel(notice)}
        </span>
      </header>

      <p className="corridor-card__hint" data-testid="advice">
        {sinceTime && <span data-testid="since">{noticeSince(notice, sinceTime)}. </span>}
        {noticeAdvice(notice)}
      </p>

      <dl className="corridor-card__facts">
        <div>
          <dt>{t('public.route')}</dt>
          <dd className="corridor-card__route">
            {corridor.origin?.name} <span aria-hidden="true">→</span>
            <span className="visually-hidden"> – </span> {corridor.destination?.name}
          </dd>
        </div>
        {shown && (
          <div className={`corridor-card__window${shown.role === 'current' ? ' corridor-card__window--now' : ''}`} data-testid="window" data-role={shown.role}>
            <dt>{noticeWindowLabel(shown.role)}</dt>
            <dd>
              <WindowTime window={shown.window} zones={zones} />
            </dd>
          </div>
        )}
        {!shown && notice.advice !== 'do_not_go' && (
          <div>
            <dt>{t('public.nextWindow')}</dt>
            <dd>{t('public.noWindow')}</dd>
          </div>
        )}
        {eligibility && (
          <div>
            <dt>{t('public.eligibility')}</dt>
            <dd data-testid="eligibility">{eligibility}</dd>
          </div>
        )}
        {traffic.length > 0 && (
          <div>
            <dt>{t('public.allowedTraffic')}</dt>
            <dd data-testid="allowed-traffic">{traffic.map((k) => t(`traffic.${k}`)).join(' · ')}</dd>
          </div>
        )}
        {conditions && (
          <div>
            <dt>{t('public.conditions')}</dt>
            <dd data-testid="conditions">{conditions}</dd>
          </div>
        )}
        {purposes.length > 0 && (
          <div>
            <dt>{t('public.purpose')}</dt>
            <dd>{purposes.map((p) => t(`purpose.${p}`)).join(' · ')}</dd>
          </div>
        )}
      </dl>

      <h4 className="corridor-card__sub">{t('public.gatheringPoints')}</h4>
      {points.length === 0 ? (
        <p className="corridor-card__none">{t('public.noGatheringPoints')}</p>
      ) : (
        <ul className={`corridor-card__points${muted ? ' corridor-card__points--muted' : ''}`} data-muted={muted ? 'true' : undefined}>
          {points.map((p, i) => (
            <li key={`${p.name}-${i}`}>
              <strong>{p.name}</strong>
              {p.address && <span className="corridor-card__address">{p.address}</span>}
            </li>
          ))}
        </ul>
      )}

      <footer className="corridor-card__foot">
        {points.length > 0 && (
          <button type="button" className="button button--secondary" onClick={() => onShowOnMap(corridor)}>
            {t('public.showOnMap')}
          </button>
        )}
        {isValidInstant(corridor.updatedAt) && (
          <span className="corridor-card__changed">{t('public.changedAt', { time: clock(corridor.updatedAt) })}</span>
        )}
      </footer>
    </article>
  );
}
