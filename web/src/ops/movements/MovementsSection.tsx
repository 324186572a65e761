import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, Movement } from '../../api.ts';
import { useOrgs } from '../useOrgs.ts';
import { useCorridorIndex, useMovementTitle } from './describe.tsx';
import { mayDo } from '../rights.ts';
import { MovementAlerts } from './MovementAlerts.tsx';
import { MovementBoard } from './MovementBoard.tsx';
import { MovementDetail, type ManifestParts } from './MovementDetail.tsx';
import { MovementForm } from './MovementForm.tsx';
import { useMovements } from './useMovements.ts';
import './movements.css';
import { Loading, LoadError } from '../../ui/LoadState.tsx';

interface MovementsSectionProps {
  me: Me;
  /** What follows /ops/movements/: [] (board), ['new'], [id] or [id, 'manifest']. */
  rest: string[];
  manifest: ManifestParts;
}

/** /ops/movements and below: the board (queue, list, convoy map), the notification form, one movement. */
export function MovementsSection({ me, rest, manifest }: MovementsSectionProps) {
  const { t, i18n } = useTranslation();
  const { orgs, error, retry } = useOrgs();
  const corridors = useCorridorIndex();
  const movements = useMovements();
  const title = useMovementTitle(corridors);
  // Stable while the names and the language stay the same, so maps do not redraw for nothing.
  const titleOf = useCallback((m: Movement) => title(m), [corridors, t, i18n.language]);
  const [first, second] = rest.map((part) => decodeURIComponent(part));

  if (error) {
    return (
      <LoadError message={t(error)} onRetry={retry} size="full" />
    );
  }
  if (!orgs) return <Loading />;

  let view;
  if (!first) {
    view = <MovementBoard me={me} orgs={orgs} corridors={corridors} movements={movements} titleOf={titleOf} />;
  } else if (first === 'new' && second === undefined) {
    view = mayDo(me, 'movement.notify') ? (
      <MovementForm me={me} orgs={orgs} />
    ) : (
      <p className="notice notice--error">{t('ops.errors.forbidden')}</p>
    );
  } else if (second === undefined) {
    view = <MovementDetail key={first} me={me} orgs={orgs} corridors={corridors} movementId={first} titleOf={titleOf} onChanged={movements.put} ManifestSummary={manifest.Summary} />;
  } else if (second === 'manifest' && rest.length === 2) {
    view = <manifest.View key={first} me={me} movementId={first} titleOf={titleOf} />;
  } else {
    view = <p className="notice notice--error">{t('ops.notFound.heading')}</p>;
  }
  return (
    <>
      <MovementAlerts zone={me.org.timeZone} titleOf={titleOf} />
      {view}
    </>
  );
}
