import { useTranslation } from 'react-i18next';
import { FieldErrors } from '../FormFields.tsx';
import type { PersonFieldsetProps } from './usePersonForm.ts';

interface PersonConsentFieldsProps extends PersonFieldsetProps {
  /** Whether a full birth date has been typed: tracing needs one. */
  hasBirthDate: boolean;
}

/** Consent to tracing, with what it means read out to the person, and what it still needs. */
export function PersonConsentFields({ state, update, errorsFor, fieldId, hasBirthDate }: PersonConsentFieldsProps) {
  const { t } = useTranslation();
  const consentErrors = errorsFor('consentTracing');
  return (
    <fieldset className="group consent">
      <legend>{t('people.form.consentLegend')}</legend>
      <label className="checks__option consent__option">
        <input
          type="checkbox"
          checked={state.consentTracing}
          aria-describedby={`${fieldId('consent')}-what`}
          aria-invalid={consentErrors.length > 0}
          onChange={(e) => update({ consentTracing: e.target.checked })}
          data-testid="person-consent"
        />
        {t('people.field.consentTracing')}
      </label>
      <div id={`${fieldId('consent')}-what`} className="consent__what">
        <p>{t('people.form.consentWhat')}</p>
        <p>{t('people.form.consentAsk')}</p>
      </div>
      {state.consentTracing && !hasBirthDate && <p className="notice">{t('people.form.consentNeedsBirthDate')}</p>}
      {state.consentTracing && !state.site && <p className="notice">{t('people.form.consentNeedsSite')}</p>}
      <FieldErrors id={`${fieldId('consent')}-err`} errors={consentErrors} />
    </fieldset>
  );
}
