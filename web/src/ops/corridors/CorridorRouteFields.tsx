import { useTranslation } from 'react-i18next';
import { TextField } from '../FormFields.tsx';
import { RouteTools } from '../RouteTools.tsx';
import type { MapMode } from './corridorDraft.ts';
import type { CorridorFieldsetProps } from './useCorridorForm.ts';

interface RouteProps extends CorridorFieldsetProps {
  setRoute: (change: (route: [number, number][]) => [number, number][]) => void;
  mode: MapMode;
  setMode: (mode: MapMode) => void;
}

/** The route, drawn on the map or pasted as GeoJSON, and the buffer around it. */
export function CorridorRouteFields({ state, update, errorsFor, fieldId, setRoute, mode, setMode }: RouteProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="group">
      <legend>{t('corridors.field.route')}</legend>
      <p className="field__hint">{t('corridors.form.routeHint')}</p>
      <RouteTools
        id={fieldId('route-json')}
        route={state.route}
        onChange={setRoute}
        drawing={mode === 'route'}
        onDrawingChange={(on) => setMode(on ? 'route' : 'none')}
        errors={errorsFor('route')}
      />
      <TextField
        id={fieldId('buffer')}
        label={t('corridors.form.bufferLabel')}
        value={state.bufferMeters}
        inputMode="numeric"
        hint={t('corridors.form.bufferHint')}
        onChange={(bufferMeters) => update({ bufferMeters })}
        errors={errorsFor('bufferMeters')}
      />
    </fieldset>
  );
}
