import { useTranslation } from 'react-i18next';
import type { Me, Site } from '../../api.ts';
import { INTL_LOCALE, currentLang } from '../../i18n/index.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { useErrorText } from '../../ui/form-errors.ts';
import { PEOPLE_BASE } from '../route.ts';
import { PersonName } from './describe.tsx';
import { DuplicatePanel } from './DuplicatePanel.tsx';
import { PersonConsentFields } from './PersonConsentFields.tsx';
import { PersonDetailsFields } from './PersonDetailsFields.tsx';
import { PersonNameFields } from './PersonNameFields.tsx';
import { PersonSaved } from './PersonSaved.tsx';
import { MAX_SHOWN_DUPLICATES } from './personDraft.ts';
import { usePersonForm } from './usePersonForm.ts';

interface PersonFormProps {
  me: Me;
  /** Every organisation's sites (null while loading); the form offers the user's own. */
  sites: readonly Site[] | null;
}

/**
 * /ops/people/new: registration at one of the organisation's sites. While the name is typed the
 * people already registered with a similar name (and birth date) show, so a duplicate is caught
 * before it is saved; after saving, the server's own list of likely duplicates shows too.
 */
export function PersonForm({ me, sites }: PersonFormProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const form = usePersonForm(me, sites);
  const { state, check, queued, failure, busy, fieldLabel } = form;
  const other = form.otherErrors;
  const fields = { state, update: form.update, errorsFor: form.errorsFor, fieldId: form.fieldId };

  if (form.saved) return <PersonSaved saved={form.saved} onAnother={form.another} />;

  return (
    <form ref={form.formRef} className="people person-form" data-testid="person-form" onSubmit={form.submit} noValidate>
      {queued && (
        <p className="notice" role="status" data-testid="person-queued">
          {t('people.form.queued', { time: new Date(queued.at).toLocaleTimeString(INTL_LOCALE[currentLang()], { hour: '2-digit', minute: '2-digit' }) })} <PersonName person={queued.person} />
        </p>
      )}
      <BackLink href={PEOPLE_BASE} label={t('people.back')} />
      <h1 className="people__title">{t('people.form.heading')}</h1>

      <PersonNameFields {...fields} />

      <DuplicatePanel check={check} named={form.query !== null} />

      <PersonDetailsFields {...fields} sites={sites} ownSites={form.ownSites} />

      <PersonConsentFields {...fields} hasBirthDate={Boolean(form.birth.value)} />

      {failure && (
        <p className="notice notice--error" role="alert" data-testid="form-error">
          {t(failure)}
        </p>
      )}
      {other.length > 0 && (
        <ul className="notice notice--error problem-list" role="alert" data-testid="other-errors">
          {other.map((e, i) => (
            <li key={`${e.path}-${i}`} data-path={e.path}>
              {fieldLabel(e.path)}: {errorText(e)}
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--approve" disabled={busy} data-testid="person-save">
          {busy ? t('people.form.saving') : t('people.form.save')}
        </button>
        {check.kind === 'done' && check.items.length > 0 && (
          <span className="form-actions__check" data-state="duplicates">
            {t('people.duplicates.count', { count: Math.min(check.items.length, MAX_SHOWN_DUPLICATES) })}
          </span>
        )}
      </div>
    </form>
  );
}
