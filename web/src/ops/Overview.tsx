import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort, type Place, type Places } from '../api.ts';
import { currentLang } from '../i18n/index.ts';
import { UkraineMap, type MapMarker } from '../map/UkraineMap.tsx';
import { AuditLogCard } from './AuditLogCard.tsx';
import { useApi } from './session.tsx';

/** Console home: the map of Ukraine with the gazetteer's places, named in the current language. */
export function Overview() {
  const api = useApi();
  const { t } = useTranslation();
  const lang = currentLang();
  const [places, setPlaces] = useState<Place[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setFailed(false);
    api<Places>('/api/v1/places', { signal: controller.signal })
      .then((body) => setPlaces(Array.isArray(body?.items) ? body.items : []))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setFailed(true);
      });
    return () => controller.abort();
  }, [attempt, api]);

  const markers = useMemo<MapMarker[]>(
    () =>
      (places ?? []).map((p) => ({
        id: p.id,
        lat: p.lat,
        lon: p.lon,
        tone: 'place',
        title: p.names?.[lang] || p.names?.en || p.names?.uk || p.id,
        // The gazetteer's places are main towns too: this marker draws the town's name.
        townId: p.id,
      })),
    [places, lang],
  );

  return (
    <div className="overview">
      <div className="overview__head">
        <h1 className="overview__title">{t('ops.overview.heading')}</h1>
        {failed && (
          <p className="notice notice--error overview__note" role="alert">
            {t('ops.overview.placesError')}{' '}
            <button type="button" className="button button--small" onClick={() => setAttempt((n) => n + 1)}>
              {t('app.retry')}
            </button>
          </p>
        )}
        {places && places.length === 0 && <p className="overview__note">{t('ops.overview.noPlaces')}</p>}
      </div>
      <UkraineMap markers={markers} labels="permanent" className="overview__map" />
      <AuditLogCard />
    </div>
  );
}
