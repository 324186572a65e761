import { useTranslation } from 'react-i18next';
import { RouteTools } from '../RouteTools.tsx';
import type { MovementFieldsetProps } from './useMovementForm.ts';

interface MovementRouteFieldsProps extends MovementFieldsetProps {
  drawing: boolean;
  setDrawing: (drawing: boolean) => void;
}

/** The movement's own route, drawn on the map or pasted; with a corridor it narrows the corridor's. */
export function MovementRouteFields({ state, update, errorsFor, fieldId, drawing, setDrawing }: MovementRouteFieldsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="group">
      <legend>{t('movements.form.ownRoute')}</legend>
      <p className="field__hint">{t(state.corridorId ? 'movements.form.ownRouteHintCorridor' : 'movements.form.ownRouteHint')}</p>
      <RouteTools
        id={fieldId('route-json')}
        route={state.route}
        onChange={(change) => update((s) => ({ route: change(s.route) }))}
        drawing={drawing}
        onDrawingChange={setDrawing}
        errors={errorsFor('route')}
      />
    </fieldset>
  );
}
