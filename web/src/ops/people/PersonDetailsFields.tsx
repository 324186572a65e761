import { useTranslation } from 'react-i18next';
import { SEXES, VULNERABILITIES, type Sex, type Site } from '../../api.ts';
import { Checks, FieldErrors, TextField } from '../FormFields.tsx';
import { usePersonWords } from './describe.tsx';
import type { PersonFieldsetProps } from './usePersonForm.ts';

interface PersonDetailsFieldsProps extends PersonFieldsetProps {
  /** Every organisation's sites, null while loading. */
  sites: readonly Site[] | null;
  /** The user's own organisation's sites: the ones offered. */
  ownSites: readonly Site[];
}

/** Sex, vulnerabilities, household and the site of registration. */
export function PersonDetailsFields({ state, update, errorsFor, fieldId, sites, ownSites }: PersonDetailsFieldsProps) {
  const { t } = useTranslation();
  const words = usePersonWords();
  const sexErrors = errorsFor('sex');
  const siteErrors = errorsFor('site');
  return (
    <fieldset className="group">
      <legend>{t('people.form.detailsLegend')}</legend>
      <div className="field">
        <label htmlFor={fieldId('sex')}>{t('people.field.sex')}</label>
        <select id={fieldId('sex')} value={state.sex} aria-invalid={sexErrors.length > 0} onChange={(e) => update({ sex: e.target.value as Sex | '' })}>
          <option value="">{t('people.sex.notRecorded')}</option>
          {SEXES.map((s) => (
            <option key={s} value={s}>
              {words.sex(s)}
            </option>
          ))}
        </select>
        <FieldErrors id={`${fieldId('sex')}-err`} errors={sexErrors} />
      </div>
      <Checks
        legend={t('people.field.vulnerabilities')}
        options={VULNERABILITIES.map((v) => ({ value: v, label: words.vulnerability(v) }))}
        selected={state.vulnerabilities}
        onChange={(vulnerabilities) => update({ vulnerabilities })}
        errors={errorsFor('vulnerabilities')}
      />
      <TextField
        id={fieldId('household')}
        label={t('people.field.householdId')}
        hint={t('people.form.householdHint')}
        value={state.householdId}
        onChange={(householdId) => update({ householdId })}
        errors={errorsFor('householdId')}
      />
      <div className="field">
        <label htmlFor={fieldId('site')}>{t('people.field.site')}</label>
        <select
          id={fieldId('site')}
          value={state.site}
          aria-invalid={siteErrors.length > 0}
          aria-describedby={ownSites.length === 0 ? `${fieldId('site')}-hint` : undefined}
          onChange={(e) => update({ site: e.target.value })}
          data-testid="person-site"
        >
          <option value="">{sites === null ? t('app.loading') : t('people.form.noSite')}</option>
          {ownSites.map((s) => (
            <option key={s.id} value={s.id}>
              {words.site(s)}
            </option>
          ))}
        </select>
        {sites !== null && ownSites.length === 0 && (
          <p id={`${fieldId('site')}-hint`} className="field__hint">
            {t('people.form.noSitesYet')}
          </p>
        )}
        <FieldErrors id={`${fieldId('site')}-err`} errors={siteErrors} />
      </div>
    </fieldset>
  );
}
