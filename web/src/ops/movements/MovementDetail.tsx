import { useCallback, useEffect, useId, useMemo, useRef, useState, type ComponentType, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError, api, isAbort, type Corridor, type Me, type Movement, type Org } from '../../api.ts';
import { routeLengthKm } from '../../map/geometry.ts';
import { InstantTime, distinctZones, useZonedClock } from '../../time/WindowTime.tsx';
import { useNumber, formatLatLon, orgNamer } from '../../ui/format.ts';
import { corridorPath, onLinkClick, MOVEMENTS_BASE } from '../route.ts';
import type { FormError } from '../../ui/form-errors.ts';
import { Fact } from '../../ui/Fact.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { isUnauthorized, requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { FieldErrors, TextField } from '../FormFields.tsx';
import { coord } from '../RouteTools.tsx';
import { useStaffEvents } from '../stream.ts';
import { AckDecision } from './AckDecision.tsx';
import { ConvoyMap } from './ConvoyMap.tsx';
import { Countdown, OverdueBadge, ProgressBar, WarningList, useMovementWords, useNow } from './describe.tsx';
import { awaitsMyAck, trackActionsOf, type TrackAction } from './fields.ts';
import { enqueue, onOutboxAnswer } from '../../outbox/outbox.ts';
import { ConfirmStep } from '../../ui/ConfirmStep.tsx';
import { whoLabel } from '../who.ts';
import { BackLink } from '../../ui/BackLink.tsx';

/**
 * The people feature's manifest, handed down by the console shell: a movement's pages show it,
 * and features never import each other (test/unit/layering.test.ts).
 */
export interface ManifestParts {
  /** /ops/movements/:id/manifest */
  View: ComponentType<{ me: Me; movementId: string; titleOf: (m: Movement) => string; onSessionEnded: () => void }>;
  /** The counts on the movement's own page. */
  Summary: ComponentType<{ me: Me; movement: Movement; onSessionEnded: () => void }>;
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
  onSessionEnded: () => void;
}

type LoadState = { kind: 'loading' } | { kind: 'error'; key: RequestErrorKey } | { kind: 'ready'; movement: Movement };

/**
 * /ops/movements/:id: the whole movement view (acknowledgements with what they mean, check-ins,
 * expected passages, cargo and delivery), live from the staff stream. The notifying agency's
 * staff start, check in, complete and abort it here; a liaison officer answers for their party.
 */
