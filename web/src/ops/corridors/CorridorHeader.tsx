import { useTranslation } from 'react-i18next';
import type { Corridor } from '../../api.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { CORRIDORS_BASE } from '../route.ts';
import { whoLabel } from '../who.ts';
import { Copyable } from './Copyable.tsx';

interface CorridorHeaderProps {
  corridor: Corridor;
  orgName: (id: string) => string;
  when: (iso: string) => string;
}

/** The corridor page's head: back link, name, status, version and its hash, and the notices of its state. */
export function CorridorHeader({ corridor, orgName, when }: CorridorHeaderProps) {
  const { t } = useTranslation();
  return (
    <>
      <BackLink href={CORRIDORS_BASE} label={t('corridors.back')} />
      <header className="corridor-detail__head">
        <h1 className="corridor-detail__name">{corridor.name}</h1>
        <StatusBadge status={corridor.status} testId="corridor-status" />
      </header>
      <p className="corridor-detail__version">
        {t('corridors.versionN', { version: corridor.version })}
        {corridor.proposedAt && <> · {t('corridors.proposedAt', { time: when(corridor.proposedAt) })}</>}
        {' · '}
        {t('corridors.updatedAt', { time: when(corridor.updatedAt) })}
      </p>
      {corridor.versionHash && (
        <p className="corridor-detail__hash">
          <span>{t('corridors.versionHash')}: </span>
          <Copyable value={corridor.versionHash} label={t('corridors.versionHash')} testId="version-hash" />
        </p>
      )}

      {corridor.atRisk && (
        <p className="notice notice--error" data-testid="at-risk">
          {t('corridors.atRiskNotice')}
        </p>
      )}
      {corridor.suspension && (
        <p className="notice notice--error" data-testid="suspension">
          {t('corridors.suspendedNotice', { time: when(corridor.suspension.at), user: whoLabel(t, corridor.suspension.who, orgName), reason: corridor.suspension.reason })}
        </p>
      )}
      {corridor.closure && (
        <p className="notice" data-testid="closure">
          {t('corridors.closedNotice', { time: when(corridor.closure.at), user: whoLabel(t, corridor.closure.who, orgName), reason: corridor.closure.reason })}
        </p>
      )}
      {corridor.unilateral && (
        <p className="notice" data-testid="unilateral">
          {t('corridors.unilateralNotice', { party: orgName(corridor.unilateral.announcedBy) })}
          {corridor.unilateral.source ? ` ${corridor.unilateral.source}` : ''}
        </p>
      )}
    </>
  );
}
