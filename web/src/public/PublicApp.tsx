import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { UkraineMap, type MapMarker, type MapShape, type UkraineMapHandle } from '../map/UkraineMap.tsx';
import type { PublicCorridor } from '../api.ts';
import { isValidInstant } from '../time.ts';
import { CorridorCard } from './CorridorCard.tsx';
import { TracingForm } from './TracingForm.tsx';
import { useCorridors } from './useCorridors.ts';
import { isPublicStatus, statusRank } from './status.ts';
import { useKyivClock } from './WindowTime.tsx';

function windowStart(c: PublicCorridor): number {
  const w = c.currentWindow ?? c.nextWindow;
  const ms = w ? new Date(w.start).getTime() : NaN;
  return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
}

/** `/trace` (when the server routes it to this page) shows the tracing form alone. */
const TRACE_PATH = '/trace';

export function PublicApp() {
  if (window.location.pathname.replace(/\/+$/, '') === TRACE_PATH) return <TracingPage />;
  return <CorridorsPage />;
}

function SiteHeader() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <h1 className="site-header__brand">{t('app.name')}</h1>
        <LangSwitch />
      </div>
    </header>
  );
}

function TracingPage() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <SiteHeader />
      <main id="main" className="public-main">
        <TracingForm />
      </main>
      <footer className="site-footer">
        <a href="/">{t('public.tracing.toCorridors')}</a>
      </footer>
    </>
  );
}

function CorridorsPage() {
  const { t } = useTranslation();
  const clock = useKyivClock();
  const { data, failed, loading, reload } = useCorridors();
  const mapRef = useRef<UkraineMapHandle>(null);
  const mapSectionRef = useRef<HTMLElement>(null);

  const corridors = useMemo(
    () =>
      [...(data?.items ?? [])].sort(
        (a, b) => statusRank(a.status) - statusRank(b.status) || windowStart(a) - windowStart(b),
      ),
    [data],
  );

  const markers = useMemo<MapMarker[]>(
    () =>
      corridors.flatMap((c) =>
        (c.gatheringPoints ?? []).map((p, i) => ({
          id: `${c.id}:${i}`,
          lat: p.lat,
          lon: p.lon,
          tone: isPublicStatus(c.status) ? c.status : 'other',
          title: p.name,
          lines: [
            ...(p.address ? [p.address] : []),
            t('map.gatheringPoint'),
            t('map.corridor', { name: c.name }),
            t(`status.${c.status}`),
          ],
        })),
      ),
    [corridors, t],
  );

  // Routes as plain lines (no buffers: the public page stays light on a cheap phone).
  const shapes = useMemo<MapShape[]>(
    () =>
      corridors.flatMap((c) =>
        c.route && Array.isArray(c.route.coordinates) && c.route.coordinates.length >= 2
          ? [
              {
                id: c.id,
                kind: 'route' as const,
                tone: isPublicStatus(c.status) ? c.status : 'other',
                title: t('map.route', { name: c.name }),
                points: c.route.coordinates.map(([lon, lat]) => ({ lat, lon })),
              },
            ]
          : [],
      ),
    [corridors, t],
  );

  const showOnMap = (corridor: PublicCorridor) => {
    mapRef.current?.focus(corridor.gatheringPoints ?? []);
    mapSectionRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <SiteHeader />

      <main id="main" className="public-main">
        <div className="public-intro">
          <p className="public-intro__lead">{t('public.intro')}</p>
          <p className="notice">{t('public.safety')}</p>
          <p className="public-intro__trace">
            <a href="#trace" data-testid="tracing-link">
              {t('public.tracing.link')}
            </a>
          </p>
        </div>

        <div className="public-layout">
          <section className="public-list" aria-labelledby="list-heading" aria-busy={loading && !data}>
            <h2 id="list-heading" className="public-list__title">
              {t('public.listHeading')}
            </h2>
            <div aria-live="polite">
              {data && isValidInstant(data.generatedAt) && (
                <p className="public-updated" data-testid="updated-at">
                  {t('public.updatedAt', { time: clock(data.generatedAt) })}
                </p>
              )}
              {failed && data && (
                <p className="notice notice--error" role="status">
                  {t('public.stale', { time: clock(data.generatedAt) })}
                </p>
              )}
              {failed && !data && (
                <div className="notice notice--error" role="alert">
                  <p>{t('public.loadError')}</p>
                  <button type="button" className="button" onClick={reload}>
                    {t('app.retry')}
                  </button>
                </div>
              )}
              {!data && !failed && <p className="public-loading">{t('app.loading')}</p>}
            </div>

            {data && corridors.length === 0 && (
              <p className="public-empty" data-testid="empty-state">
                {t('public.empty')}
              </p>
            )}
            {corridors.map((c) => (
              <CorridorCard key={c.id} corridor={c} onShowOnMap={showOnMap} />
            ))}
          </section>

          <section ref={mapSectionRef} className="public-map" aria-labelledby="map-heading">
            <h2 id="map-heading" className="public-map__title">
              {t('public.mapHeading')}
            </h2>
            <UkraineMap ref={mapRef} markers={markers} shapes={shapes} className="public-map__map" />
          </section>
        </div>

        <TracingForm />
      </main>

      <footer className="site-footer">
        <a href="/ops">{t('public.staffLink')}</a>
      </footer>
    </>
  );
}
