import { useTranslation } from 'react-i18next';
import type { Movement } from '../../api.ts';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { formatLatLon } from '../../ui/format.ts';

/** Each expected checkpoint and the arrival: when due, and when the convoy first checked in there. */
export function PassagesTable({ movement: m, zone }: { movement: Movement; zone: string }) {
  const { t } = useTranslation();
  const clock = useZonedClock(zone);
  const passed = new Map<string, string>();
  for (const c of m.checkins) if (c.checkpoint && !passed.has(c.checkpoint)) passed.set(c.checkpoint, c.at);
  return (
    <section aria-labelledby="md-passages">
      <h2 id="md-passages">{t('movements.detail.passages')}</h2>
      <div className="table-wrap">
        <table className="data-table" data-testid="passages">
          <thead>
            <tr>
              <th scope="col">{t('movements.detail.checkpoint')}</th>
              <th scope="col">{t('movements.detail.expected')}</th>
              <th scope="col">{t('movements.detail.passed')}</th>
            </tr>
          </thead>
          <tbody>
            {m.expectedPassages.map((p) => {
              const at = passed.get(p.checkpoint);
              const due = m.status === 'underway' && m.expectedNext?.what === p.checkpoint;
              return (
                <tr key={p.checkpoint} data-testid="passage" data-passed={at ? 'true' : 'false'} className={due && m.overdue ? 'data-table__row--overdue' : undefined}>
                  <th scope="row">{p.checkpoint}</th>
                  <td>{clock(p.expectedAt)}</td>
                  <td>{at ? t('movements.detail.passedAt', { time: clock(at) }) : <span className="muted">{t('movements.detail.notPassed')}</span>}</td>
                </tr>
              );
            })}
            <tr data-testid="passage" data-passed={m.status === 'completed' ? 'true' : 'false'} className={m.overdue && m.expectedNext?.what === 'arrival' ? 'data-table__row--overdue' : undefined}>
              <th scope="row">{t('movements.detail.arrival')}</th>
              <td>{clock(m.arriveBy)}</td>
              <td>{m.status === 'completed' ? t('movements.detail.arrived') : <span className="muted">{t('movements.detail.notPassed')}</span>}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function CheckinsTable({ movement: m, zone }: { movement: Movement; zone: string }) {
  const { t } = useTranslation();
  const clock = useZonedClock(zone);
  return (
    <section aria-labelledby="md-checkins">
      <h2 id="md-checkins">{t('movements.detail.checkins')}</h2>
      {m.checkins.length === 0 ? (
        <p>{t('movements.row.noCheckin')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="checkins">
            <thead>
              <tr>
                <th scope="col">{t('movements.detail.time')}</th>
                <th scope="col">{t('movements.detail.position')}</th>
                <th scope="col">{t('movements.detail.checkpoint')}</th>
                <th scope="col">{t('movements.detail.note')}</th>
              </tr>
            </thead>
            <tbody>
              {m.checkins.map((c, i) => (
                <tr key={`${c.at}-${i}`} data-testid="checkin">
                  <td>{clock(c.at)}</td>
                  <td className="mono">{formatLatLon(c)}</td>
                  <td>{c.checkpoint ?? <span className="muted">—</span>}</td>
                  <td>{c.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
