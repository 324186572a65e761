import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Movement } from '../../api.ts';
import { useZonedClock } from '../../time/WindowTime.tsx';
import type { FormError } from '../../ui/form-errors.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { FieldErrors, TextField } from '../FormFields.tsx';
import { coord } from '../RouteTools.tsx';
import { parseNumber } from '../../ui/parse-number.ts';
import { useApi, useEnqueue } from '../session.tsx';

type CheckinErrorKey = 'corridors.errors.latitude' | 'corridors.errors.longitude';

interface CheckinFormProps {
  movement: Movement;
  picked: { lat: number; lon: number } | null;
  picking: boolean;
  onPickingChange: (picking: boolean) => void;
  onPicked: (point: { lat: number; lon: number } | null) => void;
  zone: string;
  onDone: () => void;
}

/** A position report: from a click on the map, the device's location, or typed; at a checkpoint or not. */
export function CheckinForm({ movement: m, picked, picking, onPickingChange, onPicked, zone, onDone }: CheckinFormProps) {
  const api = useApi();
  const enqueue = useEnqueue();
  const { t } = useTranslation();
  const id = useId();
  const clock = useZonedClock(zone);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [checkpoint, setCheckpoint] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [sent, setSent] = useState<{ at: string; queued: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  // A point picked on the map fills the fields.
  useEffect(() => {
    if (!picked) return;
    setLat(String(picked.lat));
    setLon(String(picked.lon));
  }, [picked]);

  const checkpoints = m.expectedPassages;

  function locate() {
    if (!('geolocation' in navigator)) {
      setLocating('failed');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const point = { lat: Number(coord(pos.coords.latitude)), lon: Number(coord(pos.coords.longitude)) };
        onPicked(point);
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const la = parseNumber(lat) ?? null;
    const lo = parseNumber(lon) ?? null;
    const local: FormError[] = [];
    const key = (path: string, k: CheckinErrorKey) => local.push({ path, message: '', key: k });
    if (la === null || la < -90 || la > 90) key('/lat', 'corridors.errors.latitude');
    if (lo === null || lo < -180 || lo > 180) key('/lon', 'corridors.errors.longitude');
    setErrors(local);
    setFailure(null);
    if (local.length || la === null || lo === null) return;
    setBusy(true);
    setSent(null);
    // The tap's own time goes with it: sent now or later from the outbox, it is when the convoy was there.
    const tappedAt = new Date().toISOString();
    const body = { lat: la, lon: lo, at: tappedAt, ...(checkpoint ? { checkpoint } : {}), ...(note.trim() ? { note: note.trim() } : {}) };
    const clear = () => {
      setLat('');
      setLon('');
      setCheckpoint('');
      setNote('');
      onPicked(null);
    };
    try {
      const { outcome, body: answer } = await enqueue({ kind: 'checkin', path: `/api/v1/movements/${encodeURIComponent(m.id)}/checkins`, body, tappedAt, movementId: m.id });
      if (outcome === 'sent') {
        setSent({ at: (answer as { at?: string } | undefined)?.at ?? tappedAt, queued: false });
        clear();
        onDone();
      } else if (outcome === 'waiting' || outcome === 'signed-out') {
        // Signed out: the session ends (useEnqueue) and the check-in goes after the next sign-in.
        setSent({ at: tappedAt, queued: true });
        clear();
      }
      // Refused: the outbox banner shows it, with the server's reason, for the user to resolve.
    } catch {
      // No IndexedDB on this device (private mode of some browsers): send it directly.
      try {
        const result = await api<{ id: string; at: string }>(`/api/v1/movements/${encodeURIComponent(m.id)}/checkins`, { method: 'POST', body });
        setSent({ at: result.at, queued: false });
        clear();
        onDone();
      } catch (err) {
        if (err instanceof ApiError && err.problem?.errors?.length) setErrors(err.problem.errors);
        setFailure(requestErrorKey(err));
      }
    } finally {
      setBusy(false);
    }
  }

  const at = (path: string) => errors.filter((e) => e.path === path || e.path === `/body${path}`);
  const other = errors.filter((e) => !['/lat', '/lon', '/checkpoint', '/note'].some((p) => e.path === p || e.path === `/body${p}`));
  return (
    <form className="checkin-form" data-testid="checkin-form" onSubmit={submit} noValidate>
      <h2 className="checkin-form__heading">{t('movements.checkin.heading')}</h2>
      <div className="toolbar">
        <button type="button" className="button button--secondary" aria-pressed={picking} onClick={() => onPickingChange(!picking)} data-testid="checkin-pick">
          {picking ? t('movements.checkin.picking') : t('movements.checkin.pick')}
        </button>
        <button type="button" className="button button--secondary" onClick={locate} disabled={locating === 'busy'} data-testid="checkin-locate">
          {locating === 'busy' ? t('movements.checkin.locating') : t('movements.checkin.locate')}
        </button>
      </div>
      {locating === 'failed' && <p className="field-error">{t('movements.checkin.locateFailed')}</p>}
      <div className="point-row__coords">
        <TextField id={`${id}-lat`} label={t('movements.checkin.lat')} value={lat} inputMode="decimal" onChange={setLat} errors={at('/lat')} />
        <TextField id={`${id}-lon`} label={t('movements.checkin.lon')} value={lon} inputMode="decimal" onChange={setLon} errors={at('/lon')} />
      </div>
      {checkpoints.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-cp`}>{t('movements.checkin.checkpoint')}</label>
          <select
            id={`${id}-cp`}
            value={checkpoint}
            aria-invalid={at('/checkpoint').length > 0}
            onChange={(e) => {
              const name = e.target.value;
              setCheckpoint(name);
              const cp = checkpoints.find((c) => c.checkpoint === name);
              // At a checkpoint, its place is the position unless one was given.
              if (cp && !lat.trim() && !lon.trim()) onPicked({ lat: cp.lat, lon: cp.lon });
            }}
          >
            <option value="">{t('movements.checkin.noCheckpoint')}</option>
            {checkpoints.map((c) => (
              <option key={c.checkpoint} value={c.checkpoint}>
                {c.checkpoint}
              </option>
            ))}
          </select>
          <FieldErrors id={`${id}-cp-err`} errors={at('/checkpoint')} />
        </div>
      )}
      <TextField id={`${id}-note`} label={t('movements.checkin.note')} value={note} onChange={setNote} errors={at('/note')} multiline />
      <FieldErrors id={`${id}-other-err`} errors={other} />
      {failure && (
        <p className="notice notice--error" role="alert">
          {t(failure)}
        </p>
      )}
      {sent && !sent.queued && (
        <p className="notice notice--ok" role="status" data-testid="checkin-sent">
          {t('movements.checkin.sent', { time: clock(sent.at) })}
        </p>
      )}
      {sent?.queued && (
        <p className="notice" role="status" data-testid="checkin-queued">
          {t('movements.checkin.queued', { time: clock(sent.at) })}
        </p>
      )}
      <button type="submit" className="button" disabled={busy} data-testid="checkin-submit">
        {t('movements.checkin.submit')}
      </button>
    </form>
  );
}
