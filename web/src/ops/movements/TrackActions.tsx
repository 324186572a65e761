import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Movement } from '../../api.ts';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { ConfirmStep } from '../../ui/ConfirmStep.tsx';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { CheckinForm } from './CheckinForm.tsx';
import type { TrackAction } from './fields.ts';

/** The agency's actions: start, check in, complete, abort. */
interface TrackActionsProps {
  movement: Movement;
  actions: TrackAction[];
  zone: string;
  picked: { lat: number; lon: number } | null;
  picking: boolean;
  onPickingChange: (picking: boolean) => void;
  onPicked: (point: { lat: number; lon: number } | null) => void;
  onChanged: (movement: Movement) => void;
  onReload: () => void;
}

export function TrackActions({ movement: m, actions, zone, picked, picking, onPickingChange, onPicked, onChanged, onReload }: TrackActionsProps) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
  const clock = useZonedClock(zone);
  const [confirming, setConfirming] = useState<'start' | 'complete' | 'abort' | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorKey | null>(null);
  const [notBoarded, setNotBoarded] = useState<number | null>(null);
  const base = `/api/v1/movements/${encodeURIComponent(m.id)}`;

  // Before a start, the manifest says whether anyone listed is not recorded boarding.
  useEffect(() => {
    if (confirming !== 'start') return;
    const controller = new AbortController();
    api<{ listed: number; boarded: number; notBoarded?: number }>(`${base}/passengers`, { signal: controller.signal })
      .then((c) => setNotBoarded(c.listed - c.boarded - (c.notBoarded ?? 0)))
      .catch(() => setNotBoarded(null));
    return () => controller.abort();
  }, [api, confirming, base]);

  async function run(path: 'start' | 'complete' | 'abort') {
    if (path === 'abort' && !reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Movement>(`${base}/${path}`, { method: 'POST', ...(path === 'abort' ? { body: { reason: reason.trim() } } : {}) });
      setConfirming(null);
      setReason('');
      onChanged(updated);
    } catch (err) {
      setError(requestErrorKey(err));
      if (err instanceof ApiError && err.status === 409) onReload();
    } finally {
      setBusy(false);
    }
  }

  const earlyMinutes = Math.round((new Date(m.departAt).getTime() - Date.now()) / 60_000);
  const startWarnings = [
    ...(earlyMinutes > 15 ? [t('movements.confirm.early', { time: clock(m.departAt), hours: (earlyMinutes / 60).toFixed(1) })] : []),
    ...(notBoarded ? [t('movements.confirm.notBoarded', { count: notBoarded })] : []),
  ];
  const last = m.lastCheckin;
  const completeWarnings = m.progress < 0.9 ? [t('movements.confirm.farFromEnd', { percent: Math.round(m.progress * 100) })] : [];
  const cancel = () => {
    setConfirming(null);
    setReason('');
  };

  const confirm =
    confirming === 'start' ? (
      <ConfirmStep title={t('movements.confirm.startTitle')} warnings={startWarnings} confirmLabel={t('movements.confirm.startConfirm')} busy={busy} onConfirm={() => void run('start')} onCancel={cancel} testId="confirm-start">
        <p>{t('movements.confirm.startFacts', { depart: clock(m.departAt), arrive: clock(m.arriveBy), vehicles: m.vehicles.length })}</p>
      </ConfirmStep>
    ) : confirming === 'complete' ? (
      <ConfirmStep title={t('movements.confirm.completeTitle')} warnings={completeWarnings} confirmLabel={t('movements.confirm.completeConfirm')} busy={busy} onConfirm={() => void run('complete')} onCancel={cancel} testId="confirm-complete">
        <p>{last ? t('movements.confirm.completeFacts', { time: clock(last.at) }) : t('movements.confirm.completeNoCheckin')}</p>
      </ConfirmStep>
    ) : confirming === 'abort' ? (
      <ConfirmStep title={t('movements.confirm.abortTitle')} confirmLabel={t('movements.actions.abortConfirm')} danger busy={busy} ready={reason.trim().length > 0} onConfirm={() => void run('abort')} onCancel={cancel} testId="abort-form">
        <p>{t('movements.confirm.abortFacts')}</p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('movements.actions.abortReason')}</label>
          <textarea id={`${id}-reason`} required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      </ConfirmStep>
    ) : null;

  const underway = actions.includes('checkin');
  const errorNotice = error && (
    <p className="notice notice--error" role="alert">
      {t(error)}
    </p>
  );
  return (
    <section className="actions movement-actions" aria-label={t('movements.actions.label')}>
      {!underway && (actions.includes('start') || actions.includes('abort')) && (
        <div className="actions__buttons">
          {actions.includes('start') && (
            <button type="button" className="button button--approve" disabled={busy} aria-expanded={confirming === 'start'} onClick={() => setConfirming('start')} data-testid="start">
              {t('movements.actions.start')}
            </button>
          )}
          {actions.includes('abort') && (
            <button type="button" className="button button--danger" aria-expanded={confirming === 'abort'} onClick={() => setConfirming('abort')} data-testid="abort">
              {t('movements.actions.abort')}
            </button>
          )}
        </div>
      )}
      {m.status === 'submitted' && <p className="field__hint">{t('movements.actions.waitForParties')}</p>}
      {m.status === 'denied' && <p className="field__hint">{t('movements.actions.denied')}</p>}
      {!underway && confirm}
      {!underway && errorNotice}
      {underway && (
        <>
          <CheckinForm
            movement={m}
            picked={picked}
            picking={picking}
            onPickingChange={onPickingChange}
            onPicked={onPicked}
            zone={zone}
            onDone={onReload}
          />
          {/* Ending the journey sits apart from the check-in, so a hurried thumb does not end it. */}
          <div className="movement-actions__end" data-testid="end-actions">
            <h2 className="movement-actions__end-heading">{t('movements.actions.endHeading')}</h2>
            <div className="actions__buttons">
              <button type="button" className="button button--secondary" disabled={busy} aria-expanded={confirming === 'complete'} onClick={() => setConfirming('complete')} data-testid="complete">
                {t('movements.actions.complete')}
              </button>
              <button type="button" className="button button--danger" aria-expanded={confirming === 'abort'} onClick={() => setConfirming('abort')} data-testid="abort">
                {t('movements.actions.abort')}
              </button>
            </div>
            {confirm}
            {errorNotice}
          </div>
        </>
      )}
    </section>
  );
}
