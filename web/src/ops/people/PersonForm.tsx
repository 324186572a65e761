import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  SEXES,
  VULNERABILITIES,
  parseProblem,
  type Me,
  type Person,
  type PersonMatch,
  type PersonRegistered,
  type PersonRegistration,
  type Sex,
  type Site,
  type Vulnerability,
} from '../../api.ts';
import { BIRTH_DATE_PROBLEM_KEY, BirthDateFields, EMPTY_BIRTH_DATE, readBirthDate, type BirthDateParts } from '../../components/BirthDateFields.tsx';
import { useErrorText, type FormError } from '../../ui/form-errors.ts';
import { INTL_LOCALE, currentLang } from '../../i18n/index.ts';
import { discardItem } from '../../outbox/outbox.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi, useEnqueue } from '../session.tsx';
import { Checks, FieldErrors, TextField } from '../FormFields.tsx';
import { onLinkClick, PEOPLE_BASE, personPath } from '../route.ts';
import { DuplicateList, type DuplicateItem } from './DuplicateList.tsx';
import { FlaggedElsewhere } from './FlaggedElsewhere.tsx';
import { PersonName, usePeopleSearch, usePersonWords, type NameQuery } from './describe.tsx';
import { fullName, personFieldOfPath, type PersonField } from './fields.ts';
import { BackLink } from '../../ui/BackLink.tsx';

interface PersonFormProps {
  me: Me;
  /** Every organisation's sites (null while loading); the form offers the user's own. */
  sites: readonly Site[] | null;
}

interface FormState {
  givenName: string;
  patronymic: string;
  familyName: string;
  birth: BirthDateParts;
  sex: Sex | '';
  vulnerabilities: Vulnerability[];
  householdId: string;
  site: string;
  consentTracing: boolean;
}

const emptyState = (site = ''): FormState => ({
  givenName: '',
  patronymic: '',
  familyName: '',
  birth: EMPTY_BIRTH_DATE,
  sex: '',
  vulnerabilities: [],
  householdId: '',
  site,
  consentTracing: false,
});

/** The body to send, or the errors found here first. */
function buildBody(state: FormState): { body: PersonRegistration | null; errors: FormError[] } {
  const errors: FormError[] = [];
  if (!state.familyName.trim()) errors.push({ path: '/familyName', message: '', key: 'corridors.errors.required' });
  if (!state.givenName.trim()) errors.push({ path: '/givenName', message: '', key: 'corridors.errors.required' });
  const birth = readBirthDate(state.birth);
  if (birth.problem) errors.push({ path: '/birthDate', message: '', key: BIRTH_DATE_PROBLEM_KEY[birth.problem] });
  if (errors.length) return { body: null, errors };
  const body: PersonRegistration = { givenName: state.givenName.trim(), familyName: state.familyName.trim() };
  if (state.patronymic.trim()) body.patronymic = state.patronymic.trim();
  if (birth.value) body.birthDate = birth.value;
  if (state.sex) body.sex = state.sex;
  if (state.vulnerabilities.length) body.vulnerabilities = VULNERABILITIES.filter((v) => state.vulnerabilities.includes(v));
  if (state.householdId.trim()) body.householdId = state.householdId.trim();
  if (state.site) body.site = state.site;
  body.consentTracing = state.consentTracing;
  return { body, errors };
}

/** The live check shows the closest few; the search page shows more. */
const MAX_SHOWN_DUPLICATES = 10;

type Saved = { id: string; person: Pick<Person, 'givenName' | 'familyName' | 'patronymic'>; duplicates: DuplicateItem[] | null; elsewhere: readonly PersonMatch[] };

/**
 * /ops/people/new: registration at one of the organisation's sites. While the name is typed the
 * people already registered with a similar name (and birth date) show, so a duplicate is caught
 * before it is saved; after saving, the server's own list of likely duplicates shows too.
 */