export function MovementDetail({ me, orgs, corridors, movementId, titleOf, onChanged, ManifestSummary, onSessionEnded }: MovementDetailProps) {
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
          if (isUnauthorized(err)) onSessionEnded();
          // Without signal the last copy stays on screen: the check-in form must stay usable offline.
          else setState((s) => (s.kind === 'ready' && err instanceof NetworkError ? s : { kind: 'error', key: requestErrorKey(err) }));
        });
    },
    [url, onSessionEnded],
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

  if (state.kind === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.kind === 'error') {
    return (
      <div className="movement-detail">
        <BackLink href={MOVEMENTS_BASE} label={t('movements.back')} />
        <div className="notice notice--error" role="alert">
          <p>{t(state.key)}</p>
          <button type="button" className="button button--small" onClick={() => setAttempt((n) => n + 1)}>
            {t('app.retry')}
          </button>
        </div>
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
      onSessionEnded={onSessionEnded}
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
  onSessionEnded: () => void;
}

function MovementView({ me, orgs, corridor, movement: m, title, titleOf, onChanged, onReload, ManifestSummary, onSessionEnded }: MovementViewProps) {
  const { t } = useTranslation();
  const num = useNumber();
  const words = useMovementWords();
  const orgName = useMemo(() => orgNamer(orgs), [orgs]);
  const zone = me.org.timeZone;
  const clock = useZonedClock(zone);
  const zoneOf = (id: string) => orgs.find((o) => o.id === id)?.timeZone;
  const zones = distinctZones([zone, zoneOf(m.agencyId), ...m.requiredAcknowledgements.map(zoneOf)]);
  const now = useNow(10_000);
  const mine = m.acknowledgements.find((a) => a.partyId === me.orgId);
  const actions = trackActionsOf(m);
  const tracking = actions.length > 0;
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState<{ lat: number; lon: number } | null>(null);
  // Picking a position: bring the map into view (on a phone it sits below the form).
  const mapRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (picking) mapRef.current?.scrollIntoView({ block: 'nearest' });
  }, [picking]);
  const km = routeLengthKm(m.route);
  const weight = words.cargoWeight(m.cargo);
  const mapped = useMemo(() => [m], [m]);
  const passed = new Map<string, string>();
  for (const c of m.checkins) if (c.checkpoint && !passed.has(c.checkpoint)) passed.set(c.checkpoint, c.at);

  return (
    <div className="movement-detail corridor-detail" data-testid="movement-detail" data-id={m.id} data-status={m.status} data-overdue={m.overdue ? 'true' : 'false'}>
      <BackLink href={MOVEMENTS_BASE} label={t('movements.back')} />
      <header className="corridor-detail__head">
        <h1 className="corridor-detail__name">{title}</h1>
        <StatusBadge status={m.status} testId="movement-status" />
        {m.urgent && <span className="badge badge--urgent">{t('movements.urgentTag')}</span>}
      </header>
      <p className="corridor-detail__version">
        {t('movements.detail.notifiedBy', { agency: orgName(m.agencyId), time: clock(m.createdAt) })}
        {' · '}
        {t('corridors.updatedAt', { time: clock(m.updatedAt) })}
      </p>
      <OverdueBadge movement={m} zone={zone} />

      <div className="corridor-detail__layout">
        <div className="corridor-detail__facts">
          {mine && (
            <p className={`notice ${mine.decision === 'deny' ? 'notice--error' : 'notice--ok'}`} data-testid="my-answer" data-decision={mine.decision}>
              {t(mine.decision === 'acknowledge' ? 'movements.row.youAcknowledged' : 'movements.row.youDenied', { time: clock(mine.at) })}
            </p>
          )}
          {awaitsMyAck(m) && (
            <section className="approval-panel" aria-labelledby="md-decide">
              <div className="ack-item__head">
                <h2 id="md-decide">{t('movements.detail.decideHeading', { party: me.org.name })}</h2>
                <Countdown deadline={m.acknowledgementDeadline} now={now} />
              </div>
              <AckDecision me={me} movement={m} onDecided={(updated) => onChanged(updated)} onSessionEnded={onSessionEnded} />
            </section>
          )}

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
              onSessionEnded={onSessionEnded}
            />
          )}
          {(m.kind === 'evacuation' || (m.passengers ?? 0) > 0) && <ManifestSummary me={me} movement={m} onSessionEnded={onSessionEnded} />}
          <section aria-labelledby="md-facts">
            <h2 id="md-facts">{t('movements.detail.notification')}</h2>
            <dl className="facts">
              <Fact label={t('movements.facts.kind')}>{words.kind(m)}</Fact>
              <Fact label={t('movements.facts.corridor')}>
                {m.corridorId ? (
                  <>
                    <a href={corridorPath(m.corridorId)} onClick={onLinkClick}>
                      {corridor?.name ?? t('movements.corridorUnnamed')}
                    </a>
                    {corridor && (
                      <>
                        {' '}
                        <StatusBadge status={corridor.status} />
                      </>
                    )}
                  </>
                ) : (
                  t('movements.ownRoute')
                )}
              </Fact>
              <Fact label={t('movements.facts.route')}>{km !== null && m.route ? t('corridors.routeSummary', { km: num(km, 1), count: m.route.coordinates.length }) : ''}</Fact>
              <Fact label={t('movements.facts.departAt')}>
                <InstantTime instant={m.departAt} zones={zones} />
              </Fact>
              <Fact label={t('movements.facts.arriveBy')}>
                <InstantTime instant={m.arriveBy} zones={zones} />
              </Fact>
              <Fact label={t('movements.facts.people')}>
                {t('movements.personnelN', { n: num(m.personnel) })}
                {m.passengers !== null && (m.kind === 'evacuation' || m.passengers > 0) && <> · {t('movements.passengersN', { n: num(m.passengers) })}</>}
              </Fact>
              {m.urgent && <Fact label={t('movements.facts.justification')}>{m.justification}</Fact>}
              {(m.status === 'underway' || m.status === 'completed') && (
                <Fact label={t('movements.facts.progress')}>
                  <ProgressBar movement={m} />
                </Fact>
              )}
              {m.status === 'underway' && m.expectedNext && (
                <Fact label={t('movements.facts.expectedNext')}>
                  <span data-testid="expected-next">
                    {m.expectedNext.what === 'arrival' ? t('movements.detail.arrival') : m.expectedNext.what} — {clock(m.expectedNext.at)}
                  </span>
                </Fact>
              )}
            </dl>
          </section>

          <section aria-labelledby="md-vehicles">
            <h2 id="md-vehicles">{t('movements.facts.vehicles')}</h2>
            <div className="table-wrap">
              <table className="data-table" data-testid="vehicles">
                <thead>
                  <tr>
                    <th scope="col">{t('movements.detail.n')}</th>
                    <th scope="col">{t('movements.detail.vehicleType')}</th>
                    <th scope="col">{t('movements.detail.plate')}</th>
                    <th scope="col">{t('movements.detail.markings')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.vehicles.map((v, i) => (
                    <tr key={i}>
                      <td>{num(i + 1)}</td>
                      <td>{words.vehicleType(v.type)}</td>
                      <td>{v.plate || <span className="muted">{t('corridors.notSet')}</span>}</td>
                      <td>{v.markings || <span className="muted">{t('corridors.notSet')}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
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

      <section aria-labelledby="md-acks">
        <h2 id="md-acks">{t('movements.detail.acks')}</h2>
        <p className="ack-meaning">{t('movements.ack.meaning')}</p>
        <p className="corridor-detail__zones">{t('movements.detail.deadline', { time: clock(m.acknowledgementDeadline) })}</p>
        <ul className="approvals" data-testid="acknowledgements">
          {m.requiredAcknowledgements.map((partyId) => {
            const a = m.acknowledgements.find((x) => x.partyId === partyId);
            const cls = a ? (a.decision === 'acknowledge' ? 'approve' : 'reject') : 'pending';
            return (
              <li key={partyId} className={`approvals__item approvals__item--${cls}`} data-testid="acknowledgement" data-party={partyId} data-decision={a?.decision ?? 'pending'}>
                <strong className="approvals__party">{orgName(partyId)}</strong>
                <span className="approvals__decision">
                  {a ? t(a.decision === 'acknowledge' ? 'movements.ack.acknowledged' : 'movements.ack.denied') : t('movements.ack.pending')}
                </span>
                {a && (
                  <span className="approvals__who" data-testid="ack-who">
                    {t('movements.ack.answeredBy', { user: whoLabel(t, a.who, orgName), time: clock(a.at) })}
                  </span>
                )}
                {a?.comment && <span className="approvals__comment">{t('corridors.commentQuoted', { comment: a.comment })}</span>}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="md-passages">
        <h2 id="md-passages">{t('movements.detail.passages')}</h2>
        <div className="table-wrap">
          <table className="data-table" data-testid="passages">
            <thead>
              <tr>
                <th scope="col">{t('movements.detail.checkpoint')}</th>
                <th scope="col">{t('movements.detail.expected')}</th>
                <th scope="col">{t('movements.detail.passed')}</th>
              </tr>
            </thead>
            <tbody>
              {m.expectedPassages.map((p) => {
                const at = passed.get(p.checkpoint);
                const due = m.status === 'underway' && m.expectedNext?.what === p.checkpoint;
                return (
                  <tr key={p.checkpoint} data-testid="passage" data-passed={at ? 'true' : 'false'} className={due && m.overdue ? 'data-table__row--overdue' : undefined}>
                    <th scope="row">{p.checkpoint}</th>
                    <td>{clock(p.expectedAt)}</td>
                    <td>{at ? t('movements.detail.passedAt', { time: clock(at) }) : <span className="muted">{t('movements.detail.notPassed')}</span>}</td>
                  </tr>
                );
              })}
              <tr data-testid="passage" data-passed={m.status === 'completed' ? 'true' : 'false'} className={m.overdue && m.expectedNext?.what === 'arrival' ? 'data-table__row--overdue' : undefined}>
                <th scope="row">{t('movements.detail.arrival')}</th>
                <td>{clock(m.arriveBy)}</td>
                <td>{m.status === 'completed' ? t('movements.detail.arrived') : <span className="muted">{t('movements.detail.notPassed')}</span>}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="md-checkins">
        <h2 id="md-checkins">{t('movements.detail.checkins')}</h2>
        {m.checkins.length === 0 ? (
          <p>{t('movements.row.noCheckin')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="checkins">
              <thead>
                <tr>
                  <th scope="col">{t('movements.detail.time')}</th>
                  <th scope="col">{t('movements.detail.position')}</th>
                  <th scope="col">{t('movements.detail.checkpoint')}</th>
                  <th scope="col">{t('movements.detail.note')}</th>
                </tr>
              </thead>
              <tbody>
                {m.checkins.map((c, i) => (
                  <tr key={`${c.at}-${i}`} data-testid="checkin">
                    <td>{clock(c.at)}</td>
                    <td className="mono">{formatLatLon(c)}</td>
                    <td>{c.checkpoint ?? <span className="muted">—</span>}</td>
                    <td>{c.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {m.cargo.length > 0 && (
        <section aria-labelledby="md-cargo">
          <h2 id="md-cargo">{t('movements.facts.cargo')}</h2>
          <div className="table-wrap">
            <table className="data-table" data-testid="cargo">
              <thead>
                <tr>
                  <th scope="col">{t('movements.detail.category')}</th>
                  <th scope="col">{t('movements.detail.item')}</th>
                  <th scope="col" className="num">{t('movements.detail.quantity')}</th>
                  <th scope="col">{t('movements.detail.unit')}</th>
                  <th scope="col" className="num">{t('movements.detail.weight')}</th>
                </tr>
              </thead>
              <tbody>
                {m.cargo.map((c, i) => (
                  <tr key={`${c.item}-${i}`}>
                    <td>{words.category(c.category)}</td>
                    <td>{c.item}</td>
                    <td className="num">{num(c.quantity, 3)}</td>
                    <td>{c.unit}</td>
                    <td className="num">{c.weightKg !== undefined ? num(c.weightKg) : ''}</td>
                  </tr>
                ))}
              </tbody>
              {weight !== null && (
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={4}>
                      {t('movements.detail.totalWeight')}
                    </th>
                    <td className="num">{num(weight)}</td>
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
          {actions.includes('delivery') && <DeliveryForm movement={m} onChanged={onChanged} onSessionEnded={onSessionEnded} />}
          {m.delivery && <Discrepancies movement={m} zone={zone} />}
          {m.status === 'completed' && m.cargo.length > 0 && !m.delivery && !actions.includes('delivery') && <p className="muted">{t('movements.delivery.notYet')}</p>}
        </section>
      )}
    </div>
  );
}

/* ---------- The agency's actions: start, check in, complete, abort ---------- */

interface TrackActionsProps {
  movement: Movement;
  actions: TrackAction[];
  zone: string;
  picked: { lat: number; lon: number } | null;
  picking: boolean;
  onPickingChange: (picking: boolean) => void;
  onPicked: (point: { lat: number; lon: number } | null) => void;
  onChanged: (movement: Movement) => void;
  onReload: () => void;
  onSessionEnded: () => void;
}

function TrackActions({ movement: m, actions, zone, picked, picking, onPickingChange, onPicked, onChanged, onReload, onSessionEnded }: TrackActionsProps) {
  const { t } = useTranslation();
  const id = useId();
  const clock = useZonedClock(zone);
  const [confirming, setConfirming] = useState<'start' | 'complete' | 'abort' | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [notBoarded, setNotBoarded] = useState<number | null>(null);
  const base = `/api/v1/movements/${encodeURIComponent(m.id)}`;

  // Before a start, the manifest says whether anyone listed is not recorded boarding.
  useEffect(() => {
    if (confirming !== 'start') return;
    const controller = new AbortController();
    api<{ listed: number; boarded: number; notBoarded?: number }>(`${base}/passengers`, { signal: controller.signal })
      .then((c) => setNotBoarded(c.listed - c.boarded - (c.notBoarded ?? 0)))
      .catch(() => setNotBoarded(null));
    return () => controller.abort();
  }, [confirming, base]);

  async function run(path: 'start' | 'complete' | 'abort') {
    if (path === 'abort' && !reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Movement>(`${base}/${path}`, { method: 'POST', ...(path === 'abort' ? { body: { reason: reason.trim() } } : {}) });
      setConfirming(null);
      setReason('');
      onChanged(updated);
    } catch (err) {
      if (isUnauthorized(err)) onSessionEnded();
      else {
        setError(requestErrorKey(err));
        if (err instanceof ApiError && err.status === 409) onReload();
      }
    } finally {
      setBusy(false);
    }
  }

  const earlyMinutes = Math.round((new Date(m.departAt).getTime() - Date.now()) / 60_000);
  const startWarnings = [
    ...(earlyMinutes > 15 ? [t('movements.confirm.early', { time: clock(m.departAt), hours: (earlyMinutes / 60).toFixed(1) })] : []),
    ...(notBoarded ? [t('movements.confirm.notBoarded', { count: notBoarded })] : []),
  ];
  const last = m.lastCheckin;
  const completeWarnings = m.progress < 0.9 ? [t('movements.confirm.farFromEnd', { percent: Math.round(m.progress * 100) })] : [];
  const cancel = () => {
    setConfirming(null);
    setReason('');
  };

  const confirm =
    confirming === 'start' ? (
      <ConfirmStep title={t('movements.confirm.startTitle')} warnings={startWarnings} confirmLabel={t('movements.confirm.startConfirm')} busy={busy} onConfirm={() => void run('start')} onCancel={cancel} testId="confirm-start">
        <p>{t('movements.confirm.startFacts', { depart: clock(m.departAt), arrive: clock(m.arriveBy), vehicles: m.vehicles.length })}</p>
      </ConfirmStep>
    ) : confirming === 'complete' ? (
      <ConfirmStep title={t('movements.confirm.completeTitle')} warnings={completeWarnings} confirmLabel={t('movements.confirm.completeConfirm')} busy={busy} onConfirm={() => void run('complete')} onCancel={cancel} testId="confirm-complete">
        <p>{last ? t('movements.confirm.completeFacts', { time: clock(last.at) }) : t('movements.confirm.completeNoCheckin')}</p>
      </ConfirmStep>
    ) : confirming === 'abort' ? (
      <ConfirmStep title={t('movements.confirm.abortTitle')} confirmLabel={t('movements.actions.abortConfirm')} danger busy={busy} ready={reason.trim().length > 0} onConfirm={() => void run('abort')} onCancel={cancel} testId="abort-form">
        <p>{t('movements.confirm.abortFacts')}</p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('movements.actions.abortReason')}</label>
          <textarea id={`${id}-reason`} required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      </ConfirmStep>
    ) : null;

  const underway = actions.includes('checkin');
  const errorNotice = error && (
    <p className="notice notice--error" role="alert">
      {t(error)}
    </p>
  );
  return (
    <section className="actions movement-actions" aria-label={t('movements.actions.label')}>
      {!underway && (actions.includes('start') || actions.includes('abort')) && (
        <div className="actions__buttons">
          {actions.includes('start') && (
            <button type="button" className="button button--approve" disabled={busy} aria-expanded={confirming === 'start'} onClick={() => setConfirming('start')} data-testid="start">
              {t('movements.actions.start')}
            </button>
          )}
          {actions.includes('abort') && (
            <button type="button" className="button button--danger" aria-expanded={confirming === 'abort'} onClick={() => setConfirming('abort')} data-testid="abort">
              {t('movements.actions.abort')}
            </button>
          )}
        </div>
      )}
      {m.status === 'submitted' && <p className="field__hint">{t('movements.actions.waitForParties')}</p>}
      {m.status === 'denied' && <p className="field__hint">{t('movements.actions.denied')}</p>}
      {!underway && confirm}
      {!underway && errorNotice}
      {underway && (
        <>
          <CheckinForm
            movement={m}
            picked={picked}
            picking={picking}
            onPickingChange={onPickingChange}
            onPicked={onPicked}
            zone={zone}
            onDone={onReload}
            onSessionEnded={onSessionEnded}
          />
          {/* Ending the journey sits apart from the check-in, so a hurried thumb does not end it. */}
          <div className="movement-actions__end" data-testid="end-actions">
            <h2 className="movement-actions__end-heading">{t('movements.actions.endHeading')}</h2>
            <div className="actions__buttons">
              <button type="button" className="button button--secondary" disabled={busy} aria-expanded={confirming === 'complete'} onClick={() => setConfirming('complete')} data-testid="complete">
                {t('movements.actions.complete')}
              </button>
              <button type="button" className="button button--danger" aria-expanded={confirming === 'abort'} onClick={() => setConfirming('abort')} data-testid="abort">
                {t('movements.actions.abort')}
              </button>
            </div>
            {confirm}
            {errorNotice}
          </div>
        </>
      )}
    </section>
  );
}

/** "50,9" and "50.9" both read as 50.9; empty or not a number is null. */
function readNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

type CheckinErrorKey = 'corridors.errors.latitude' | 'corridors.errors.longitude';

interface CheckinFormProps {
  movement: Movement;
  picked: { lat: number; lon: number } | null;
  picking: boolean;
  onPickingChange: (picking: boolean) => void;
  onPicked: (point: { lat: number; lon: number } | null) => void;
  zone: string;
  onDone: () => void;
  onSessionEnded: () => void;
}

/** A position report: from a click on the map, the device's location, or typed; at a checkpoint or not. */
function CheckinForm({ movement: m, picked, picking, onPickingChange, onPicked, zone, onDone, onSessionEnded }: CheckinFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const clock = useZonedClock(zone);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [checkpoint, setCheckpoint] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [sent, setSent] = useState<{ at: string; queued: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  // A point picked on the map fills the fields.
  useEffect(() => {
    if (!picked) return;
    setLat(String(picked.lat));
    setLon(String(picked.lon));
  }, [picked]);

  const checkpoints = m.expectedPassages;

  function locate() {
    if (!('geolocation' in navigator)) {
      setLocating('failed');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const point = { lat: Number(coord(pos.coords.latitude)), lon: Number(coord(pos.coords.longitude)) };
        onPicked(point);
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const la = readNumber(lat);
    const lo = readNumber(lon);
    const local: FormError[] = [];
    const key = (path: string, k: CheckinErrorKey) => local.push({ path, message: '', key: k });
    if (la === null || la < -90 || la > 90) key('/lat', 'corridors.errors.latitude');
    if (lo === null || lo < -180 || lo > 180) key('/lon', 'corridors.errors.longitude');
    setErrors(local);
    setFailure(null);
    if (local.length || la === null || lo === null) return;
    setBusy(true);
    setSent(null);
    // The tap's own time goes with it: sent now or later from the outbox, it is when the convoy was there.
    const tappedAt = new Date().toISOString();
    const body = { lat: la, lon: lo, at: tappedAt, ...(checkpoint ? { checkpoint } : {}), ...(note.trim() ? { note: note.trim() } : {}) };
    const clear = () => {
      setLat('');
      setLon('');
      setCheckpoint('');
      setNote('');
      onPicked(null);
    };
    try {
      const { outcome, body: answer } = await enqueue({ kind: 'checkin', path: `/api/v1/movements/${encodeURIComponent(m.id)}/checkins`, body, tappedAt, movementId: m.id });
      if (outcome === 'sent') {
        setSent({ at: (answer as { at?: string } | undefined)?.at ?? tappedAt, queued: false });
        clear();
        onDone();
      } else if (outcome === 'waiting' || outcome === 'signed-out') {
        setSent({ at: tappedAt, queued: true });
        clear();
        if (outcome === 'signed-out') onSessionEnded();
      }
      // Refused: the outbox banner shows it, with the server's reason, for the user to resolve.
    } catch {
      // No IndexedDB on this device (private mode of some browsers): send it directly.
      try {
        const result = await api<{ id: string; at: string }>(`/api/v1/movements/${encodeURIComponent(m.id)}/checkins`, { method: 'POST', body });
        setSent({ at: result.at, queued: false });
        clear();
        onDone();
      } catch (err) {
        if (isUnauthorized(err)) onSessionEnded();
        else {
          if (err instanceof ApiError && err.problem?.errors?.length) setErrors(err.problem.errors);
          setFailure(requestErrorKey(err));
        }
      }
    } finally {
      setBusy(false);
    }
  }

  const at = (path: string) => errors.filter((e) => e.path === path || e.path === `/body${path}`);
  const other = errors.filter((e) => !['/lat', '/lon', '/checkpoint', '/note'].some((p) => e.path === p || e.path === `/body${p}`));
  return (
    <form className="checkin-form" data-testid="checkin-form" onSubmit={submit} noValidate>
      <h2 className="checkin-form__heading">{t('movements.checkin.heading')}</h2>
      <div className="toolbar">
        <button type="button" className="button button--secondary" aria-pressed={picking} onClick={() => onPickingChange(!picking)} data-testid="checkin-pick">
          {picking ? t('movements.checkin.picking') : t('movements.checkin.pick')}
        </button>
        <button type="button" className="button button--secondary" onClick={locate} disabled={locating === 'busy'} data-testid="checkin-locate">
          {locating === 'busy' ? t('movements.checkin.locating') : t('movements.checkin.locate')}
        </button>
      </div>
      {locating === 'failed' && <p className="field-error">{t('movements.checkin.locateFailed')}</p>}
      <div className="point-row__coords">
        <TextField id={`${id}-lat`} label={t('movements.checkin.lat')} value={lat} inputMode="decimal" onChange={setLat} errors={at('/lat')} />
        <TextField id={`${id}-lon`} label={t('movements.checkin.lon')} value={lon} inputMode="decimal" onChange={setLon} errors={at('/lon')} />
      </div>
      {checkpoints.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-cp`}>{t('movements.checkin.checkpoint')}</label>
          <select
            id={`${id}-cp`}
            value={checkpoint}
            aria-invalid={at('/checkpoint').length > 0}
            onChange={(e) => {
              const name = e.target.value;
              setCheckpoint(name);
              const cp = checkpoints.find((c) => c.checkpoint === name);
              // At a checkpoint, its place is the position unless one was given.
              if (cp && !lat.trim() && !lon.trim()) onPicked({ lat: cp.lat, lon: cp.lon });
            }}
          >
            <option value="">{t('movements.checkin.noCheckpoint')}</option>
            {checkpoints.map((c) => (
              <option key={c.checkpoint} value={c.checkpoint}>
                {c.checkpoint}
              </option>
            ))}
          </select>
          <FieldErrors id={`${id}-cp-err`} errors={at('/checkpoint')} />
        </div>
      )}
      <TextField id={`${id}-note`} label={t('movements.checkin.note')} value={note} onChange={setNote} errors={at('/note')} multiline />
      <FieldErrors id={`${id}-other-err`} errors={other} />
      {failure && (
        <p className="notice notice--error" role="alert">
          {t(failure)}
        </p>
      )}
      {sent && !sent.queued && (
        <p className="notice notice--ok" role="status" data-testid="checkin-sent">
          {t('movements.checkin.sent', { time: clock(sent.at) })}
        </p>
      )}
      {sent?.queued && (
        <p className="notice" role="status" data-testid="checkin-queued">
          {t('movements.checkin.queued', { time: clock(sent.at) })}
        </p>
      )}
      <button type="submit" className="button" disabled={busy} data-testid="checkin-submit">
        {t('movements.checkin.submit')}
      </button>
    </form>
  );
}

/* ---------- Supplies: delivery confirmation and discrepancies ---------- */

/** Distinct cargo items with their unit and the quantity expected in all (as the server adds them up). */
function cargoItems(m: Movement): { item: string; unit: string; expected: number }[] {
  const out = new Map<string, { item: string; unit: string; expected: number }>();
  for (const c of m.cargo) {
    const prior = out.get(c.item);
    out.set(c.item, { item: c.item, unit: c.unit, expected: (prior?.expected ?? 0) + c.quantity });
  }
  return [...out.values()];
}

function DeliveryForm({ movement: m, onChanged, onSessionEnded }: { movement: Movement; onChanged: (m: Movement) => void; onSessionEnded: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const num = useNumber();
  const items = cargoItems(m);
  const [received, setReceived] = useState<string[]>(() => items.map(() => ''));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FormError[] = [];
    const values = received.map((text, i) => {
      const value = readNumber(text);
      if (value === null || value < 0) local.push({ path: `/items/${i}/quantityReceived`, message: '', key: 'movements.errors.received' });
      return value ?? 0;
    });
    setErrors(local);
    setFailure(null);
    if (local.length) return;
    setBusy(true);
    try {
      const body = { items: items.map((it, i) => ({ item: it.item, quantityReceived: values[i] ?? 0 })), ...(note.trim() ? { note: note.trim() } : {}) };
      onChanged(await api<Movement>(`/api/v1/movements/${encodeURIComponent(m.id)}/delivery`, { method: 'POST', body }));
    } catch (err) {
      if (isUnauthorized(err)) onSessionEnded();
      else {
        if (err instanceof ApiError && err.problem?.errors?.length) setErrors(err.problem.errors);
        setFailure(requestErrorKey(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="group delivery-form" data-testid="delivery-form" onSubmit={submit} noValidate>
      <h3>{t('movements.delivery.heading')}</h3>
      <p className="field__hint">{t('movements.delivery.intro')}</p>
      {items.map((it, i) => (
        <TextField
          key={it.item}
          id={`${id}-item-${i}`}
          label={t('movements.delivery.received', { item: it.item, unit: it.unit })}
          hint={t('movements.delivery.expected', { quantity: num(it.expected, 3), unit: it.unit })}
          value={received[i] ?? ''}
          inputMode="decimal"
          onChange={(value) => setReceived((list) => list.map((v, j) => (j === i ? value : v)))}
          errors={errors.filter((e) => e.path.startsWith(`/items/${i}/`) || e.path === `/items/${i}`)}
        />
      ))}
      <TextField id={`${id}-note`} label={t('movements.delivery.note')} value={note} onChange={setNote} errors={[]} multiline />
      {failure && (
        <p className="notice notice--error" role="alert">
          {t(failure)}
        </p>
      )}
      <button type="submit" className="button" disabled={busy} data-testid="delivery-submit">
        {t('movements.delivery.submit')}
      </button>
    </form>
  );
}

function Discrepancies({ movement: m, zone }: { movement: Movement; zone: string }) {
  const { t } = useTranslation();
  const num = useNumber();
  const clock = useZonedClock(zone);
  const delivery = m.delivery;
  if (!delivery) return null;
  const short = delivery.lines.filter((l) => l.difference !== 0).length;
  return (
    <div className="delivery" data-testid="discrepancies">
      <h3>{t('movements.delivery.confirmed', { time: clock(delivery.at) })}</h3>
      <p className={short ? 'notice notice--error' : 'notice notice--ok'}>
        {short ? t('movements.delivery.someDiffer', { count: short }) : t('movements.delivery.allArrived')}
      </p>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('movements.detail.item')}</th>
              <th scope="col" className="num">{t('movements.delivery.expectedCol')}</th>
              <th scope="col" className="num">{t('movements.delivery.receivedCol')}</th>
              <th scope="col" className="num">{t('movements.delivery.difference')}</th>
              <th scope="col">{t('movements.detail.unit')}</th>
            </tr>
          </thead>
          <tbody>
            {delivery.lines.map((l) => (
              <tr key={l.item} data-testid="discrepancy" data-item={l.item} data-difference={l.difference} className={l.difference < 0 ? 'data-table__row--short' : l.difference > 0 ? 'data-table__row--over' : undefined}>
                <th scope="row">{l.item}</th>
                <td className="num">{num(l.expected, 3)}</td>
                <td className="num">{num(l.received, 3)}</td>
                <td className="num">{l.difference > 0 ? `+${num(l.difference, 3)}` : num(l.difference, 3)}</td>
                <td>{l.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {delivery.note && <p>{t('movements.delivery.noteQuoted', { note: delivery.note })}</p>}
    </div>
  );
}
