import { useTranslation } from 'react-i18next';
import { VEHICLE_TYPES, type VehicleType } from '../../api.ts';
import { FieldErrors, TextField } from '../FormFields.tsx';
import { emptyVehicle, type VehicleDraft } from './movementDraft.ts';
import type { MovementFieldsetProps } from './useMovementForm.ts';

/** The vehicles of the convoy: type, plate and markings of each; a new one takes the last one's type. */
export function MovementVehiclesFields({ state, update, errorsFor, fieldId }: MovementFieldsetProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="group">
      <legend>{t('movements.form.vehicles')}</legend>
      <FieldErrors id={`${fieldId('vehicles')}-err`} errors={errorsFor('vehicles')} />
      <ol className="item-list">
        {state.vehicles.map((v, i) => {
          const setV = (change: Partial<VehicleDraft>) => update((s) => ({ vehicles: s.vehicles.map((x) => (x.key === v.key ? { ...x, ...change } : x)) }));
          return (
            <li key={v.key} className="item" data-testid="vehicle-item">
              <p className="item__title">{t('movements.form.vehicleN', { n: i + 1 })}</p>
              <FieldErrors id={`${fieldId(`v-${i}`)}-err`} errors={errorsFor('vehicles', i)} />
              <div className="vehicle-inputs">
                <div className="field">
                  <label htmlFor={fieldId(`v-${i}-type`)}>{t('movements.form.vehicleType', { n: i + 1 })}</label>
                  <select id={fieldId(`v-${i}-type`)} value={v.type} onChange={(e) => setV({ type: e.target.value as VehicleType })}>
                    {VEHICLE_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`movements.vehicle.${type}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <TextField id={fieldId(`v-${i}-plate`)} label={t('movements.form.vehiclePlate', { n: i + 1 })} value={v.plate} onChange={(plate) => setV({ plate })} errors={errorsFor('vehicles', i, 'plate')} />
                <TextField id={fieldId(`v-${i}-markings`)} label={t('movements.form.vehicleMarkings', { n: i + 1 })} value={v.markings} onChange={(markings) => setV({ markings })} errors={errorsFor('vehicles', i, 'markings')} />
              </div>
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => update((s) => ({ vehicles: s.vehicles.filter((x) => x.key !== v.key) }))}
                data-testid="vehicle-remove"
              >
                {t('corridors.form.remove', { what: t('movements.form.vehicleN', { n: i + 1 }) })}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => update((s) => ({ vehicles: [...s.vehicles, emptyVehicle(s.vehicles[s.vehicles.length - 1]?.type ?? (s.kind === 'supply' ? 'truck' : 'bus'))] }))}
        data-testid="vehicle-add"
      >
        {t('movements.form.addVehicle')}
      </button>
    </fieldset>
  );
}
