import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../api.ts';
import { fieldOfPath } from './fields.ts';

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
