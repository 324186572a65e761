import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort, type Corridor, type Me, type Movement, type Page, type Site } from '../api.ts';
import { currentLang } from '../i18n/index.ts';
import { useZonedClock } from '../time/WindowTime.tsx';
import { Overview } from './Overview.tsx';
import { corridorPath, movementPath, onLinkClick, PEOPLE_BASE } from './route.ts';
import { useApi } from './session.tsx';
import { Loading } from '../ui/LoadState.tsx';

/** What each role lands on: its own work first (issue 12 #6). */
export type StartKind = 'liaison' | 'field' | 'registrar' | 'map';

export function startKindOf(me: Me): StartKind {
  if (me.org.kind === 'party' && me.role === 'liaison') return 'liaison';
  if (me.org.kind === 'agency' && me.role === 'field') return 'field';
  if (me.role === 'registrar') return 'registrar';
  return 'map';
}

/** The calendar day of an instant in a time zone, for "today". */
const dayIn = (instant: Date, zone: string): string => instant.toLocaleDateString('en-CA', { timeZone: zone });

/** Movements of today in the organisation's time zone: departing today, or under way. */
export function todaysMovements(items: readonly Movement[], zone: string, now: Date): Movement[] {
  const today = dayIn(now, zone);
  return items
    .filter((m) => m.status === 'underway' || (dayIn(new Date(m.departAt), zone) === today && m.status !== 'aborted' && m.status !== 'completed'))
    .sort((a, b) => a.departAt.localeCompare(b.departAt));
}

/** A liaison's waiting work: notifications to answer and corridor versions to decide, nearest deadline first. */
export function waitingFor(me: Me, movements: readonly Movement[], corridors: readonly Corridor[]) {
  const acks = movements
    .filter((m) => m.status === 'submitted' && m.requiredAcknowledgements.includes(me.orgId) && !m.acknowledgements.some((a) => a.partyId === me.orgId))
    .sort((a, b) => a.acknowledgementDeadline.localeCompare(b.acknowledgementDeadline));
  const decisions = corridors
    .filter((c) => c.status === 'proposed' && c.pendingParties.includes(me.orgId))
    .sort((a, b) => (a.windows?.[0]?.start ?? '').localeCompare(b.windows?.[0]?.start ?? ''));
  return { acks, decisions };
}

function useList<T>(url: string | null): T[] | null {
  const api = useApi();
  const [items, setItems] = useState<T[] | null>(null);
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    api<Page<T> | { items: T[] }>(url, { signal: controller.signal })
      .then((page) => setItems(Array.isArray(page?.items) ? page.items : []))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setItems([]);
      });
    return () => controller.abort();
  }, [url, api]);
  return items;
}

function WorkList({ testId, heading, empty, children }: { testId: string; heading: string; empty: string; children: ReactNode[] | null }) {
  const { t } = useTranslation();
  return (
    <section className="start__group" data-testid={testId}>
      <h2>{heading}</h2>
      {children === null ? <Loading /> : children.length === 0 ? <p className="muted">{empty}</p> : <ul className="start__list">{children}</ul>}
    </section>
  );
}

interface StartPageProps {
  me: Me;
}

/** Console home: a liaison's decisions waiting, a field officer's convoys of today, a registrar's site; the map for the rest. */
export function StartPage({ me }: StartPageProps) {
  const { t } = useTranslation();
  const kind = startKindOf(me);
  const clock = useZonedClock(me.org.timeZone);
  const movements = useList<Movement>(kind === 'map' ? null : '/api/v1/movements');
  const corridors = useList<Corridor>(kind === 'liaison' ? '/api/v1/corridors' : null);
  const sites = useList<Site>(kind === 'registrar' ? '/api/v1/sites' : null);
  const now = new Date();

  if (kind === 'map') return <Overview />;
  const movementItem = (m: Movement, extra: ReactNode) => (
    <li key={m.id} className="start__item" data-testid="start-movement" data-id={m.id}>
      <a href={movementPath(m.id)} onClick={onLinkClick}>
        {t(`movements.kind.${m.kind}`)} · {t('ops.start.departs', { time: clock(m.departAt) })}
      </a>
      <span className="start__meta">{extra}</span>
    </li>
  );

  return (
    <div className="start" data-testid="start-page" data-start={kind}>
      <h1 className="start__title">{t(`ops.start.heading.${kind}`, { org: me.org.name })}</h1>
      {kind === 'liaison' && (
        <>
          <WorkList testId="start-acks" heading={t('ops.start.acks')} empty={t('ops.start.noAcks')}>
            {movements
              ? waitingFor(me, movements, []).acks.map((m) => movementItem(m, t('ops.start.answerBy', { time: clock(m.acknowledgementDeadline) })))
              : null}
          </WorkList>
          <WorkList testId="start-decisions" heading={t('ops.start.decisions')} empty={t('ops.start.noDecisions')}>
            {corridors
              ? waitingFor(me, movements ?? [], corridors).decisions.map((c) => (
                  <li key={c.id} className="start__item" data-testid="start-decision" data-id={c.id}>
                    <a href={corridorPath(c.id)} onClick={onLinkClick}>
                      {c.name} · {t('ops.start.version', { version: c.version })}
                    </a>
                    {c.windows?.[0] && <span className="start__meta">{t('ops.start.firstWindow', { time: clock(c.windows[0].start) })}</span>}
                  </li>
                ))
              : null}
          </WorkList>
        </>
      )}
      {(kind === 'field' || kind === 'registrar') && (
        <WorkList testId="start-today" heading={t('ops.start.today')} empty={t('ops.start.noConvoys')}>
          {movements
            ? todaysMovements(movements, me.org.timeZone, now).map((m) =>
                movementItem(m, m.status === 'underway' ? t('ops.start.underway') : t(`ops.start.status.${m.status}`)),
              )
            : null}
        </WorkList>
      )}
      {kind === 'registrar' && (
        <>
          <WorkList testId="start-sites" heading={t('ops.start.sites')} empty={t('ops.start.noSites')}>
            {sites
              ? sites
                  .filter((s) => s.orgId === me.orgId)
                  .map((s) => (
                    <li key={s.id} className="start__item" data-testid="start-site">
                      <strong>{s.name}</strong>
                      <span className="start__meta">{s.contact[currentLang()]}</span>
                    </li>
                  ))
              : null}
          </WorkList>
          <p className="start__actions">
            <a className="button" href={`${PEOPLE_BASE}/new`} onClick={onLinkClick} data-testid="start-register">
              {t('people.new')}
            </a>
            <a className="button button--secondary" href={PEOPLE_BASE} onClick={onLinkClick}>
              {t('people.searchHeading')}
            </a>
          </p>
        </>
      )}
    </div>
  );
}
