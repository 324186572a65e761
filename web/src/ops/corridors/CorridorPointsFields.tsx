import { useTranslation } from 'react-i18next';
import type { Org } from '../../api.ts';
import { FieldErrors, TextField } from '../FormFields.tsx';
import type { CheckpointDraft, GatheringDraft, MapMode } from './corridorDraft.ts';
import type { CorridorFieldsetProps } from './useCorridorForm.ts';

interface PlacingProps extends CorridorFieldsetProps {
  mode: MapMode;
  setMode: (mode: MapMode) => void;
}

/** Gathering points: placed on the map, then named; each with an address and coordinates. */
export function GatheringPointsFields({ state, update, errorsFor, fieldId, mode, setMode }: PlacingProps) {
  const { t } = useTranslation();
  const setPoint = (key: number, change: Partial<GatheringDraft>) =>
    update((s) => ({ gatheringPoints: s.gatheringPoints.map((x) => (x.key === key ? { ...x, ...change } : x)) }));
  return (
    <fieldset className="group">
      <legend>{t('corridors.field.gatheringPoints')}</legend>
      <p className="field__hint">{t('corridors.form.gpHint')}</p>
      <button type="button" className="button button--secondary" aria-pressed={mode === 'gp'} onClick={() => setMode(mode === 'gp' ? 'none' : 'gp')} data-testid="gp-place">
        {mode === 'gp' ? t('corridors.form.placingGp') : t('corridors.form.placeGp')}
      </button>
      <FieldErrors id={`${fieldId('gp')}-err`} errors={errorsFor('gatheringPoints')} />
      <ol className="item-list">
        {state.gatheringPoints.map((g, i) => (
          <li key={g.key} className="item" data-testid="gp-item">
            <p className="item__title">
              <span className="symbol symbol--gp" aria-hidden="true" />
              {t('corridors.form.gpN', { n: i + 1 })}
            </p>
            <FieldErrors id={`${fieldId(`gp-${i}`)}-err`} errors={errorsFor('gatheringPoints', i)} />
            <TextField
              id={fieldId(`gp-${i}-name`)}
              label={t('corridors.form.gpName', { n: i + 1 })}
              value={g.name}
              onChange={(name) => setPoint(g.key, { name })}
              errors={errorsFor('gatheringPoints', i, 'name')}
            />
            <TextField
              id={fieldId(`gp-${i}-address`)}
              label={t('corridors.form.gpAddress', { n: i + 1 })}
              value={g.address}
              onChange={(address) => setPoint(g.key, { address })}
              errors={errorsFor('gatheringPoints', i, 'address')}
            />
            <div className="point-row__coords">
              <TextField
                id={fieldId(`gp-${i}-lat`)}
                label={t('corridors.form.gpLat', { n: i + 1 })}
                value={g.lat}
                inputMode="decimal"
                onChange={(lat) => setPoint(g.key, { lat })}
                errors={errorsFor('gatheringPoints', i, 'lat')}
              />
              <TextField
                id={fieldId(`gp-${i}-lon`)}
                label={t('corridors.form.gpLon', { n: i + 1 })}
                value={g.lon}
                inputMode="decimal"
                onChange={(lon) => setPoint(g.key, { lon })}
                errors={errorsFor('gatheringPoints', i, 'lon')}
              />
            </div>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => update((s) => ({ gatheringPoints: s.gatheringPoints.filter((x) => x.key !== g.key) }))}
            >
              {t('corridors.form.remove', { what: g.name || t('corridors.form.gpN', { n: i + 1 }) })}
            </button>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

interface CheckpointsProps extends PlacingProps {
  partyOrgs: readonly Org[];
}

/** Checkpoints: placed on the map, then named, each controlled by one of the parties. */
export function CheckpointsFields({ state, update, errorsFor, fieldId, mode, setMode, partyOrgs }: CheckpointsProps) {
  const { t } = useTranslation();
  const setPoint = (key: number, change: Partial<CheckpointDraft>) =>
    update((s) => ({ checkpoints: s.checkpoints.map((x) => (x.key === key ? { ...x, ...change } : x)) }));
  return (
    <fieldset className="group">
      <legend>{t('corridors.field.checkpoints')}</legend>
      <p className="field__hint">{t('corridors.form.cpHint')}</p>
      <button type="button" className="button button--secondary" aria-pressed={mode === 'cp'} onClick={() => setMode(mode === 'cp' ? 'none' : 'cp')} data-testid="cp-place">
        {mode === 'cp' ? t('corridors.form.placingCp') : t('corridors.form.placeCp')}
      </button>
      <FieldErrors id={`${fieldId('cp')}-err`} errors={errorsFor('checkpoints')} />
      <ol className="item-list">
        {state.checkpoints.map((c, i) => {
          const partyErrors = errorsFor('checkpoints', i, 'controlledBy');
          return (
            <li key={c.key} className="item" data-testid="cp-item">
              <p className="item__title">
                <span className="symbol symbol--cp" aria-hidden="true" />
                {t('corridors.form.cpN', { n: i + 1 })}
              </p>
              <FieldErrors id={`${fieldId(`cp-${i}`)}-err`} errors={errorsFor('checkpoints', i)} />
              <TextField
                id={fieldId(`cp-${i}-name`)}
                label={t('corridors.form.cpName', { n: i + 1 })}
                value={c.name}
                onChange={(name) => setPoint(c.key, { name })}
                errors={errorsFor('checkpoints', i, 'name')}
              />
              <div className="field">
                <label htmlFor={fieldId(`cp-${i}-party`)}>{t('corridors.form.cpParty', { n: i + 1 })}</label>
                <select
                  id={fieldId(`cp-${i}-party`)}
                  value={c.controlledBy}
                  aria-invalid={partyErrors.length > 0}
                  aria-describedby={partyErrors.length ? `${fieldId(`cp-${i}-party`)}-err` : undefined}
                  onChange={(e) => setPoint(c.key, { controlledBy: e.target.value })}
                >
                  <option value="">{t('corridors.form.choose')}</option>
                  {partyOrgs.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
                <FieldErrors id={`${fieldId(`cp-${i}-party`)}-err`} errors={partyErrors} />
              </div>
              <div className="point-row__coords">
                <TextField
                  id={fieldId(`cp-${i}-lat`)}
                  label={t('corridors.form.cpLat', { n: i + 1 })}
                  value={c.lat}
                  inputMode="decimal"
                  onChange={(lat) => setPoint(c.key, { lat })}
                  errors={errorsFor('checkpoints', i, 'lat')}
                />
                <TextField
                  id={fieldId(`cp-${i}-lon`)}
                  label={t('corridors.form.cpLon', { n: i + 1 })}
                  value={c.lon}
                  inputMode="decimal"
                  onChange={(lon) => setPoint(c.key, { lon })}
                  errors={errorsFor('checkpoints', i, 'lon')}
                />
              </div>
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => update((s) => ({ checkpoints: s.checkpoints.filter((x) => x.key !== c.key) }))}
              >
                {t('corridors.form.remove', { what: c.name || t('corridors.form.cpN', { n: i + 1 }) })}
              </button>
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}
