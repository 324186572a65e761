import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled fact of a detail page; an empty one reads "not set". */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === undefined || children === null || children === '' || children === false;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">{t('corridors.notSet')}</span> : children}</dd>
    </div>
  );
}
