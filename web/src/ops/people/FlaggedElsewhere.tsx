import { useTranslation } from 'react-i18next';
import type { PersonMatch } from '../../api.ts';

/**
 * After a registration: the likely duplicates in other organisations that the registration
 * flagged for the tracing desk itself, by id and score. The registrar cannot read those records,
 * so there is nothing for them to decide; the desk, which can, does.
 */
export function FlaggedElsewhere({ items }: { items: readonly PersonMatch[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section className="duplicates" data-testid="flagged-elsewhere" data-count={items.length}>
      <h2>{t('people.flag.autoHeading')}</h2>
      <p>{t('people.flag.auto', { count: items.length })}</p>
      <ul className="flag-list">
        {items.map((m) => (
          <li key={m.id}>
            <span className="mono">{m.id}</span> · {t('people.flag.score', { score: Math.round(m.score * 100) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
