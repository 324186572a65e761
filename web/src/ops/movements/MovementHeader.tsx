import { useTranslation } from 'react-i18next';
import type { Movement } from '../../api.ts';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { MOVEMENTS_BASE } from '../route.ts';
import { OverdueBadge } from './describe.tsx';

/** The movement page's head: back link, title, status, who notified it and when. */
export function MovementHeader({ movement: m, title, orgName, zone }: { movement: Movement; title: string; orgName: (id: string) => string; zone: string }) {
  const { t } = useTranslation();
  const clock = useZonedClock(zone);
  return (
    <>
      <BackLink href={MOVEMENTS_BASE} label={t('movements.back')} />
      <header className="corridor-detail__head">
        <h1 className="corridor-detail__name">{title}</h1>
        <StatusBadge status={m.status} testId="movement-status" />
        {m.urgent && <span className="badge badge--urgent">{t('movements.urgentTag')}</span>}
      </header>
      <p className="corridor-detail__version">
        {t('movements.detail.notifiedBy', { agency: orgName(m.agencyId), time: clock(m.createdAt) })}
        {' · '}
        {t('corridors.updatedAt', { time: clock(m.updatedAt) })}
      </p>
      <OverdueBadge movement={m} zone={zone} />
    </>
  );
}