export function PersonForm({ me, sites }: PersonFormProps) {
  const api = useApi();
  const enqueue = useEnqueue();
  const { t } = useTranslation();
  const id = useId();
  const words = usePersonWords();
  const errorText = useErrorText();
  const ownSites = useMemo(() => (sites ?? []).filter((s) => s.orgId === me.orgId), [sites, me.orgId]);
  const [state, setState] = useState<FormState>(() => emptyState());
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState<{ person: { givenName: string; familyName: string; patronymic: string | null }; at: string } | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusError = useRef(false);

  // One site only: it is the registrar's.
  const onlySite = ownSites.length === 1 ? (ownSites[0]?.id ?? '') : '';
  useEffect(() => {
    if (onlySite) setState((s) => (s.site ? s : { ...s, site: onlySite }));
  }, [onlySite]);

  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  }, [errors]);

  function update(change: Partial<FormState>) {
    setState((s) => ({ ...s, ...change }));
  }

  // The duplicate check while typing: once given and family name are there.
  const birth = readBirthDate(state.birth);
  const name = fullName(state);
  const query: NameQuery | null =
    !saved && state.givenName.trim() && state.familyName.trim() ? { name, ...(birth.value ? { birthDate: birth.value } : {}) } : null;
  const { state: check } = usePeopleSearch(query);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const built = buildBody(state);
    setFailure(null);
    setErrors(built.errors);
    focusError.current = built.errors.length > 0;
    if (!built.body) {
      setFailure('ops.errors.invalid');
      return;
    }
    setBusy(true);
    setQueued(null);
    try {
      // Through the outbox: at a site without signal the registration waits on the device, with its time.
      const tappedAt = new Date().toISOString();
      const sent = await enqueue({ kind: 'registration', path: '/api/v1/people', body: { ...built.body, tappedAt }, tappedAt }).catch(() => null);
      let created: PersonRegistered;
      if (sent === null) created = await api<PersonRegistered>('/api/v1/people', { method: 'POST', body: built.body });
      else if (sent.outcome === 'sent') created = sent.body as PersonRegistered;
      else if (sent.outcome === 'refused') {
        // Refused while the registrar is at the form: said on the form, not left in the outbox.
        await discardItem(sent.item);
        throw new ApiError(sent.item.problem?.status ?? 422, parseProblem(sent.body, sent.item.problem?.status ?? 422));
      } else {
        // Waiting, or signed out (the session ends and the registration goes after the next sign-in).
        setQueued({ person: { givenName: built.body.givenName, familyName: built.body.familyName, patronymic: built.body.patronymic ?? null }, at: tappedAt });
        setState(emptyState());
        setErrors([]);
        return;
      }
      const person = { givenName: built.body.givenName, familyName: built.body.familyName, patronymic: built.body.patronymic ?? null };
      const matches = (created.possibleDuplicates ?? []).filter((d) => d.id !== created.id);
      const elsewhere = created.flaggedElsewhere ?? [];
      setSaved({ id: created.id, person, duplicates: matches.length ? null : [], elsewhere });
      if (matches.length) {
        // The answer gives ids and scores: the names come from each record.
        const read = await Promise.all(
          matches.map((d) =>
            api<Person>(`/api/v1/people/${encodeURIComponent(d.id)}`)
              .then((p): DuplicateItem => ({ id: d.id, score: d.score, person: p }))
              .catch((): DuplicateItem => ({ id: d.id, score: d.score, person: null })),
          ),
        );
        setSaved({ id: created.id, person, duplicates: read, elsewhere });
      }
    } catch (err) {
      if (err instanceof ApiError && err.problem?.errors?.length) {
        focusError.current = true;
        setErrors(err.problem.errors);
      }
      setFailure(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  if (saved) {
    return (
      <div className="people person-saved" data-testid="person-saved" data-id={saved.id}>
        <BackLink href={PEOPLE_BASE} label={t('people.back')} />
        <h1 className="people__title">{t('people.form.savedHeading')}</h1>
        <p className="notice notice--ok" role="status">
          {t('people.form.saved')} <PersonName person={saved.person} />
        </p>
        {saved.duplicates === null && <p role="status">{t('people.duplicates.loading')}</p>}
        {saved.duplicates && saved.duplicates.length > 0 && (
          <section className="duplicates duplicates--found" aria-labelledby={`${id}-dup-saved`}>
            <h2 id={`${id}-dup-saved`}>{t('people.duplicates.afterSaveHeading')}</h2>
            <p>{t('people.duplicates.afterSaveIntro')}</p>
            <DuplicateList items={saved.duplicates} newTab={false} />
          </section>
        )}
        {saved.duplicates && saved.duplicates.length === 0 && <p>{t('people.duplicates.noneAfterSave')}</p>}
        <FlaggedElsewhere items={saved.elsewhere} />
        <div className="toolbar">
          <a className="button" href={personPath(saved.id)} onClick={onLinkClick} data-testid="person-open">
            {t('people.form.openRecord')}
          </a>
          <button
            type="button"
            className="button button--secondary"
            data-testid="person-another"
            onClick={() => {
              setSaved(null);
              setErrors([]);
              setFailure(null);
              setState((s) => emptyState(s.site));
            }}
          >
            {t('people.form.another')}
          </button>
        </div>
      </div>
    );
  }

  const shown = new Set<FormError>();
  const errorsFor = (field: PersonField): FormError[] => {
    const found = errors.filter((e) => personFieldOfPath(e.path).field === field);
    for (const e of found) shown.add(e);
    return found;
  };
  const fieldId = (name: string) => `${id}-${name}`;
  const birthErrors = errorsFor('birthDate');
  const siteErrors = errorsFor('site');
  const sexErrors = errorsFor('sex');
  const consentErrors = errorsFor('consentTracing');
  const vulnerabilityErrors = errorsFor('vulnerabilities');
  const givenErrors = errorsFor('givenName');
  const patronymicErrors = errorsFor('patronymic');
  const familyErrors = errorsFor('familyName');
  const householdErrors = errorsFor('householdId');
  const other = errors.filter((e) => !shown.has(e));
  const fieldLabel = (path: string): string => {
    const { field } = personFieldOfPath(path);
    return field ? t(`people.field.${field}`) : path;
  };

  return (
    <form ref={formRef} className="people person-form" data-testid="person-form" onSubmit={submit} noValidate>
      {queued && (
        <p className="notice" role="status" data-testid="person-queued">
          {t('people.form.queued', { time: new Date(queued.at).toLocaleTimeString(INTL_LOCALE[currentLang()], { hour: '2-digit', minute: '2-digit' }) })} <PersonName person={queued.person} />
        </p>
      )}
      <BackLink href={PEOPLE_BASE} label={t('people.back')} />
      <h1 className="people__title">{t('people.form.heading')}</h1>

      <fieldset className="group">
        <legend>{t('people.form.nameLegend')}</legend>
        <p className="field__hint" id={fieldId('name-hint')}>
          {t('people.form.nameHint')}
        </p>
        <div className="person-form__names">
          {/* Family name first, as Ukrainian and Russian documents write it. */}
          <TextField id={fieldId('family')} label={t('people.field.familyName')} value={state.familyName} onChange={(familyName) => update({ familyName })} errors={familyErrors} required />
          <TextField id={fieldId('given')} label={t('people.field.givenName')} value={state.givenName} onChange={(givenName) => update({ givenName })} errors={givenErrors} required />
          <TextField id={fieldId('patronymic')} label={t('people.field.patronymic')} value={state.patronymic} onChange={(patronymic) => update({ patronymic })} errors={patronymicErrors} />
        </div>
        <BirthDateFields
          id={fieldId('birth')}
          legend={t('people.field.birthDate')}
          hint={t('birthDate.hint')}
          parts={state.birth}
          invalid={birthErrors.length > 0}
          onChange={(parts) => update({ birth: parts })}
        >
          <FieldErrors id={`${fieldId('birth')}-err`} errors={birthErrors} />
        </BirthDateFields>
      </fieldset>

      <DuplicatePanel check={check} named={query !== null} />

      <fieldset className="group">
        <legend>{t('people.form.detailsLegend')}</legend>
        <div className="field">
          <label htmlFor={fieldId('sex')}>{t('people.field.sex')}</label>
          <select id={fieldId('sex')} value={state.sex} aria-invalid={sexErrors.length > 0} onChange={(e) => update({ sex: e.target.value as Sex | '' })}>
            <option value="">{t('people.sex.notRecorded')}</option>
            {SEXES.map((s) => (
              <option key={s} value={s}>
                {words.sex(s)}
              </option>
            ))}
          </select>
          <FieldErrors id={`${fieldId('sex')}-err`} errors={sexErrors} />
        </div>
        <Checks
          legend={t('people.field.vulnerabilities')}
          options={VULNERABILITIES.map((v) => ({ value: v, label: words.vulnerability(v) }))}
          selected={state.vulnerabilities}
          onChange={(vulnerabilities) => update({ vulnerabilities })}
          errors={vulnerabilityErrors}
        />
        <TextField
          id={fieldId('household')}
          label={t('people.field.householdId')}
          hint={t('people.form.householdHint')}
          value={state.householdId}
          onChange={(householdId) => update({ householdId })}
          errors={householdErrors}
        />
        <div className="field">
          <label htmlFor={fieldId('site')}>{t('people.field.site')}</label>
          <select
            id={fieldId('site')}
            value={state.site}
            aria-invalid={siteErrors.length > 0}
            aria-describedby={ownSites.length === 0 ? `${fieldId('site')}-hint` : undefined}
            onChange={(e) => update({ site: e.target.value })}
            data-testid="person-site"
          >
            <option value="">{sites === null ? t('app.loading') : t('people.form.noSite')}</option>
            {ownSites.map((s) => (
              <option key={s.id} value={s.id}>
                {words.site(s)}
              </option>
            ))}
          </select>
          {sites !== null && ownSites.length === 0 && (
            <p id={`${fieldId('site')}-hint`} className="field__hint">
              {t('people.form.noSitesYet')}
            </p>
          )}
          <FieldErrors id={`${fieldId('site')}-err`} errors={siteErrors} />
        </div>
      </fieldset>

      <fieldset className="group consent">
        <legend>{t('people.form.consentLegend')}</legend>
        <label className="checks__option consent__option">
          <input
            type="checkbox"
            checked={state.consentTracing}
            aria-describedby={`${fieldId('consent')}-what`}
            aria-invalid={consentErrors.length > 0}
            onChange={(e) => update({ consentTracing: e.target.checked })}
            data-testid="person-consent"
          />
          {t('people.field.consentTracing')}
        </label>
        <div id={`${fieldId('consent')}-what`} className="consent__what">
          <p>{t('people.form.consentWhat')}</p>
          <p>{t('people.form.consentAsk')}</p>
        </div>
        {state.consentTracing && !birth.value && <p className="notice">{t('people.form.consentNeedsBirthDate')}</p>}
        {state.consentTracing && !state.site && <p className="notice">{t('people.form.consentNeedsSite')}</p>}
        <FieldErrors id={`${fieldId('consent')}-err`} errors={consentErrors} />
      </fieldset>

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

/** What the live check found while the name is typed. */
function DuplicatePanel({ check, named }: { check: ReturnType<typeof usePeopleSearch>['state']; named: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const all = check.kind === 'done' ? check.items : check.kind === 'searching' ? check.items : null;
  const items = all ? all.slice(0, MAX_SHOWN_DUPLICATES) : null;
  const found = items && items.length > 0;
  return (
    <section className={`duplicates${found ? ' duplicates--found' : ''}`} aria-labelledby={headingId} data-testid="duplicate-check" data-state={check.kind}>
      <h2 id={headingId}>{t('people.duplicates.heading')}</h2>
      <div aria-live="polite">
        {!named && <p className="muted">{t('people.duplicates.prompt')}</p>}
        {named && check.kind === 'searching' && <p className="muted">{t('people.duplicates.checking')}</p>}
        {named && check.kind === 'done' && !found && <p>{t('people.duplicates.none')}</p>}
        {named && check.kind === 'failed' && <p className="notice notice--error">{t('people.duplicates.failed')}</p>}
        {named && found && <p className="duplicates__warning">{t('people.duplicates.warning')}</p>}
      </div>
      {named && found && items && <DuplicateList items={items.map((p) => ({ id: p.id, score: p.score, person: p }))} newTab />}
    </section>
  );
}
