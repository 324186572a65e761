import { useTranslation } from 'react-i18next';
import { InstantTime, zoneName } from '../../time/WindowTime.tsx';
import { zonedInputToInstant } from '../../time/zones.ts';
import { DateTimeField, FieldErrors, ZoneField } from '../FormFields.tsx';
import type { MovementFieldsetProps } from './useMovementForm.ts';

interface MovementTimesFieldsProps extends MovementFieldsetProps {
  zoneChoices: string[];
  previewZones: readonly string[];
}

/** Departure and arrival, typed in a chosen zone and shown as sent, in every party's zone. */
export function MovementTimesFields({ state, update, errorsFor, fieldId, zoneChoices, previewZones }: MovementTimesFieldsProps) {
  const { t } = useTranslation();
  const departAt = zonedInputToInstant(state.departDate, state.departTime, state.zone);
  const arriveBy = zonedInputToInstant(state.arriveDate || state.departDate, state.arriveTime, state.zone);
  const departErrors = errorsFor('departAt');
  const arriveErrors = errorsFor('arriveBy');
  return (
    <fieldset className="group">
      <legend>{t('movements.form.times')}</legend>
      <ZoneField
        id={fieldId('zone')}
        label={t('corridors.form.zone')}
        hint={t('corridors.form.zoneHint', { zone: zoneName(state.zone, t) })}
        value={state.zone}
        zones={zoneChoices}
        onChange={(zone) => update({ zone })}
      />
      <div className="window-inputs">
        <DateTimeField id={fieldId('depart-date')} type="date" label={t('movements.form.departDate')} value={state.departDate} onChange={(departDate) => update({ departDate })} invalid={departErrors.length > 0} />
        <DateTimeField id={fieldId('depart-time')} type="time" label={t('movements.form.departTime')} value={state.departTime} onChange={(departTime) => update({ departTime })} invalid={departErrors.length > 0} />
      </div>
      <FieldErrors id={`${fieldId('depart')}-err`} errors={departErrors} />
      {departAt && (
        <div className="window-preview" data-testid="depart-preview" data-instant={departAt}>
          <span className="window-preview__sent">{t('movements.form.sentAs', { value: departAt })}</span>
          <InstantTime instant={departAt} zones={previewZones} />
        </div>
      )}
      <div className="window-inputs">
        <DateTimeField id={fieldId('arrive-date')} type="date" label={t('movements.form.arriveDate')} value={state.arriveDate} onChange={(arriveDate) => update({ arriveDate })} invalid={arriveErrors.length > 0} />
        <DateTimeField id={fieldId('arrive-time')} type="time" label={t('movements.form.arriveTime')} value={state.arriveTime} onChange={(arriveTime) => update({ arriveTime })} invalid={arriveErrors.length > 0} />
      </div>
      <p className="field__hint">{t('movements.form.arriveDateHint')}</p>
      <FieldErrors id={`${fieldId('arrive')}-err`} errors={arriveErrors} />
      {arriveBy && (
        <div className="window-preview" data-testid="arrive-preview" data-instant={arriveBy}>
          <span className="window-preview__sent">{t('movements.form.sentAs', { value: arriveBy })}</span>
          <InstantTime instant={arriveBy} zones={previewZones} />
        </div>
      )}
    </fieldset>
  );
}
