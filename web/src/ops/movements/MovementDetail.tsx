import { useCallback, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { NetworkError, isAbort, type Corridor, type Me, type Movement, type Org } from '../../api.ts';
import { orgNamer } from '../../ui/format.ts';
import { MOVEMENTS_BASE } from '../route.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { coord } from '../RouteTools.tsx';
import { useStaffEvents } from '../stream.ts';
import { ConvoyMap } from './ConvoyMap.tsx';
import { WarningList, useNow } from './describe.tsx';
import { trackActionsOf } from './fields.ts';
import { onOutboxAnswer } from '../../outbox/outbox.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { Loading, LoadError } from '../../ui/LoadState.tsx';
import { CargoSection } from './MovementCargo.tsx';
import { AcknowledgementList, MyAcknowledgement } from './MovementAcknowledgements.tsx';
import { NotificationFacts, VehiclesTable } from './MovementFacts.tsx';
import { MovementHeader } from './MovementHeader.tsx';
import { CheckinsTable, PassagesTable } from './MovementJourney.tsx';
import { TrackActions } from './TrackActions.tsx';

/**
 * The people feature's manifest, handed down by the console shell: a movement's pages show it,
 * and features never import each other (test/unit/layering.test.ts).
 */
export interface ManifestParts {
  /** /ops/movements/:id/manifest */
  View: ComponentType<{ me: Me; movementId: string; titleOf: (m: Movement) => string }>;
  /** The counts on the movement's own page. */
  Summary: ComponentType<{ me: Me; movement: Movement }>;
}

interface MovementDetailProps {
  me: Me;
  orgs: readonly Org[];
  corridors: ReadonlyMap<string, Corridor> | null;
  movementId: string;
  titleOf: (m: Movement) => string;
  /** Tells the section's list that the movement changed. */
  onChanged: (movement: Movement) => void;
  ManifestSummary: ManifestParts['Summary'];
}

type LoadState = { kind: 'loading' } | { kind: 'error'; key: RequestErrorKey } | { kind: 'ready'; movement: Movement };

/**
 * /ops/movements/:id: the whole movement view (acknowledgements with what they mean, check-ins,
 * expected passages, cargo and delivery), live from the staff stream. The notifying agency's
 * staff start, check in, complete and abort it here; a liaison officer answers for their party.
 */
export function MovementDetail({ me, orgs, corridors, movementId, titleOf, onChanged, ManifestSummary }: MovementDetailProps) {
  const api = useApi();
  const { t } = useTranslation();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const url = `/api/v1/movements/${encodeURIComponent(movementId)}`;

  const load = useCallback(
    (signal?: AbortSignal) => {
      api<Movement>(url, { signal })
        .then((movement) => setState({ kind: 'ready', movement }))
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          // Without signal the last copy stays on screen: the check-in form must stay usable offline.
          setState((s) => (s.kind === 'ready' && err instanceof NetworkError ? s : { kind: 'error', key: requestErrorKey(err) }));
        });
    },
    [api, url],
  );

  // A check-in sent later from the outbox, or refused: show what the server holds now.
  useEffect(() => onOutboxAnswer((item) => item.movementId === movementId && load()), [movementId, load]);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load, attempt]);

  useStaffEvents((event) => {
    if (!event || (event.type === 'movement' && event.data.id === movementId) || (event.type === 'incident' && event.data.movements.includes(movementId))) load();
  });

  const changed = (movement: Movement) => {
    setState({ kind: 'ready', movement });
    onChanged(movement);
  };

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') {
    return (
      <div className="movement-detail">
        <BackLink href={MOVEMENTS_BASE} label={t('movements.back')} />
        <LoadError message={t(state.key)} onRetry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  }
  const movement = state.movement;
  return (
    <MovementView
      me={me}
      orgs={orgs}
      ManifestSummary={ManifestSummary}
      corridor={movement.corridorId ? (corridors?.get(movement.corridorId) ?? null) : null}
      movement={movement}
      title={titleOf(movement)}
      titleOf={titleOf}
      onChanged={changed}
      onReload={() => load()}
    />
  );
}

interface MovementViewProps {
  me: Me;
  orgs: readonly Org[];
  corridor: Corridor | null;
  movement: Movement;
  title: string;
  titleOf: (m: Movement) => string;
  onChanged: (movement: Movement) => void;
  onReload: () => void;
  ManifestSummary: ManifestParts['Summary'];
}

function MovementView({ me, orgs, corridor, movement: m, title, titleOf, onChanged, onReload, ManifestSummary }: MovementViewProps) {
  const { t } = useTranslation();
  const orgName = useMemo(() => orgNamer(orgs), [orgs]);
  const zone = me.org.timeZone;
  // Re-renders the whole view every 10 s: the countdown, and the start step's "early" warning, read the clock.
  const now = useNow(10_000);
  const actions = trackActionsOf(m);
  const tracking = actions.length > 0;
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState<{ lat: number; lon: number } | null>(null);
  // Picking a position: bring the map into view (on a phone it sits below the form).
  const mapRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (picking) mapRef.current?.scrollIntoView({ block: 'nearest' });
  }, [picking]);
  const mapped = useMemo(() => [m], [m]);

  return (
    <div className="movement-detail corridor-detail" data-testid="movement-detail" data-id={m.id} data-status={m.status} data-overdue={m.overdue ? 'true' : 'false'}>
      <MovementHeader movement={m} title={title} orgName={orgName} zone={zone} />

      <div className="corridor-detail__layout">
        <div className="corridor-detail__facts">
          <MyAcknowledgement me={me} movement={m} zone={zone} now={now} onChanged={onChanged} />

          {tracking && (
            <TrackActions
              movement={m}
              actions={actions}
              zone={zone}
              picked={picked}
              picking={picking}
              onPickingChange={setPicking}
              onPicked={setPicked}
              onChanged={onChanged}
              onReload={onReload}
            />
          )}
          {(m.kind === 'evacuation' || (m.passengers ?? 0) > 0) && <ManifestSummary me={me} movement={m} />}
          <NotificationFacts movement={m} corridor={corridor} orgs={orgs} zone={zone} />
          <VehiclesTable movement={m} />
        </div>
        <section className="corridor-detail__map" aria-label={t('movements.map.label')} ref={mapRef}>
          {picking && (
            <p className="map-mode map-mode--active" role="status">
              {t('movements.checkin.pickHint')}
            </p>
          )}
          <ConvoyMap
            movements={mapped}
            titleOf={titleOf}
            zone={zone}
            detailed
            picked={picked}
            focusKey={m.id}
            onMapClick={
              picking
                ? (p) => {
                    setPicked({ lat: Number(coord(p.lat)), lon: Number(coord(p.lon)) });
                    setPicking(false);
                  }
                : null
            }
            testId="movement-map"
          />
        </section>
      </div>

      <section aria-labelledby="md-warnings">
        <h2 id="md-warnings">{t('movements.warnings.headingAtNotice')}</h2>
        <WarningList warnings={m.warnings} zone={zone} testId="movement-warnings" />
      </section>

      <AcknowledgementList movement={m} orgName={orgName} zone={zone} />
      <PassagesTable movement={m} zone={zone} />
      <CheckinsTable movement={m} zone={zone} />
      <CargoSection movement={m} actions={actions} zone={zone} onChanged={onChanged} />
    </div>
  );
}
