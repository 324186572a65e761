import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../api.ts';
import { fieldOfPath } from './fields.ts';

/** A form-side error: a translation key for checks done here, or the server's own text. */
export interface FormError extends ProblemFieldError {
  key?: ClientErrorKey;
}

export type ClientErrorKey =
  | 'corridors.errors.required'
  | 'corridors.errors.number'
  | 'corridors.errors.latitude'
  | 'corridors.errors.longitude'
  | 'corridors.errors.dateTime'
  | 'corridors.errors.route'
  | 'corridors.errors.integer'
  | MovementErrorKey
  | PeopleErrorKey;

/** Checks of the people forms (registration, search, protection). */
export type PeopleErrorKey =
  | 'birthDate.errors.required'
  | 'birthDate.errors.year'
  | 'birthDate.errors.month'
  | 'birthDate.errors.day'
  | 'birthDate.errors.future';

/** Checks of the movement forms (notification, check-in, delivery). */
export type MovementErrorKey =
  | 'movements.errors.dateTime'
  | 'movements.errors.count'
  | 'movements.errors.quantity'
  | 'movements.errors.weight'
  | 'movements.errors.routeOrCorridor'
  | 'movements.errors.vehicles'
  | 'movements.errors.justification'
  | 'movements.errors.arrivalAfter'
  | 'movements.errors.noticeTooShort'
  | 'movements.errors.received';

/** Where a problem's entry points, in words: "Windows, no. 2 (end)". */
export function useFieldLabel(): (path: string) => string {
  const { t } = useTranslation();
  return (path) => {
    const { field, index, sub } = fieldOfPath(path);
    if (!field) return path;
    if (field === 'publicText') {
      // "/publicText/ru/gatheringPoints/0/address" → "Public text (Русский): Gathering point 1: address"
      const [, lang, part, n, item] = path.split('/').filter((p) => p && p !== 'body');
      const langName = lang === 'uk' || lang === 'ru' || lang === 'en' ? t(`lang.${lang}Name`) : (lang ?? '');
      let what: string = t('corridors.field.publicText');
      if (part === 'title' || part === 'eligibility' || part === 'conditions' || part === 'whatToBring') what = t(`corridors.publicText.${part}`);
      else if (part === 'gatheringPoints' && n !== undefined) {
        what = item === 'address' ? t('corridors.publicText.pointAddress', { n: Number(n) + 1 }) : t('corridors.publicText.pointName', { n: Number(n) + 1 });
      }
      return t('corridors.publicText.pathLabel', { lang: langName, field: what });
    }
    const name = t(`corridors.field.${field}`);
    if (index === null) return name;
    return sub ? t('corridors.errors.itemSub', { field: name, n: index + 1, sub }) : t('corridors.errors.item', { field: name, n: index + 1 });
  };
}

/** The message of one error in the current language (the server's text is quoted as such). */
export function useErrorText(): (error: FormError) => string {
  const { t } = useTranslation();
  return (error) => (error.key ? t(error.key) : t('corridors.errors.server', { message: error.message }));
}

/**
 * The 422 answer of POST …/propose: each element still missing, by name, so the coordinator
 * sees at once what the parties cannot yet agree to.
 */
export function MissingForProposal({ errors }: { errors: readonly ProblemFieldError[] }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  return (
    <div className="notice notice--error" role="alert" data-testid="propose-errors">
      <p>
        <strong>{t('corridors.propose.missingHeading')}</strong>
      </p>
      <ul className="problem-list">
        {errors.map((e, i) => (
          <li key={`${e.path}-${i}`} data-path={e.path}>
            <strong>{label(e.path)}</strong>
            {e.message && (
              <>
                {' — '}
                <span className="problem-list__server">{t('corridors.errors.server', { message: e.message })}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
