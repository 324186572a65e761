import type { CorridorStep } from '../../../../src/domain/next-steps.ts';
import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { noticeWindowLabel } from '../../components/notice.ts';
import {
  ApiError,
  TRAFFIC,
  isAbort,
  type Approval,
  type Corridor,
  type Me,
  type Org,
  type ProblemFieldError,
  type TimelineItem,
} from '../../api.ts';
import { routeLengthKm } from '../../map/geometry.ts';
import { WindowTime, distinctZones, useZonedDateTime, zoneName } from '../../time/WindowTime.tsx';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { onLinkClick, CORRIDORS_BASE, corridorPath } from '../route.ts';
import { useCorridorEvents } from '../stream.ts';
import { ApprovalPanel } from './ApprovalPanel.tsx';
import { CorridorMap } from '../../map/CorridorMap.tsx';
import { Copyable } from './Copyable.tsx';
import { SignaturesPanel } from './SignaturesPanel.tsx';
import { EvidenceDownload } from './EvidenceDownload.tsx';
import { useNumber, formatLatLon, orgNamer } from '../../ui/format.ts';
import { MissingForProposal } from './ProblemList.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { AnnouncementForm } from './AnnouncementForm.tsx';
import { ConfirmStep } from '../../ui/ConfirmStep.tsx';
import { whoLabel } from '../who.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { Loading, LoadError } from '../../ui/LoadState.tsx';

interface CorridorDetailProps {
  me: Me;
  orgs: readonly Org[];
  corridorId: string;
}

type LoadState = { kind: 'loading' } | { kind: 'error'; key: RequestErrorKey } | { kind: 'ready'; corridor: Corridor };

/**
 * /ops/corridors/:id: everything about one corridor, its windows in the viewer's zone and in the
 * parties' zones, each party's decision with its signature, and the status timeline. Mediator
 * staff act on it here; a liaison officer decides in the approval panel.
 */
export function CorridorDetail({ me, orgs, corridorId }: CorridorDetailProps) {
  const api = useApi();
  const { t } = useTranslation();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [timeline, setTimeline] = useState<TimelineItem[] | null>(null);
  const [attempt, setAttempt] = useState(0);
  const base = `/api/v1/corridors/${encodeURIComponent(corridorId)}`;

  const fail = useCallback(
    (err: unknown) => {
      if (isAbort(err)) return;
      setState({ kind: 'error', key: requestErrorKey(err) });
    },
    [],
  );

  const load = useCallback(
    (signal?: AbortSignal) => {
      api<Corridor>(base, { signal })
        .then((corridor) => setState({ kind: 'ready', corridor }))
        .catch(fail);
      api<{ items: TimelineItem[] }>(`${base}/timeline`, { signal })
        .then((body) => setTimeline(Array.isArray(body?.items) ? body.items : []))
        .catch((err: unknown) => {
          if (!isAbort(err)) setTimeline((old) => old ?? []);
        });
    },
    [base, fail],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load, attempt]);

  useCorridorEvents((event) => {
    if (!event || event.id === corridorId) load();
  });

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') {
    return (
      <div className="corridor-detail">
        <BackLink href={CORRIDORS_BASE} label={t('corridors.back')} />
        <LoadError message={t(state.key)} onRetry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  }
  return (
    <CorridorView
      me={me}
      orgs={orgs}
      corridor={state.corridor}
      timeline={timeline}
      onChanged={(corridor) => {
        if (corridor) setState({ kind: 'ready', corridor });
        load();
      }}
    />
  );
}

interface CorridorViewProps {
  me: Me;
  orgs: readonly Org[];
  corridor: Corridor;
  timeline: TimelineItem[] | null;
  onChanged: (corridor?: Corridor) => void;
}

