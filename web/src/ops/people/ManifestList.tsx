import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Manifest, ManifestEntry } from '../../api.ts';
import { useOutbox } from '../../outbox/useOutbox.ts';
import { zoneName } from '../../time/WindowTime.tsx';
import { ManifestRow } from './ManifestRow.tsx';

interface ManifestListProps {
  movementId: string;
  /** Sorted by family name, then given name. */
  passengers: readonly ManifestEntry[];
  zone: string;
  locale: string;
  orgName: (id: string) => string;
  mayBoard: boolean;
  mayArrive: boolean;
  onManifest: (manifest: Manifest) => void;
  onReload: () => void;
}

/** Who is listed, each with the boarding and arrival buttons; a filter once the list is long. */
export function ManifestList({ movementId, passengers, zone, locale, orgName, mayBoard, mayArrive, onManifest, onReload }: ManifestListProps) {
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState('');
  const outbox = useOutbox();
  const shownPassengers = useMemo(() => {
    const words = filter.trim().toLocaleLowerCase(locale).split(/\s+/).filter(Boolean);
    if (!words.length) return passengers;
    return passengers.filter((p) => {
      const text = `${p.familyName} ${p.givenName} ${p.birthDate ?? ''}`.toLocaleLowerCase(locale);
      return words.every((w) => text.includes(w));
    });
  }, [passengers, filter, locale]);
  return (
    <section className="manifest__list" aria-labelledby={`${id}-list`}>
      <h2 id={`${id}-list`}>{t('people.manifest.listHeading')}</h2>
      {passengers.length === 0 ? (
        <p className="movements__empty">{t('people.manifest.empty')}</p>
      ) : (
        <>
          {passengers.length > 5 && (
            <div className="field">
              <label htmlFor={`${id}-filter`}>{t('people.manifest.filter')}</label>
              <input id={`${id}-filter`} type="search" autoComplete="off" spellCheck={false} value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="manifest-filter" />
            </div>
          )}
          <p className="field__hint">{t('people.manifest.timesIn', { zone: zoneName(zone, t) })}</p>
          <ul className="manifest-rows">
            {shownPassengers.map((p) => (
              <ManifestRow
                key={p.personId}
                entry={p}
                movementId={movementId}
                zone={zone}
                locale={locale}
                orgName={orgName}
                mayBoard={mayBoard}
                mayArrive={mayArrive}
                pending={outbox.items.filter((i) => i.movementId === movementId && i.personId === p.personId)}
                onManifest={onManifest}
                onReload={onReload}
              />
            ))}
          </ul>
          {shownPassengers.length === 0 && <p className="muted">{t('people.manifest.noneMatch')}</p>}
        </>
      )}
    </section>
  );
}
