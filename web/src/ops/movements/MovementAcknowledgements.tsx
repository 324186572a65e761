import { useTranslation } from 'react-i18next';
import type { Me, Movement } from '../../api.ts';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { whoLabel } from '../who.ts';
import { AckDecision } from './AckDecision.tsx';
import { Countdown } from './describe.tsx';
import { awaitsMyAck } from './fields.ts';

interface MyAcknowledgementProps {
  me: Me;
  movement: Movement;
  zone: string;
  now: number;
  onChanged: (movement: Movement) => void;
}

/** The viewer's party: the answer it gave, or the form to give it while the notification waits for it. */
export function MyAcknowledgement({ me, movement: m, zone, now, onChanged }: MyAcknowledgementProps) {
  const { t } = useTranslation();
  const clock = useZonedClock(zone);
  const mine = m.acknowledgements.find((a) => a.partyId === me.orgId);
  return (
    <>
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
          <AckDecision me={me} movement={m} onDecided={(updated) => onChanged(updated)} />
        </section>
      )}
    </>
  );
}

/** Every party asked to acknowledge, with its answer, who gave it and when. */
export function AcknowledgementList({ movement: m, orgName, zone }: { movement: Movement; orgName: (id: string) => string; zone: string }) {
  const { t } = useTranslation();
  const clock = useZonedClock(zone);
  return (
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
  );
}