function CorridorView({ me, orgs, corridor, timeline, onChanged }: CorridorViewProps) {
  const { t } = useTranslation();
  const num = useNumber();
  const orgName = useMemo(() => orgNamer(orgs), [orgs]);
  const viewerZone = me.org.timeZone;
  const zones = distinctZones([viewerZone, ...(corridor.partyTimeZones ?? [])]);
  const when = useZonedDateTime(viewerZone);
  const km = routeLengthKm(corridor.route);
  const traffic = TRAFFIC.filter((k) => corridor.allowedTraffic?.includes(k));
  const windows = corridor.windows ?? [];
  const mapped = useMemo(() => [corridor], [corridor]);

  return (
    <div className="corridor-detail" data-testid="corridor-detail" data-id={corridor.id} data-version={corridor.version}>
      <BackLink href={CORRIDORS_BASE} label={t('corridors.back')} />
      <header className="corridor-detail__head">
        <h1 className="corridor-detail__name">{corridor.name}</h1>
        <StatusBadge status={corridor.status} testId="corridor-status" />
      </header>
      <p className="corridor-detail__version">
        {t('corridors.versionN', { version: corridor.version })}
        {corridor.proposedAt && <> · {t('corridors.proposedAt', { time: when(corridor.proposedAt) })}</>}
        {' · '}
        {t('corridors.updatedAt', { time: when(corridor.updatedAt) })}
      </p>
      {corridor.versionHash && (
        <p className="corridor-detail__hash">
          <span>{t('corridors.versionHash')}: </span>
          <Copyable value={corridor.versionHash} label={t('corridors.versionHash')} testId="version-hash" />
        </p>
      )}

      {corridor.atRisk && (
        <p className="notice notice--error" data-testid="at-risk">
          {t('corridors.atRiskNotice')}
        </p>
      )}
      {corridor.suspension && (
        <p className="notice notice--error" data-testid="suspension">
          {t('corridors.suspendedNotice', { time: when(corridor.suspension.at), user: whoLabel(t, corridor.suspension.who, orgName), reason: corridor.suspension.reason })}
        </p>
      )}
      {corridor.closure && (
        <p className="notice" data-testid="closure">
          {t('corridors.closedNotice', { time: when(corridor.closure.at), user: whoLabel(t, corridor.closure.who, orgName), reason: corridor.closure.reason })}
        </p>
      )}
      {corridor.unilateral && (
        <p className="notice" data-testid="unilateral">
          {t('corridors.unilateralNotice', { party: orgName(corridor.unilateral.announcedBy) })}
          {corridor.unilateral.source ? ` ${corridor.unilateral.source}` : ''}
        </p>
      )}

      {MEDIATOR_STEPS.some((step) => corridor.allowedActions.includes(step)) && (
        <MediatorActions corridor={corridor} onChanged={onChanged} />
      )}
      {(corridor.allowedActions.includes('decide') || corridor.approvals.some((a) => a.partyId === me.orgId)) && <ApprovalPanel me={me} orgs={orgs} corridor={corridor} onDecided={() => onChanged()} />}

      <div className="corridor-detail__layout">
        <div className="corridor-detail__facts">
          <section aria-labelledby="cd-windows">
            <h2 id="cd-windows">{t('corridors.field.windows')}</h2>
            <p className="corridor-detail__zones">{t('corridors.zonesNote', { zone: zoneName(viewerZone, t) })}</p>
            {windows.length === 0 ? (
              <p>{t('public.noWindow')}</p>
            ) : (
              <ol className="window-list" data-testid="windows">
                {windows.map((w) => {
                  // Tagged from the notice: a suspended or draft corridor's window is never "open now".
                  const role = corridor.notice.window?.window.start === w.start ? corridor.notice.window.role : null;
                  return (
                    <li key={w.start} className={role === 'current' ? 'window-list__now' : undefined} data-role={role ?? undefined}>
                      {role && <strong className="window-list__tag">{noticeWindowLabel(role)}</strong>}
                      <WindowTime window={w} zones={zones} />
                    </li>
                  );
                })}
              </ol>
            )}
          </section>

          <section aria-labelledby="cd-facts">
            <h2 id="cd-facts">{t('corridors.details')}</h2>
            <dl className="facts">
              <Fact label={t('corridors.field.purpose')}>
                {(corridor.purpose ?? []).map((p) => t(`purpose.${p}`)).join(' · ')}
              </Fact>
              <Fact label={t('corridors.field.origin')}>{corridor.origin && `${corridor.origin.name} (${formatLatLon(corridor.origin)})`}</Fact>
              <Fact label={t('corridors.field.destination')}>
                {corridor.destination && `${corridor.destination.name} (${formatLatLon(corridor.destination)})`}
              </Fact>
              <Fact label={t('corridors.field.route')}>
                {km !== null && corridor.route && t('corridors.routeSummary', { km: num(km, 1), count: corridor.route.coordinates.length })}
              </Fact>
              <Fact label={t('corridors.field.bufferMeters')}>
                {corridor.bufferMeters !== undefined && t('corridors.meters', { value: num(corridor.bufferMeters) })}
              </Fact>
              <Fact label={t('corridors.field.allowedTraffic')}>{traffic.map((k) => t(`traffic.${k}`)).join(' · ')}</Fact>
              <Fact label={t('corridors.field.eligibility')}>{corridor.eligibility}</Fact>
              <Fact label={t('corridors.field.maxVehicles')}>
                {corridor.maxVehicles !== undefined && corridor.maxVehicles !== null ? num(corridor.maxVehicles) : ''}
              </Fact>
              <Fact label={t('corridors.field.conditions')}>{corridor.conditions}</Fact>
            </dl>
          </section>

          <section aria-labelledby="cd-points">
            <h2 id="cd-points">{t('corridors.field.gatheringPoints')}</h2>
            {(corridor.gatheringPoints ?? []).length === 0 ? (
              <p>{t('public.noGatheringPoints')}</p>
            ) : (
              <ul className="point-list">
                {(corridor.gatheringPoints ?? []).map((p, i) => (
                  <li key={`${p.name}-${i}`}>
                    <span className="symbol symbol--gp" aria-hidden="true" />
                    <strong>{p.name}</strong> <span className="muted">({formatLatLon(p)})</span>
                    {p.address && <span className="point-list__address">{p.address}</span>}
                  </li>
                ))}
              </ul>
            )}
            <h2>{t('corridors.field.checkpoints')}</h2>
            {(corridor.checkpoints ?? []).length === 0 ? (
              <p>{t('corridors.none')}</p>
            ) : (
              <ul className="point-list">
                {(corridor.checkpoints ?? []).map((p, i) => (
                  <li key={`${p.name}-${i}`}>
                    <span className="symbol symbol--cp" aria-hidden="true" />
                    <strong>{p.name}</strong> <span className="muted">({formatLatLon(p)})</span>
                    <span className="point-list__address">{t('corridors.controlledBy', { party: orgName(p.controlledBy) })}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <section className="corridor-detail__map" aria-label={t('public.mapHeading')}>
          <CorridorMap corridors={mapped} focusKey={`${corridor.id}:${corridor.version}`} />
        </section>
      </div>

      <Approvals corridor={corridor} orgName={orgName} when={when} />
      <SignaturesPanel corridorId={corridor.id} orgName={orgName} when={when} />
      <EvidenceDownload corridor={corridor} />

      <AnnouncementForm corridor={corridor} when={when} />

      <section aria-labelledby="cd-timeline">
        <h2 id="cd-timeline">{t('corridors.timeline.heading')}</h2>
        {timeline === null ? (
          <Loading />
        ) : (
          <ol className="timeline" data-testid="timeline">
            {timeline.map((item, i) => (
              <li key={`${item.at}-${item.type}-${i}`} className={`timeline__item timeline__item--${item.type}`} data-type={item.type}>
                <time dateTime={item.at} className="timeline__time">
                  {when(item.at)}
                </time>
                <span className="timeline__text">
                  {t(`corridors.timeline.${item.type}`, {
                    version: item.version ?? '',
                    party: item.orgId ? orgName(item.orgId) : '',
                  })}
                  {item.who && (
                    <span className="timeline__who" data-testid="timeline-who">
                      {' '}
                      {t('corridors.timeline.by', { user: whoLabel(t, item.who, orgName) })}
                    </span>
                  )}
                  {item.reason && <span className="timeline__reason">{t('corridors.reasonQuoted', { reason: item.reason })}</span>}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === undefined || children === null || children === '' || children === false;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">{t('corridors.notSet')}</span> : children}</dd>
    </div>
  );
}

/** Each listed party: its decision on the current version, who signed and when, or pending. */
function Approvals({ corridor, orgName, when }: { corridor: Corridor; orgName: (id: string) => string; when: (iso: string) => string }) {
  const { t } = useTranslation();
  // Who signed, by name where the caller may see it (the server decides); else their role at their organisation.
  const signer = (a: Approval): string => (a.who ? whoLabel(t, a.who, orgName) : orgName(a.partyId));
  const parties = corridor.parties ?? [];
  const byParty = new Map<string, Approval>((corridor.approvals ?? []).map((a) => [a.partyId, a]));
  return (
    <section aria-labelledby="cd-approvals">
      <h2 id="cd-approvals">{t('corridors.approvals.heading', { version: corridor.version })}</h2>
      {parties.length === 0 ? (
        <p>{t('corridors.approvals.noParties')}</p>
      ) : (
        <ul className="approvals" data-testid="approvals">
          {parties.map((partyId) => {
            const a = byParty.get(partyId);
            const pending = !a;
            return (
              <li
                key={partyId}
                className={`approvals__item approvals__item--${a ? a.decision : 'pending'}`}
                data-testid={pending ? 'pending-party' : 'approval'}
                data-party={partyId}
                data-decision={a?.decision ?? 'pending'}
              >
                <strong className="approvals__party">{orgName(partyId)}</strong>
                {a ? (
                  <>
                    <span className="approvals__decision">{t(a.decision === 'approve' ? 'corridors.approvals.approved' : 'corridors.approvals.rejected')}</span>
                    <span className="approvals__who">
                      {t('corridors.approvals.signedBy', { user: signer(a), time: when(a.signedAt) })}
                    </span>
                    {a.comment && <span className="approvals__comment">{t('corridors.commentQuoted', { comment: a.comment })}</span>}
                    <span className="approvals__sig">
                      {t('corridors.approvals.signature')}: <Copyable value={a.signature} label={t('corridors.approvals.signature')} testId="signature" />
                    </span>
                  </>
                ) : (
                  <span className="approvals__decision">
                    {corridor.status === 'draft' ? t('corridors.approvals.notProposed') : t('corridors.approvals.pending')}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

type ActionName = 'suspend' | 'resume' | 'close';
const CONTROLS: readonly ActionName[] = ['suspend', 'resume', 'close'];
/** The steps the mediator's action bar offers; the server says which of them this user may take now. */
const MEDIATOR_STEPS: readonly CorridorStep[] = ['amend', 'propose', ...CONTROLS];

/** Edit, propose, suspend, resume, close: what the mediator may do in the corridor's state. */
function MediatorActions({
  corridor,
  onChanged,
}: {
  corridor: Corridor;
  onChanged: (corridor?: Corridor) => void;
}) {
  const api = useApi();
  const { t } = useTranslation();
  const [action, setAction] = useState<ActionName | null>(null);
  const [reason, setReason] = useState('');
  const [confirmingPropose, setConfirmingPropose] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [missing, setMissing] = useState<ProblemFieldError[] | null>(null);
  const base = `/api/v1/corridors/${encodeURIComponent(corridor.id)}`;
  const status = corridor.status;
  const available = CONTROLS.filter((name) => corridor.allowedActions.includes(name));

  function handle(err: unknown) {
    if (err instanceof ApiError && err.status === 422 && err.problem?.errors?.length) setMissing(err.problem.errors);
    else setError(requestErrorKey(err));
  }

  async function propose() {
    setBusy(true);
    setError(null);
    setMissing(null);
    try {
      onChanged(await api<Corridor>(`${base}/propose`, { method: 'POST' }));
    } catch (err) {
      handle(err);
    } finally {
      setBusy(false);
    }
  }

  async function submitAction(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!action || !reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Corridor>(`${base}/${action}`, { method: 'POST', body: { reason: reason.trim() } });
      setAction(null);
      setReason('');
      onChanged(updated);
    } catch (err) {
      handle(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="actions" aria-label={t('corridors.actions.label')}>
      <div className="actions__buttons">
        {corridor.allowedActions.includes('amend') && (
          <a className="button button--secondary" href={`${corridorPath(corridor.id)}/edit`} onClick={onLinkClick} data-testid="amend">
            {status === 'draft' ? t('corridors.actions.edit') : t('corridors.actions.amend')}
          </a>
        )}
        {corridor.allowedActions.includes('propose') && (
          <button type="button" className="button" onClick={() => setConfirmingPropose(true)} aria-expanded={confirmingPropose} disabled={busy} data-testid="propose">
            {t('corridors.actions.propose')}
          </button>
        )}
        {available.map((name) => (
          <button
            key={name}
            type="button"
            className={`button ${name === 'resume' ? '' : 'button--danger'}`}
            aria-pressed={action === name}
            onClick={() => {
              setAction(action === name ? null : name);
              setError(null);
            }}
            data-testid={name}
          >
            {t(`corridors.actions.${name}`)}
          </button>
        ))}
      </div>
      {confirmingPropose && (
        <ConfirmStep
          title={t('corridors.confirm.proposeTitle')}
          confirmLabel={t('corridors.confirm.proposeConfirm')}
          busy={busy}
          onConfirm={() => {
            setConfirmingPropose(false);
            void propose();
          }}
          onCancel={() => setConfirmingPropose(false)}
          testId="confirm-propose"
        >
          <p>{t('corridors.confirm.proposeVersion', { version: corridor.version })}</p>
          <p>{t('corridors.confirm.proposeFacts')}</p>
        </ConfirmStep>
      )}
      {missing && <MissingForProposal errors={missing} />}
      {action && (
        <form className="actions__reason" onSubmit={submitAction} data-testid="reason-form">
          <div className="field">
            <label htmlFor="action-reason">{t('corridors.actions.reason')}</label>
            <textarea id="action-reason" required value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
            <p className="field__hint">{t(`corridors.actions.${action}Hint`)}</p>
          </div>
          <button type="submit" className="button" disabled={busy || !reason.trim()} data-testid="confirm-action">
            {t(`corridors.actions.${action}Confirm`)}
          </button>
        </form>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
    </section>
  );
}
