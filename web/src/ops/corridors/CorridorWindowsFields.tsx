import { useTranslation } from 'react-i18next';
import { WindowTime, zoneName } from '../../time/WindowTime.tsx';
import { windowOffset } from '../../time/zones.ts';
import { DateTimeField, FieldErrors, ZoneField } from '../FormFields.tsx';
import { emptyWindow, windowInstants, type WindowDraft } from './corridorDraft.ts';
import type { CorridorFieldsetProps } from './useCorridorForm.ts';

interface WindowsProps extends CorridorFieldsetProps {
  zoneChoices: readonly string[];
  /** The zones each window is shown in as typed: the chosen one, the parties', the user's. */
  previewZones: readonly string[];
}

/** The windows, typed as dates and times in a chosen zone and shown as they will be sent. */
export function CorridorWindowsFields({ state, update, errorsFor, fieldId, zoneChoices, previewZones }: WindowsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="group">
      <legend>{t('corridors.field.windows')}</legend>
      <ZoneField
        id={fieldId('zone')}
        label={t('corridors.form.zone')}
        hint={t('corridors.form.zoneHint', { zone: zoneName(state.zone, t) })}
        value={state.zone}
        zones={zoneChoices}
        onChange={(zone) => update({ zone })}
      />
      <FieldErrors id={`${fieldId('windows')}-err`} errors={errorsFor('windows')} />
      <ol className="item-list">
        {state.windows.map((w, i) => {
          const instants = windowInstants(w, state.zone);
          const setW = (change: Partial<WindowDraft>) => update((s) => ({ windows: s.windows.map((x) => (x.key === w.key ? { ...x, ...change } : x)) }));
          const rowErrors = errorsFor('windows', i).concat(errorsFor('windows', i, 'start'), errorsFor('windows', i, 'end'));
          return (
            <li key={w.key} className="item" data-testid="window-item">
              <p className="item__title">{t('corridors.form.windowN', { n: i + 1 })}</p>
              <div className="window-inputs">
                <DateTimeField id={fieldId(`w-${i}-start-date`)} type="date" label={t('corridors.form.startDate', { n: i + 1 })} value={w.startDate} onChange={(startDate) => setW({ startDate })} invalid={rowErrors.length > 0} />
                <DateTimeField id={fieldId(`w-${i}-start-time`)} type="time" label={t('corridors.form.startTime', { n: i + 1 })} value={w.startTime} onChange={(startTime) => setW({ startTime })} invalid={rowErrors.length > 0} />
                <DateTimeField id={fieldId(`w-${i}-end-date`)} type="date" label={t('corridors.form.endDate', { n: i + 1 })} value={w.endDate} onChange={(endDate) => setW({ endDate })} invalid={rowErrors.length > 0} />
                <DateTimeField id={fieldId(`w-${i}-end-time`)} type="time" label={t('corridors.form.endTime', { n: i + 1 })} value={w.endTime} onChange={(endTime) => setW({ endTime })} invalid={rowErrors.length > 0} />
              </div>
              <FieldErrors id={fieldId(`w-${i}-err`)} errors={rowErrors} />
              {instants && (
                <div className="window-preview" data-testid="window-preview" data-start={instants.start} data-end={instants.end}>
                  <span className="window-preview__sent">
                    {t('corridors.form.sentAs', { start: instants.start, end: instants.end, offset: windowOffset(instants, state.zone) })}
                  </span>
                  <WindowTime window={instants} zones={previewZones} />
                </div>
              )}
              <button type="button" className="button button--small button--secondary" onClick={() => update((s) => ({ windows: s.windows.filter((x) => x.key !== w.key) }))}>
                {t('corridors.form.remove', { what: t('corridors.form.windowN', { n: i + 1 }) })}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button--secondary" onClick={() => update((s) => ({ windows: [...s.windows, emptyWindow()] }))} data-testid="window-add">
        {t('corridors.form.addWindow')}
      </button>
    </fieldset>
  );
}
