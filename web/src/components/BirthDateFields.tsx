import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A birth date as three small boxes — year, month, day — because people often know only the
 * year (or the year and month) of an elderly relative's birth. Sent as `YYYY`, `YYYY-MM` or
 * `YYYY-MM-DD`. Used by the registration and search forms of the console and by the public
 * tracing form.
 */

export interface BirthDateParts {
  year: string;
  month: string;
  day: string;
}

export const EMPTY_BIRTH_DATE: BirthDateParts = { year: '', month: '', day: '' };

export type BirthDateProblem = 'required' | 'year' | 'month' | 'day' | 'future';

/** The birth date the boxes hold (null when empty), or what is wrong with it. */
export function readBirthDate(parts: BirthDateParts, required = false, now: Date = new Date()): { value: string | null; problem: BirthDateProblem | null } {
  const year = parts.year.trim();
  const month = parts.month.trim();
  const day = parts.day.trim();
  if (!year && !month && !day) return { value: null, problem: required ? 'required' : null };
  const thisYear = now.getUTCFullYear();
  if (!/^\d{4}$/.test(year) || Number(year) < 1900 || Number(year) > thisYear) return { value: null, problem: 'year' };
  if (!month) return day ? { value: null, problem: 'month' } : { value: year, problem: null };
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return { value: null, problem: 'month' };
  const mm = month.padStart(2, '0');
  if (!day) {
    return `${year}-${mm}` > now.toISOString().slice(0, 7) ? { value: null, problem: 'future' } : { value: `${year}-${mm}`, problem: null };
  }
  if (!/^\d{1,2}$/.test(day)) return { value: null, problem: 'day' };
  const value = `${year}-${mm}-${day.padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return { value: null, problem: 'day' };
  if (date.getTime() > now.getTime()) return { value: null, problem: 'future' };
  return { value, problem: null };
}

/** A whole date typed or pasted into the year box ("1956-04-12", "12.04.1956") fills all three. */
function splitWholeDate(text: string): BirthDateParts | null {
  const iso = /^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*$/.exec(text);
  if (iso) return { year: iso[1] ?? '', month: iso[2] ?? '', day: iso[3] ?? '' };
  const dotted = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (dotted) return { year: dotted[3] ?? '', month: dotted[2] ?? '', day: dotted[1] ?? '' };
  return null;
}

interface BirthDateFieldsProps {
  id: string;
  legend: string;
  parts: BirthDateParts;
  onChange: (parts: BirthDateParts) => void;
  invalid: boolean;
  hint?: string;
  /** Error messages, shown under the boxes (give them the id `${id}-err`). */
  children?: ReactNode;
  testId?: string;
}

export function BirthDateFields({ id, legend, parts, onChange, invalid, hint, children, testId }: BirthDateFieldsProps) {
  const { t } = useTranslation();
  const describedBy = [invalid ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const box = (part: keyof BirthDateParts, label: string, placeholder: string, maxLength: number | undefined) => (
    <div className={`birth-date__part birth-date__part--${part}`}>
      <label htmlFor={`${id}-${part}`}>{label}</label>
      <input
        id={`${id}-${part}`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={placeholder}
        maxLength={maxLength}
        value={parts[part]}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => {
          const whole = part === 'year' ? splitWholeDate(e.target.value) : null;
          onChange(whole ?? { ...parts, [part]: e.target.value.replace(/[^\d]/g, '').slice(0, part === 'year' ? 4 : 2) });
        }}
      />
    </div>
  );
  return (
    <fieldset className="birth-date" data-testid={testId}>
      <legend>{legend}</legend>
      <div className="birth-date__parts">
        {box('year', t('birthDate.year'), t('birthDate.yearPlaceholder'), undefined)}
        {box('month', t('birthDate.month'), t('birthDate.monthPlaceholder'), 2)}
        {box('day', t('birthDate.day'), t('birthDate.dayPlaceholder'), 2)}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {children}
    </fieldset>
  );
}

/** The translation key of a birth-date problem. */
export const BIRTH_DATE_PROBLEM_KEY = {
  required: 'birthDate.errors.required',
  year: 'birthDate.errors.year',
  month: 'birthDate.errors.month',
  day: 'birthDate.errors.day',
  future: 'birthDate.errors.future',
} as const satisfies Record<BirthDateProblem, string>;
