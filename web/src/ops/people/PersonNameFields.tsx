import { useTranslation } from 'react-i18next';
import { BirthDateFields } from '../../components/BirthDateFields.tsx';
import { FieldErrors, TextField } from '../FormFields.tsx';
import type { PersonFieldsetProps } from './usePersonForm.ts';

/** Family, given and patronymic names and the birth date: what the duplicate check reads. */
export function PersonNameFields({ state, update, errorsFor, fieldId }: PersonFieldsetProps) {
  const { t } = useTranslation();
  const birthErrors = errorsFor('birthDate');
  return (
    <fieldset className="group">
      <legend>{t('people.form.nameLegend')}</legend>
      <p className="field__hint" id={fieldId('name-hint')}>
        {t('people.form.nameHint')}
      </p>
      <div className="person-form__names">
        {/* Family name first, as Ukrainian and Russian documents write it. */}
        <TextField id={fieldId('family')} label={t('people.field.familyName')} value={state.familyName} onChange={(familyName) => update({ familyName })} errors={errorsFor('familyName')} required />
        <TextField id={fieldId('given')} label={t('people.field.givenName')} value={state.givenName} onChange={(givenName) => update({ givenName })} errors={errorsFor('givenName')} required />
        <TextField id={fieldId('patronymic')} label={t('people.field.patronymic')} value={state.patronymic} onChange={(patronymic) => update({ patronymic })} errors={errorsFor('patronymic')} />
      </div>
      <BirthDateFields
        id={fieldId('birth')}
        legend={t('people.field.birthDate')}
        hint={t('birthDate.hint')}
        parts={state.birth}
        invalid={birthErrors.length > 0}
        onChange={(parts) => update({ birth: parts })}
      >
        <FieldErrors id={`${fieldId('birth')}-err`} errors={birthErrors} />
      </BirthDateFields>
    </fieldset>
  );
}
