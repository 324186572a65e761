import { useTranslation } from 'react-i18next';

/** "Loading…" while a read is under way; a status, so a screen reader says it once. */
export function Loading({ className }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className={className}>
      {t('app.loading')}
    </p>
  );
}

interface LoadErrorProps {
  /** What went wrong, already in the user's language. */
  message: string;
  onRetry: () => void;
  /** A whole section that could not load has a full-size button; a part of a page, a small one. */
  size?: 'small' | 'full';
}

/** A read that failed: what went wrong, and a button to try again. */
export function LoadError({ message, onRetry, size = 'small' }: LoadErrorProps) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>{message}</p>
      <button type="button" className={size === 'small' ? 'button button--small' : 'button'} onClick={onRetry}>
        {t('app.retry')}
      </button>
    </div>
  );
}
