import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort, type Me } from '../api.ts';
import { currentLang } from '../i18n/index.ts';
import { useZonedClock } from '../time/WindowTime.tsx';
import { corridorPath, onLinkClick } from './route.ts';
import { useApi } from './session.tsx';
import { Loading } from '../ui/LoadState.tsx';

/**
 * The console's Announcements section: what the public was told, listed; announcements are
 * written on a corridor's page. (Incidents have their own section: ./incidents/.)
 */

function useItems<T>(url: string): { items: T[] | null; failed: boolean } {
  const api = useApi();
  const [items, setItems] = useState<T[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    api<{ items: T[] }>(url, { signal: controller.signal })
      .then((page) => setItems(Array.isArray(page?.items) ? page.items : []))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setFailed(true);
      });
    return () => controller.abort();
  }, [url, api]);
  return { items, failed };
}

interface PublicAnnouncement {
  id: string;
  corridorId: string;
  createdAt: string;
  text: string;
}

export function AnnouncementsList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const clock = useZonedClock(me.org.timeZone);
  const { items, failed } = useItems<PublicAnnouncement>(`/api/v1/public/announcements?lang=${currentLang()}`);
  return (
    <div className="console__panel activity" data-testid="announcements-section">
      <h1>{t('ops.nav.announcements')}</h1>
      <p className="field__hint">{t('ops.activity.announcementsIntro')}</p>
      {failed && <p className="notice notice--error">{t('ops.serverError')}</p>}
      {items === null && !failed ? (
        <Loading />
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
