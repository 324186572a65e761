import { useTranslation } from 'react-i18next';
import type { CorridorStatus } from '../../api.ts';

export function StatusBadge({ status, testId }: { status: CorridorStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${status}`} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
