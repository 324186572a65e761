import { useTranslation } from 'react-i18next';
import type { Movement } from '../../api.ts';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { useNumber } from '../../ui/format.ts';
import { DeliveryForm } from './DeliveryForm.tsx';
import { useMovementWords } from './describe.tsx';
import type { TrackAction } from './fields.ts';

interface CargoSectionProps {
  movement: Movement;
  actions: TrackAction[];
  zone: string;
  onChanged: (movement: Movement) => void;
}

/** Supplies: the cargo lines, the delivery confirmation and its discrepancies. */
export function CargoSection({ movement: m, actions, zone, onChanged }: CargoSectionProps) {
  const { t } = useTranslation();
  const num = useNumber();
  const words = useMovementWords();
  const weight = words.cargoWeight(m.cargo);
  if (m.cargo.length === 0) return null;
  return (
    <section aria-labelledby="md-cargo">
      <h2 id="md-cargo">{t('movements.facts.cargo')}</h2>
      <div className="table-wrap">
        <table className="data-table" data-testid="cargo">
          <thead>
            <tr>
              <th scope="col">{t('movements.detail.category')}</th>
              <th scope="col">{t('movements.detail.item')}</th>
              <th scope="col" className="num">{t('movements.detail.quantity')}</th>
              <th scope="col">{t('movements.detail.unit')}</th>
              <th scope="col" className="num">{t('movements.detail.weight')}</th>
            </tr>
          </thead>
          <tbody>
            {m.cargo.map((c, i) => (
              <tr key={`${c.item}-${i}`}>
                <td>{words.category(c.category)}</td>
                <td>{c.item}</td>
                <td className="num">{num(c.quantity, 3)}</td>
                <td>{c.unit}</td>
                <td className="num">{c.weightKg !== undefined ? num(c.weightKg) : ''}</td>
              </tr>
            ))}
          </tbody>
          {weight !== null && (
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {t('movements.detail.totalWeight')}
                </th>
                <td className="num">{num(weight)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {actions.includes('delivery') && <DeliveryForm movement={m} onChanged={onChanged} />}
      {m.delivery && <Discrepancies movement={m} zone={zone} />}
      {m.status === 'completed' && m.cargo.length > 0 && !m.delivery && !actions.includes('delivery') && <p className="muted">{t('movements.delivery.notYet')}</p>}
    </section>
  );
}

function Discrepancies({ movement: m, zone }: { movement: Movement; zone: string }) {
  const { t } = useTranslation();
  const num = useNumber();
  const clock = useZonedClock(zone);
  const delivery = m.delivery;
  if (!delivery) return null;
  const short = delivery.lines.filter((l) => l.difference !== 0).length;
  return (
    <div className="delivery" data-testid="discrepancies">
      <h3>{t('movements.delivery.confirmed', { time: clock(delivery.at) })}</h3>
      <p className={short ? 'notice notice--error' : 'notice notice--ok'}>
        {short ? t('movements.delivery.someDiffer', { count: short }) : t('movements.delivery.allArrived')}
      </p>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('movements.detail.item')}</th>
              <th scope="col" className="num">{t('movements.delivery.expectedCol')}</th>
              <th scope="col" className="num">{t('movements.delivery.receivedCol')}</th>
              <th scope="col" className="num">{t('movements.delivery.difference')}</th>
              <th scope="col">{t('movements.detail.unit')}</th>
            </tr>
          </thead>
          <tbody>
            {delivery.lines.map((l) => (
              <tr key={l.item} data-testid="discrepancy" data-item={l.item} data-difference={l.difference} className={l.difference < 0 ? 'data-table__row--short' : l.difference > 0 ? 'data-table__row--over' : undefined}>
                <th scope="row">{l.item}</th>
                <td className="num">{num(l.expected, 3)}</td>
                <td className="num">{num(l.received, 3)}</td>
                <td className="num">{l.difference > 0 ? `+${num(l.difference, 3)}` : num(l.difference, 3)}</td>
                <td>{l.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {delivery.note && <p>{t('movements.delivery.noteQuoted', { note: delivery.note })}</p>}
    </div>
  );
}
