import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, Org } from '../../api.ts';
import { CorridorMap, type MappedCorridor } from '../../map/CorridorMap.tsx';
import { orgNamer } from '../../ui/format.ts';
import { useErrorText } from '../../ui/form-errors.ts';
import { onLinkClick, MOVEMENTS_BASE } from '../route.ts';
import { appendPoint } from '../RouteTools.tsx';
import { MovementBasicsFields } from './MovementBasicsFields.tsx';
import { MovementCargoFields } from './MovementCargoFields.tsx';
import { MovementCheckPanel } from './MovementCheckPanel.tsx';
import { MovementPeopleFields } from './MovementPeopleFields.tsx';
import { MovementRouteFields } from './MovementRouteFields.tsx';
import { MovementTimesFields } from './MovementTimesFields.tsx';
import { MovementUrgencyFields } from './MovementUrgencyFields.tsx';
import { MovementVehiclesFields } from './MovementVehiclesFields.tsx';
import { useMovementForm } from './useMovementForm.ts';

interface MovementFormProps {
  me: Me;
  orgs: readonly Org[];
}

/**
 * /ops/movements/new: an agency notifies a movement. As the fields change the server's
 * deconfliction check runs (debounced) and its warnings, the parties who must acknowledge and the
 * deadline show before anything is sent.
 */
export function MovementForm({ me, orgs }: MovementFormProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const orgName = useMemo(() => orgNamer(orgs), [orgs]);
  const form = useMovementForm(me, orgs);
  const { state, update, corridor, drawing, otherErrors, fieldLabel, previewZones, failure, check, checking, busy } = form;
  const fields = { state, update, errorsFor: form.errorsFor, fieldId: form.fieldId };

  // The map: the chosen corridor with its area, and the own route being drawn (a line: the server buffers it once sent).
  const mapped = useMemo<MappedCorridor[]>(() => {
    const list: MappedCorridor[] = [];
    if (corridor) list.push(corridor);
    if (state.route.length >= 2) {
      list.push({ id: 'own-route', name: t('movements.ownRoute'), status: 'draft', route: { type: 'LineString', coordinates: state.route } });
    }
    return list;
  }, [corridor, state.route, t]);
  const vertices = useMemo(() => (drawing || state.route.length === 1 ? state.route.map(([lon, lat]) => ({ lat, lon })) : []), [drawing, state.route]);
  const focusKey = state.corridorId || undefined;

  return (
    <form ref={form.formRef} className="corridor-form movement-form" data-testid="movement-form" onSubmit={form.submit} noValidate>
      <a className="back-link" href={MOVEMENTS_BASE} onClick={onLinkClick}>
        <span aria-hidden="true">← </span>
        {t('movements.back')}
      </a>
      <h1 className="corridors__title">{t('movements.form.heading')}</h1>
      <p className="field__hint">{t('movements.form.intro', { agency: me.org.name })}</p>

      <div className="corridor-form__layout">
        <div className="corridor-form__fields">
          <MovementBasicsFields {...fields} corridors={form.corridors} sortedCorridors={form.sortedCorridors} />
          <MovementRouteFields {...fields} drawing={drawing} setDrawing={form.setDrawing} />
          <MovementTimesFields {...fields} zoneChoices={form.zoneChoices} previewZones={previewZones} />
          <MovementVehiclesFields {...fields} />
          <MovementPeopleFields {...fields} />
          {state.kind === 'supply' && <MovementCargoFields {...fields} />}
          <MovementUrgencyFields {...fields} />

          <MovementCheckPanel check={check} checking={checking} zones={previewZones} zone={me.org.timeZone} orgName={orgName} fieldLabel={fieldLabel} />

          {failure && (
            <p className="notice notice--error" role="alert" data-testid="form-error">
              {t(failure)}
            </p>
          )}
          {otherErrors.length > 0 && (
            <ul className="notice notice--error problem-list" role="alert" data-testid="other-errors">
              {otherErrors.map((e, i) => (
                <li key={`${e.path}-${i}`} data-path={e.path}>
                  {fieldLabel(e.path)}: {errorText(e)}
                </li>
              ))}
            </ul>
          )}
          <div className="form-actions">
            <button type="submit" className="button button--approve" disabled={busy} data-testid="movement-submit">
              {busy ? t('movements.form.submitting') : t('movements.form.submit')}
            </button>
            <a className="form-actions__check" href="#check-heading" data-state={checking ? 'checking' : check.kind}>
              {checking
                ? t('movements.form.check.checking')
                : check.kind === 'done'
                  ? check.result.warnings.length
                    ? t('movements.form.check.warningCount', { count: check.result.warnings.length })
                    : t('movements.warnings.none')
                  : check.kind === 'incomplete'
                    ? t('movements.form.check.notYet')
                    : t('movements.form.check.seeAbove')}
            </a>
          </div>
        </div>

        <div className="corridor-form__map">
          <p className={`map-mode${drawing ? ' map-mode--active' : ''}`} role="status" data-testid="map-mode" data-mode={drawing ? 'route' : 'none'}>
            {t(drawing ? 'corridors.form.mode.route' : 'movements.form.mapHint')}
          </p>
          <CorridorMap
            corridors={mapped}
            vertices={vertices}
            focusKey={focusKey}
            onMapClick={drawing ? (p) => update((s) => ({ route: appendPoint(s.route, p) })) : null}
            className="corridor-form__mapbox"
          />
        </div>
      </div>
    </form>
  );
}
