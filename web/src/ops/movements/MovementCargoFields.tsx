import { useTranslation } from 'react-i18next';
import { FieldErrors, TextField } from '../FormFields.tsx';
import { useMovementWords } from './describe.tsx';
import { CARGO_CATEGORIES, CARGO_UNITS } from './fields.ts';
import { emptyCargo, type CargoDraft } from './movementDraft.ts';
import type { MovementFieldsetProps } from './useMovementForm.ts';

/** A supply run's cargo lines: category, item, quantity, unit and weight of each. */
export function MovementCargoFields({ state, update, errorsFor, fieldId }: MovementFieldsetProps) {
  const { t } = useTranslation();
  const words = useMovementWords();
  return (
    <fieldset className="group">
      <legend>{t('movements.form.field.cargo')}</legend>
      <datalist id={fieldId('units')}>
        {CARGO_UNITS.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
      <FieldErrors id={`${fieldId('cargo')}-err`} errors={errorsFor('cargo')} />
      <ol className="item-list">
        {state.cargo.map((c, i) => {
          const setC = (change: Partial<CargoDraft>) => update((s) => ({ cargo: s.cargo.map((x) => (x.key === c.key ? { ...x, ...change } : x)) }));
          return (
            <li key={c.key} className="item" data-testid="cargo-item">
              <p className="item__title">{t('movements.form.cargoN', { n: i + 1 })}</p>
              <FieldErrors id={`${fieldId(`c-${i}`)}-err`} errors={errorsFor('cargo', i)} />
              <div className="cargo-inputs">
                <div className="field">
                  <label htmlFor={fieldId(`c-${i}-category`)}>{t('movements.form.cargoCategory', { n: i + 1 })}</label>
                  <select id={fieldId(`c-${i}-category`)} value={c.category} onChange={(e) => setC({ category: e.target.value })}>
                    {CARGO_CATEGORIES.map((cat) => (
                      <option key={cat} value={cat}>
                        {words.category(cat)}
                      </option>
                    ))}
                  </select>
                  <FieldErrors id={`${fieldId(`c-${i}-category`)}-err`} errors={errorsFor('cargo', i, 'category')} />
                </div>
                <TextField id={fieldId(`c-${i}-item`)} label={t('movements.form.cargoItem', { n: i + 1 })} value={c.item} onChange={(item) => setC({ item })} errors={errorsFor('cargo', i, 'item')} />
                <TextField id={fieldId(`c-${i}-quantity`)} label={t('movements.form.cargoQuantity', { n: i + 1 })} value={c.quantity} inputMode="decimal" onChange={(quantity) => setC({ quantity })} errors={errorsFor('cargo', i, 'quantity')} />
                <TextField id={fieldId(`c-${i}-unit`)} label={t('movements.form.cargoUnit', { n: i + 1 })} value={c.unit} list={fieldId('units')} onChange={(unit) => setC({ unit })} errors={errorsFor('cargo', i, 'unit')} />
                <TextField id={fieldId(`c-${i}-weight`)} label={t('movements.form.cargoWeight', { n: i + 1 })} value={c.weightKg} inputMode="decimal" onChange={(weightKg) => setC({ weightKg })} errors={errorsFor('cargo', i, 'weightKg')} />
              </div>
              <button type="button" className="button button--small button--secondary" onClick={() => update((s) => ({ cargo: s.cargo.filter((x) => x.key !== c.key) }))} data-testid="cargo-remove">
                {t('corridors.form.remove', { what: t('movements.form.cargoN', { n: i + 1 }) })}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button--secondary" onClick={() => update((s) => ({ cargo: [...s.cargo, emptyCargo()] }))} data-testid="cargo-add">
        {t('movements.form.addCargo')}
      </button>
    </fieldset>
  );
}
