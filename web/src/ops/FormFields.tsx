import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { zoneName } from '../time/WindowTime.tsx';
import { useErrorText, type FormError } from '../ui/form-errors.ts';

/* ---------- Small field components: a label for every input, errors tied to it ---------- */

export function FieldErrors({ id, errors }: { id: string; errors: readonly FormError[] }) {
  const errorText = useErrorText();
  if (errors.length === 0) return null;
  return (
    <div id={id} className="field-error" data-testid="field-error">
      {errors.map((e, i) => (
        <p key={`${e.path}-${i}`} data-path={e.path}>
          {errorText(e)}
        </p>
      ))}
    </div>
  );
}

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: readonly FormError[];
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  list?: string;
  inputMode?: 'decimal' | 'numeric';
}

export function TextField({ id, label, value, onChange, errors, hint, required, multiline, list, inputMode }: TextFieldProps) {
  const describedBy = [errors.length ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    'aria-invalid': errors.length > 0,
    'aria-describedby': describedBy,
    required,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" list={list} inputMode={inputMode} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      )}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <FieldErrors id={`${id}-err`} errors={errors} />
    </div>
  );
}

export function DateTimeField({
  id,
  type,
  label,
  value,
  onChange,
  invalid,
}: {
  id: string;
  type: 'date' | 'time';
  label: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

export function Checks<T extends string>({
  legend,
  options,
  selected,
  onChange,
  errors,
  empty,
}: {
  legend: string;
  options: { value: T; label: string }[];
  selected: readonly T[];
  onChange: (values: T[]) => void;
  errors: readonly FormError[];
  empty?: string;
}): ReactNode {
  const id = useId();
  return (
    <fieldset className="checks" aria-invalid={errors.length > 0} aria-describedby={errors.length ? `${id}-err` : undefined}>
      <legend>{legend}</legend>
      {options.length === 0 && empty && <p className="field__hint">{empty}</p>}
      {options.map((o) => (
        <label key={o.value} className="checks__option">
          <input
            type="checkbox"
            checked={selected.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
          />
          {o.label}
        </label>
      ))}
      <FieldErrors id={`${id}-err`} errors={errors} />
    </fieldset>
  );
}

/** The zone in which the dates and times of a form are typed ("Kyiv time — Europe/Kyiv"). */
export function ZoneField({
  id,
  label,
  hint,
  value,
  zones,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  zones: readonly string[];
  onChange: (zone: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.value)}>
        {zones.map((z) => (
          <option key={z} value={z}>
            {zoneName(z, t)} — {z}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
