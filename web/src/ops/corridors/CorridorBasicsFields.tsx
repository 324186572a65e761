import { useTranslation } from 'react-i18next';
import { PURPOSES, type Place } from '../../api.ts';
import { currentLang } from '../../i18n/index.ts';
import { Checks, TextField } from '../FormFields.tsx';
import type { CorridorFieldsetProps } from './useCorridorForm.ts';

/** Name and purpose of the corridor. */
export function CorridorBasicsFields({ state, update, errorsFor, fieldId }: CorridorFieldsetProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="group">
      <legend>{t('corridors.form.basics')}</legend>
      <TextField id={fieldId('name')} label={t('corridors.field.name')} value={state.name} onChange={(name) => update({ name })} errors={errorsFor('name')} required />
      <Checks
        legend={t('corridors.field.purpose')}
        options={PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
        selected={state.purpose}
        onChange={(purpose) => update({ purpose })}
        errors={errorsFor('purpose')}
      />
    </fieldset>
  );
}

interface EndpointsProps extends CorridorFieldsetProps {
  places: readonly Place[];
  /** A name typed or picked from the gazetteer's list. */
  pickPlace: (which: 'origin' | 'destination', name: string) => void;
}

/** Origin and destination: a name (the gazetteer's places offered) and coordinates. */
export function CorridorEndpointsFields({ state, update, errorsFor, fieldId, places, pickPlace }: EndpointsProps) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <fieldset className="group">
      <legend>{t('corridors.form.endpoints')}</legend>
      <datalist id={fieldId('places')}>
        {places.map((p) => (
          <option key={p.id} value={p.names?.[lang] ?? p.names?.en ?? p.id} />
        ))}
      </datalist>
      {(['origin', 'destination'] as const).map((which) => (
        <div key={which} className="point-row">
          <TextField
            id={fieldId(which)}
            label={t(`corridors.field.${which}`)}
            hint={t('corridors.form.placeHint')}
            value={state[which].name}
            list={fieldId('places')}
            onChange={(v) => pickPlace(which, v)}
            errors={[...errorsFor(which), ...errorsFor(which, undefined, 'name')]}
          />
          <div className="point-row__coords">
            <TextField
              id={fieldId(`${which}-lat`)}
              label={t(`corridors.form.${which}Lat`)}
              value={state[which].lat}
              inputMode="decimal"
              onChange={(lat) => update((s) => ({ [which]: { ...s[which], lat } }))}
              errors={errorsFor(which, undefined, 'lat')}
            />
            <TextField
              id={fieldId(`${which}-lon`)}
              label={t(`corridors.form.${which}Lon`)}
              value={state[which].lon}
              inputMode="decimal"
              onChange={(lon) => update((s) => ({ [which]: { ...s[which], lon } }))}
              errors={errorsFor(which, undefined, 'lon')}
            />
          </div>
        </div>
      ))}
    </fieldset>
  );
}
