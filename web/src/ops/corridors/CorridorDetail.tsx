import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort, type Corridor, type Me, type Org, type TimelineItem } from '../../api.ts';
import { CorridorMap } from '../../map/CorridorMap.tsx';
import { distinctZones, useZonedDateTime } from '../../time/WindowTime.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { orgNamer } from '../../ui/format.ts';
import { Loading, LoadError } from '../../ui/LoadState.tsx';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { CORRIDORS_BASE } from '../route.ts';
import { useApi } from '../session.tsx';
import { useCorridorEvents } from '../stream.ts';
import { AnnouncementForm } from './AnnouncementForm.tsx';
import { ApprovalPanel } from './ApprovalPanel.tsx';
import { Approvals } from './CorridorApprovals.tsx';
import { CorridorDetails, CorridorPoints, CorridorWindows } from './CorridorFacts.tsx';
import { CorridorHeader } from './CorridorHeader.tsx';
import { CorridorTimeline } from './CorridorTimeline.tsx';
import { EvidenceDownload } from './EvidenceDownload.tsx';
import { MEDIATOR_STEPS, MediatorActions } from './MediatorActions.tsx';
import { SignaturesPanel } from './SignaturesPanel.tsx';

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
  const orgName = useMemo(() => orgNamer(orgs), [orgs]);
  const viewerZone = me.org.timeZone;
  const zones = distinctZones([viewerZone, ...(corridor.partyTimeZones ?? [])]);
  const when = useZonedDateTime(viewerZone);
  const mapped = useMemo(() => [corridor], [corridor]);

  return (
    <div className="corridor-detail" data-testid="corridor-detail" data-id={corridor.id} data-version={corridor.version}>
      <CorridorHeader corridor={corridor} orgName={orgName} when={when} />

      {MEDIATOR_STEPS.some((step) => corridor.allowedActions.includes(step)) && (
        <MediatorActions corridor={corridor} onChanged={onChanged} />
      )}
      {(corridor.allowedActions.includes('decide') || corridor.approvals.some((a) => a.partyId === me.orgId)) && <ApprovalPanel me={me} orgs={orgs} corridor={corridor} onDecided={() => onChanged()} />}

      <div className="corridor-detail__layout">
        <div className="corridor-detail__facts">
          <CorridorWindows corridor={corridor} zones={zones} viewerZone={viewerZone} />
          <CorridorDetails corridor={corridor} />
          <CorridorPoints corridor={corridor} orgName={orgName} />
        </div>
        <section className="corridor-detail__map" aria-label={t('public.mapHeading')}>
          <CorridorMap corridors={mapped} focusKey={`${corridor.id}:${corridor.version}`} />
        </section>
      </div>

      <Approvals corridor={corridor} orgName={orgName} when={when} />
      <SignaturesPanel corridorId={corridor.id} orgName={orgName} when={when} />
      <EvidenceDownload corridor={corridor} />

      <AnnouncementForm corridor={corridor} when={when} />

      <CorridorTimeline timeline={timeline} orgName={orgName} when={when} />
    </div>
  );
}
