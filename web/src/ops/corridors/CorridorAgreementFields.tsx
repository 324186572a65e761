import { useTranslation } from 'react-i18next';
import { TRAFFIC, type Org } from '../../api.ts';
import { Checks, FieldErrors, TextField } from '../FormFields.tsx';
import type { CorridorFieldsetProps } from './useCorridorForm.ts';

interface AgreementProps extends CorridorFieldsetProps {
  partyOrgs: readonly Org[];
}

/** What the parties agree to: who they are, what may pass, who may leave, on what conditions. */
export function CorridorAgreementFields({ state, update, errorsFor, fieldId, partyOrgs }: AgreementProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="group">
      <legend>{t('corridors.form.agreement')}</legend>
      <Checks
        legend={t('corridors.field.parties')}
        options={partyOrgs.map((o) => ({ value: o.id, label: o.name }))}
        selected={state.parties}
        onChange={(parties) => update({ parties })}
        errors={errorsFor('parties').concat(...state.parties.map((_, i) => errorsFor('parties', i)))}
        empty={t('corridors.form.noPartyOrgs')}
      />
      <Checks
        legend={t('corridors.field.allowedTraffic')}
        options={TRAFFIC.map((k) => ({ value: k, label: t(`traffic.${k}`) }))}
        selected={state.allowedTraffic}
        onChange={(allowedTraffic) => update({ allowedTraffic })}
        errors={errorsFor('allowedTraffic')}
      />
      <TextField
        id={fieldId('eligibility')}
        label={t('corridors.field.eligibility')}
        hint={t('corridors.form.eligibilityHint')}
        value={state.eligibility}
        onChange={(eligibility) => update({ eligibility })}
        errors={errorsFor('eligibility')}
        multiline
      />
      <TextField
        id={fieldId('max-vehicles')}
        label={t('corridors.field.maxVehicles')}
        value={state.maxVehicles}
        inputMode="numeric"
        onChange={(maxVehicles) => update({ maxVehicles })}
        errors={errorsFor('maxVehicles')}
      />
      <TextField
        id={fieldId('conditions')}
        label={t('corridors.field.conditions')}
        value={state.conditions}
        onChange={(conditions) => update({ conditions })}
        errors={errorsFor('conditions')}
        multiline
      />
      <div className="field">
        <label htmlFor={fieldId('unilateral')}>{t('corridors.form.unilateral')}</label>
        <select id={fieldId('unilateral')} value={state.unilateralBy} onChange={(e) => update({ unilateralBy: e.target.value })}>
          <option value="">{t('corridors.form.notUnilateral')}</option>
          {partyOrgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <FieldErrors id={`${fieldId('unilateral')}-err`} errors={errorsFor('unilateral')} />
      </div>
      {state.unilateralBy && (
        <TextField
          id={fieldId('unilateral-source')}
          label={t('corridors.form.unilateralSource')}
          value={state.unilateralSource}
          onChange={(unilateralSource) => update({ unilateralSource })}
          errors={[]}
        />
      )}
    </fieldset>
  );
}
