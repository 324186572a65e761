import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, Movement } from '../../api.ts';
import { INTL_LOCALE, currentLang } from '../../i18n/index.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { orgNamer } from '../../ui/format.ts';
import { Loading, LoadError } from '../../ui/LoadState.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { manifestPath, movementPath, onLinkClick } from '../route.ts';
import { useOrgs } from '../useOrgs.ts';
import { AddToManifest } from './AddToManifest.tsx';
import { ManifestCounts, OtherRegistrations } from './ManifestCounts.tsx';
import { ManifestList } from './ManifestList.tsx';
import { RegisteredOnManifest } from './RegisteredOnManifest.tsx';
import { useManifest, useManifestMovement } from './useManifest.ts';

/**
 * On the movement's page: the counts for everyone; for the agency's own staff, the way to the
 * manifest and boarding view.
 */
export function ManifestSummary({ me, movement }: { me: Me; movement: Movement }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { manifest } = useManifest(movement.id);
  if (!manifest) return null;
  // The server names passengers only to those who may see them.
  const named = manifest.passengers !== undefined;
  if (!named && manifest.listed === 0) return null;
  return (
    <section className="manifest-summary" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('people.manifest.summaryHeading')}</h2>
      <ManifestCounts manifest={manifest} testId="manifest-summary" />
      {named && (
        <a className="button manifest-summary__open" href={manifestPath(movement.id)} onClick={onLinkClick} data-testid="manifest-link">
          {t('people.manifest.open')}
        </a>
      )}
    </section>
  );
}

interface ManifestViewProps {
  me: Me;
  movementId: string;
  titleOf: (m: Movement) => string;
}

/**
 * /ops/movements/:id/manifest, at the bus door on a phone or tablet: who is listed, a search
 * to add the agency's registered people, and one large button each to record boarding and
 * arrival. Anyone else who may see the movement gets the counts only.
 */
export function ManifestView({ me, movementId, titleOf }: ManifestViewProps) {
  const { t } = useTranslation();
  const { orgs } = useOrgs();
  const orgName = orgNamer(orgs ?? []);
  const { manifest, setManifest, error, reload } = useManifest(movementId);
  const { movement, movementError, setMovementError, loadMovement } = useManifestMovement(movementId);
  const zone = me.org.timeZone;
  const locale = INTL_LOCALE[currentLang()];

  const passengers = useMemo(
    () =>
      [...(manifest?.passengers ?? [])].sort(
        (a, b) => a.familyName.localeCompare(b.familyName, locale) || a.givenName.localeCompare(b.givenName, locale),
      ),
    [manifest, locale],
  );

  // The agency that registered some of the passengers: its own people by name, no movement to read.
  if (manifest?.carriedBy) {
    return <RegisteredOnManifest manifest={manifest} counts={<ManifestCounts manifest={manifest} testId="manifest-counts" />} zone={zone} locale={locale} />;
  }
  const failure = error ?? movementError;
  if (failure && (!manifest || !movement)) {
    return (
      <div className="manifest">
        <BackLink href={movementPath(movementId)} label={t('people.manifest.back')} />
        <LoadError
          message={t(failure)}
          onRetry={() => {
            setMovementError(null);
            reload();
            loadMovement();
          }}
        />
      </div>
    );
  }
  if (!manifest || !movement) return <Loading />;

  const status = movement.status;
  const manages = manifest.passengers !== undefined;
  const mayAdd = movement.allowedActions.includes('manifest');
  const mayBoard = movement.allowedActions.includes('board');
  const mayArrive = movement.allowedActions.includes('arrive');
  const listed = new Set(passengers.map((p) => p.personId));
  const addBox = <AddToManifest movementId={movementId} listed={listed} onAdded={setManifest} />;

  return (
    <div className="manifest" data-testid="manifest" data-movement-id={movementId} data-status={status}>
      <BackLink href={movementPath(movementId)} label={t('people.manifest.back')} />
      <header className="manifest__head">
        <h1 className="manifest__title">
          {t(manages ? 'people.manifest.heading' : 'people.manifest.summaryHeading')}
          <span className="manifest__movement">{titleOf(movement)}</span>
        </h1>
        <StatusBadge status={status} testId="manifest-status" />
      </header>
      <ManifestCounts manifest={manifest} testId="manifest-counts" />
      <OtherRegistrations others={manifest.others ?? []} />

      {!manages ? (
        <p className="notice">{t('people.manifest.countsOnly')}</p>
      ) : (
        <>
          <p className="manifest__state" data-testid="manifest-state">
            {t(`people.manifest.state.${status}`)}
          </p>
          {/* Before boarding the list is being built: the search comes first; at the door, the list does. */}
          {mayAdd && !mayBoard && addBox}

          <ManifestList
            movementId={movementId}
            passengers={passengers}
            zone={zone}
            locale={locale}
            orgName={orgName}
            mayBoard={mayBoard}
            mayArrive={mayArrive}
            onManifest={setManifest}
            onReload={() => {
              reload();
              loadMovement();
            }}
          />
          {mayAdd && mayBoard && addBox}
        </>
      )}
    </div>
  );
}
