import { useTranslation } from 'react-i18next';
import { TextField } from '../FormFields.tsx';
import type { MovementFieldsetProps } from './useMovementForm.ts';

/** Staff on board, and passengers on an evacuation. */
export function MovementPeopleFields({ state, update, errorsFor, fieldId }: MovementFieldsetProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="group">
      <legend>{t('movements.form.people')}</legend>
      <p className="field__hint">{t('movements.form.countsHint')}</p>
      <div className="point-row__coords">
        <TextField id={fieldId('personnel')} label={t('movements.form.field.personnel')} value={state.personnel} inputMode="numeric" onChange={(personnel) => update({ personnel })} errors={errorsFor('personnel')} />
        {state.kind === 'evacuation' && (
          <TextField id={fieldId('passengers')} label={t('movements.form.field.passengers')} value={state.passengers} inputMode="numeric" onChange={(passengers) => update({ passengers })} errors={errorsFor('passengers')} />
        )}
      </div>
    </fieldset>
  );
}
