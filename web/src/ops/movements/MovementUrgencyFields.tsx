import { useTranslation } from 'react-i18next';
import { Checks, TextField } from '../FormFields.tsx';
import type { MovementFieldsetProps } from './useMovementForm.ts';

/** An urgent notification, with the justification it needs. */
export function MovementUrgencyFields({ state, update, errorsFor, fieldId }: MovementFieldsetProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="group">
      <legend>{t('movements.form.urgency')}</legend>
      <Checks
        legend={t('movements.form.urgencyLegend')}
        options={[{ value: 'urgent', label: t('movements.form.field.urgent') }]}
        selected={state.urgent ? ['urgent'] : []}
        onChange={(values) => update({ urgent: values.includes('urgent') })}
        errors={errorsFor('urgent')}
      />
      {state.urgent && (
        <TextField
          id={fieldId('justification')}
          label={t('movements.form.field.justification')}
          hint={t('movements.form.justificationHint')}
          value={state.justification}
          onChange={(justification) => update({ justification })}
          errors={errorsFor('justification')}
          multiline
        />
      )}
    </fieldset>
  );
}
