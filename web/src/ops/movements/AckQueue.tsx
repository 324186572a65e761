import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AckDecision as Decision, Me, Movement, Org } from '../../api.ts';
import { InstantTime, distinctZones } from '../../time/WindowTime.tsx';
import { useNumber, orgNamer } from '../../ui/format.ts';
import { onLinkClick, movementPath } from '../route.ts';
import { AckDecision } from './AckDecision.tsx';
import { Countdown, WarningList, useMovementWords, useNow } from './describe.tsx';

interface AckQueueProps {
  me: Me;
  orgs: readonly Org[];
  /** The notifications waiting for the viewer's party, in any order. */
  items: readonly Movement[];
  titleOf: (m: Movement) => string;
  onDecided: (movement: Movement) => void;
}

/**
 * A liaison officer's queue: notifications that wait for their party's answer, the nearest
 * departure first, each with a live countdown to it, what moves, the warnings, and the buttons.
 */
export function AckQueue({ me, orgs, items, titleOf, onDecided }: AckQueueProps) {
  const { t } = useTranslation();
  const now = useNow(10_000);
  const [recorded, setRecorded] = useState<{ title: string; decision: Decision } | null>(null);
  const sorted = [...items].sort((a, b) => new Date(a.acknowledgementDeadline).getTime() - new Date(b.acknowledgementDeadline).getTime());

  return (
    <section className="ack-queue" data-testid="ack-queue" aria-labelledby="ack-queue-heading">
      <h2 id="ack-queue-heading">{t('movements.queue.heading', { party: me.org.name, count: sorted.length })}</h2>
      {recorded && (
        <p className="notice notice--ok" role="status" data-testid="ack-recorded" data-decision={recorded.decision}>
          {t(recorded.decision === 'acknowledge' ? 'movements.ack.recordedAck' : 'movements.ack.recordedDeny', { title: recorded.title })}
        </p>
      )}
      {sorted.length === 0 ? (
        <p className="movements__empty">{t('movements.queue.empty')}</p>
      ) : (
        <ol className="ack-items">
          {sorted.map((m) => (
            <AckItem
              key={m.id}
              me={me}
              orgs={orgs}
              movement={m}
              title={titleOf(m)}
              now={now}
              onDecided={(updated, decision) => {
                setRecorded({ title: titleOf(updated), decision });
                onDecided(updated);
              }}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

interface AckItemProps {
  me: Me;
  orgs: readonly Org[];
  movement: Movement;
  title: string;
  now: number;
  onDecided: (movement: Movement, decision: Decision) => void;
}

function AckItem({ me, orgs, movement: m, title, now, onDecided }: AckItemProps) {
  const { t } = useTranslation();
  const num = useNumber();
  const words = useMovementWords();
  const orgName = orgNamer(orgs);
  const zoneOf = (id: string) => orgs.find((o) => o.id === id)?.timeZone;
  const zones = distinctZones([me.org.timeZone, zoneOf(m.agencyId), ...m.requiredAcknowledgements.map(zoneOf)]);
  const weight = words.cargoWeight(m.cargo);
  const left = new Date(m.acknowledgementDeadline).getTime() - now;
  return (
    <li className={`ack-item${left < 6 * 3_600_000 ? ' ack-item--urgent' : ''}`} data-testid="ack-item" data-id={m.id}>
      <div className="ack-item__head">
        <h3 className="ack-item__title">
          <a href={movementPath(m.id)} onClick={onLinkClick}>
            {title}
          </a>
        </h3>
        <Countdown deadline={m.acknowledgementDeadline} now={now} />
      </div>
      {m.urgent && (
        <p className="ack-item__urgent">
          <strong>{t('movements.urgentTag')}</strong>
          {m.justification ? ` — ${m.justification}` : ''}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('movements.facts.agency')}</dt>
          <dd>{orgName(m.agencyId)}</dd>
        </div>
        <div>
          <dt>{t('movements.facts.departAt')}</dt>
          <dd>
            <InstantTime instant={m.departAt} zones={zones} />
          </dd>
        </div>
        <div>
          <dt>{t('movements.facts.arriveBy')}</dt>
          <dd>
            <InstantTime instant={m.arriveBy} zones={zones} />
          </dd>
        </div>
        <div>
          <dt>{t('movements.facts.vehicles')}</dt>
          <dd>
            {words.vehicles(m.vehicles)}
            <ul className="plain-list ack-item__vehicles">
              {m.vehicles
                .filter((v) => v.plate || v.markings)
                .map((v, i) => (
                  <li key={i}>{[words.vehicleType(v.type), v.plate, v.markings].filter(Boolean).join(' · ')}</li>
                ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('movements.facts.people')}</dt>
          <dd>
            {t('movements.personnelN', { n: num(m.personnel) })}
            {m.passengers !== null && m.kind === 'evacuation' && <> · {t('movements.passengersN', { n: num(m.passengers) })}</>}
          </dd>
        </div>
        {m.cargo.length > 0 && (
          <div>
            <dt>{t('movements.facts.cargo')}</dt>
            <dd>
              {words.cargo(m.cargo)}
              {weight !== null && <span className="muted"> · {t('movements.totalWeight', { kg: num(weight) })}</span>}
            </dd>
          </div>
        )}
      </dl>
      <h4 className="ack-item__sub">{t('movements.warnings.heading')}</h4>
      <WarningList warnings={m.warnings} zone={me.org.timeZone} />
      <AckDecision me={me} movement={m} onDecided={onDecided} />
    </li>
  );
}
