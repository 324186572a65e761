import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../api.ts';
import { Loading } from '../../ui/LoadState.tsx';
import { whoLabel } from '../who.ts';

interface CorridorTimelineProps {
  /** Null while it loads. */
  timeline: TimelineItem[] | null;
  orgName: (id: string) => string;
  when: (iso: string) => string;
}

/** The corridor's status timeline: each step with its time, who took it and why. */
export function CorridorTimeline({ timeline, orgName, when }: CorridorTimelineProps) {
  const { t } = useTranslation();
  return (
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
  );
}
