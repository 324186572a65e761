import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_TYPES, type IncidentReported } from '../../api.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** `datetime-local` wants the browser's local wall time without a zone. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Reporting an incident at the point picked on the map: what, how bad, when, and a short note. */
export function ReportIncidentForm({ point, onReported, onCancel }: { point: { lat: number; lon: number }; onReported: (incident: IncidentReported) => void; onCancel: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
  const [type, setType] = useState<string>('shelling');
  const [severity, setSeverity] = useState<string>('high');
  const [occurredAt, setOccurredAt] = useState(localNow);
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorKey | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { type, severity, lat: point.lat, lon: point.lon, occurredAt: new Date(occurredAt).toISOString(), ...(description.trim() ? { description: description.trim() } : {}) };
      onReported(await api<IncidentReported>('/api/v1/incidents', { method: 'POST', body }));
    } catch (err) {
      setError(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="incident-report" onSubmit={(e) => void submit(e)} data-testid="report-incident-form">
      <h2>{t('incidents.report.heading')}</h2>
      <p className="field__hint" data-testid="report-point">
        {t('incidents.report.at', { lat: point.lat.toFixed(4), lon: point.lon.toFixed(4) })}
      </p>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('incidents.report.type')}</label>
        <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>
          {INCIDENT_TYPES.map((v) => (
            <option key={v} value={v}>
              {t(`movements.incidentType.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-severity`}>{t('incidents.report.severity')}</label>
        <select id={`${id}-severity`} value={severity} onChange={(e) => setSeverity(e.target.value)}>
          {SEVERITIES.map((v) => (
            <option key={v} value={v}>
              {t(`movements.severity.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-when`}>{t('incidents.report.when')}</label>
        <input id={`${id}-when`} type="datetime-local" required value={occurredAt} onChange={(e) => setOccurredAt(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('incidents.report.description')}</label>
        <textarea id={`${id}-description`} rows={2} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <p className="field__hint">{t('incidents.report.noSuspension')}</p>
      <div className="actions__buttons">
        <button type="submit" className="button" disabled={busy} data-testid="report-incident">
          {t('incidents.report.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('incidents.report.cancel')}
        </button>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
    </form>
  );
}
