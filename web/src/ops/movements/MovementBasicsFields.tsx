import { useTranslation } from 'react-i18next';
import { MOVEMENT_KINDS, type Corridor, type MovementKind } from '../../api.ts';
import { FieldErrors } from '../FormFields.tsx';
import type { MovementFieldsetProps } from './useMovementForm.ts';

interface MovementBasicsFieldsProps extends MovementFieldsetProps {
  /** null while loading. */
  corridors: Corridor[] | null;
  sortedCorridors: Corridor[];
}

/** The kind of movement and the corridor it uses, if any. */
export function MovementBasicsFields({ state, update, errorsFor, fieldId, corridors, sortedCorridors }: MovementBasicsFieldsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="group">
      <legend>{t('movements.form.basics')}</legend>
      <div className="field">
        <label htmlFor={fieldId('kind')}>{t('movements.form.field.kind')}</label>
        <select id={fieldId('kind')} value={state.kind} onChange={(e) => update({ kind: e.target.value as MovementKind })} data-testid="movement-kind">
          {MOVEMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`movements.kind.${k}`)}
            </option>
          ))}
        </select>
        <p className="field__hint">{t(`movements.form.kindHint.${state.kind}`)}</p>
        <FieldErrors id={`${fieldId('kind')}-err`} errors={errorsFor('kind')} />
      </div>
      <div className="field">
        <label htmlFor={fieldId('corridor')}>{t('movements.form.field.corridorId')}</label>
        <select
          id={fieldId('corridor')}
          value={state.corridorId}
          aria-invalid={errorsFor('corridorId').length > 0}
          aria-describedby={`${fieldId('corridor')}-hint`}
          onChange={(e) => update({ corridorId: e.target.value })}
          data-testid="movement-corridor"
        >
          <option value="">{t('movements.form.noCorridor')}</option>
          {sortedCorridors.map((c) => (
            <option key={c.id} value={c.id}>
              {t('movements.form.corridorOption', { name: c.name, status: t(`status.${c.status}`) })}
            </option>
          ))}
        </select>
        <p id={`${fieldId('corridor')}-hint`} className="field__hint">
          {corridors === null ? t('app.loading') : t('movements.form.corridorHint')}
        </p>
        <FieldErrors id={`${fieldId('corridor')}-err`} errors={errorsFor('corridorId')} />
      </div>
    </fieldset>
  );
}
