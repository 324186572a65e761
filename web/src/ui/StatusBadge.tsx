import { useTranslation } from 'react-i18next';
import type { CorridorStatus, MovementStatus } from '../api.ts';

/** A corridor's or a movement's status as a coloured badge; the text says what the colour means. */
export function StatusBadge({ status, testId }: { status: CorridorStatus | MovementStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${status}`} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
