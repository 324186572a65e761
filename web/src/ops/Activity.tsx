import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isAbort, type Incident, type Me } from '../api.ts';
import { currentLang } from '../i18n/index.ts';
import { useZonedClock } from '../time/WindowTime.tsx';
import { isUnauthorized } from './errors.ts';
import { corridorPath, onLinkClick } from './route.ts';

/**
 * The console's Incidents and Announcements sections: what exists on the server, listed. Reports
 * and verification stay where they are made (the API, movement and corridor pages); announcements
 * are written on a corridor's page.
 */

function useItems<T>(url: string, onSessionEnded: () => void): { items: T[] | null; failed: boolean } {
  const [items, setItems] = useState<T[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    api<{ items: T[] }>(url, { signal: controller.signal })
      .then((page) => setItems(Array.isArray(page?.items) ? page.items : []))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        if (isUnauthorized(err)) onSessionEnded();
        else setFailed(true);
      });
    return () => controller.abort();
  }, [url, onSessionEnded]);
  return { items, failed };
}

export function IncidentsList({ me, onSessionEnded }: { me: Me; onSessionEnded: () => void }) {
  const { t } = useTranslation();
  const clock = useZonedClock(me.org.timeZone);
  const { items, failed } = useItems<Incident>('/api/v1/incidents', onSessionEnded);
  const sorted = [...(items ?? [])].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <div className="console__panel activity" data-testid="incidents-section">
      <h1>{t('ops.nav.incidents')}</h1>
      <p className="field__hint">{t('ops.activity.incidentsIntro')}</p>
      {failed && <p className="notice notice--error">{t('ops.serverError')}</p>}
      {items === null && !failed ? (
        <p role="status">{t('app.loading')}</p>
      ) : sorted.length === 0 ? (
        <p className="muted">{t('ops.activity.noIncidents')}</p>
      ) : (
        <ul className="activity__list">
          {sorted.map((i) => (
            <li key={i.id} className="activity__item" data-testid="incident-item">
              <strong>
                {t(`movements.incidentType.${i.type}`, { defaultValue: i.type })} · {t(`movements.severity.${i.severity}`, { defaultValue: i.severity })}
              </strong>
              <span>{clock(i.occurredAt)} · {i.lat.toFixed(3)}, {i.lon.toFixed(3)} · {t(`ops.activity.verification.${i.verification}`, { defaultValue: i.verification })}</span>
              {i.description && <span>{i.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface PublicAnnouncement {
  id: string;
  corridorId: string;
  createdAt: string;
  text: string;
}

export function AnnouncementsList({ me, onSessionEnded }: { me: Me; onSessionEnded: () => void }) {
  const { t } = useTranslation();
  const clock = useZonedClock(me.org.timeZone);
  const { items, failed } = useItems<PublicAnnouncement>(`/api/v1/public/announcements?lang=${currentLang()}`, onSessionEnded);
  return (
    <div className="console__panel activity" data-testid="announcements-section">
      <h1>{t('ops.nav.announcements')}</h1>
      <p className="field__hint">{t('ops.activity.announcementsIntro')}</p>
      {failed && <p className="notice notice--error">{t('ops.serverError')}</p>}
      {items === null && !failed ? (
        <p role="status">{t('app.loading')}</p>
      ) : (items ?? []).length === 0 ? (
        <p className="muted">{t('ops.activity.noAnnouncements')}</p>
      ) : (
        <ul className="activity__list">
          {(items ?? []).map((a) => (
            <li key={a.id} className="activity__item" data-testid="announcement-item">
              <span className="muted">{clock(a.createdAt)}</span>
              <span>{a.text}</span>
              <a href={corridorPath(a.corridorId)} onClick={onLinkClick}>
                {t('ops.activity.toCorridor')}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
