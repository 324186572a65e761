import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, PROTECTION_STATUSES, isAbort, type Me, type Org, type Person, type ProtectionStatus, type Site } from '../../api.ts';
import { currentLang } from '../../i18n/index.ts';
import { useZonedClock } from '../../time/WindowTime.tsx';
import { orgNamer } from '../../ui/format.ts';
import type { FormError } from '../../ui/form-errors.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { FieldErrors, TextField } from '../FormFields.tsx';
import { Fact } from '../../ui/Fact.tsx';
import { PEOPLE_BASE } from '../route.ts';
import { BirthDate, PersonName, usePersonWords } from './describe.tsx';
import { RecordLinks } from './RecordLinks.tsx';
import { searchesAllOrgs } from './fields.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { Loading, LoadError } from '../../ui/LoadState.tsx';

interface PersonDetailProps {
  me: Me;
  orgs: readonly Org[];
  sites: readonly Site[] | null;
  personId: string;
}

type LoadState = { kind: 'loading' } | { kind: 'error'; key: RequestErrorKey } | { kind: 'ready'; person: Person };

/** /ops/people/:id: everything recorded about one person; a reception centre records temporary protection. */
export function PersonDetail({ me, orgs, sites, personId }: PersonDetailProps) {
  const api = useApi();
  const { t } = useTranslation();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const load = useCallback(
    (signal?: AbortSignal) => {
      api<Person>(`/api/v1/people/${encodeURIComponent(personId)}`, { signal })
        .then((person) => setState({ kind: 'ready', person }))
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          setState({ kind: 'error', key: requestErrorKey(err) });
        });
    },
    [personId, api],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load, attempt]);

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') {
    return (
      <div className="people">
        <BackLink href={PEOPLE_BASE} label={t('people.back')} />
        <LoadError message={t(state.key)} onRetry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  }
  return <PersonView me={me} orgs={orgs} sites={sites} person={state.person} onChanged={(person) => setState({ kind: 'ready', person })} />;
}

interface PersonViewProps {
  me: Me;
  orgs: readonly Org[];
  sites: readonly Site[] | null;
  person: Person;
  onChanged: (person: Person) => void;
}

function PersonView({ me, orgs, sites, person: p, onChanged }: PersonViewProps) {
  const { t } = useTranslation();
  const words = usePersonWords();
  const clock = useZonedClock(me.org.timeZone);
  const orgName = useMemo(() => orgNamer(orgs), [orgs]);
  const site = p.site ? sites?.find((s) => s.id === p.site) : undefined;
  // Reception centre staff: people of their own organisation, which runs a reception centre.
  const atReception = p.allowedActions.includes('change') && (sites ?? []).some((s) => s.orgId === me.orgId && s.kind === 'reception_centre');

  return (
    <div className="people person-detail" data-testid="person-detail" data-id={p.id}>
      <BackLink href={PEOPLE_BASE} label={t('people.back')} />
      <h1 className="people__title person-detail__name">
        <PersonName person={p} />
      </h1>
      <dl className="facts">
        <Fact label={t('people.field.familyName')}>{p.familyName}</Fact>
        <Fact label={t('people.field.givenName')}>{p.givenName}</Fact>
        <Fact label={t('people.field.patronymic')}>{p.patronymic}</Fact>
        <Fact label={t('people.field.birthDate')}>
          <BirthDate value={p.birthDate} />
        </Fact>
        <Fact label={t('people.field.sex')}>{p.sex ? words.sex(p.sex) : null}</Fact>
        <Fact label={t('people.field.vulnerabilities')}>{p.vulnerabilities.length ? p.vulnerabilities.map(words.vulnerability).join(', ') : t('people.noneRecorded')}</Fact>
        <Fact label={t('people.field.householdId')}>{p.householdId ? <span className="mono">{p.householdId}</span> : null}</Fact>
        <Fact label={t('people.field.site')}>{site ? words.site(site) : p.site ? <span className="mono">{p.site}</span> : null}</Fact>
        {site && <Fact label={t('people.siteContact')}>{site.contact[currentLang()]}</Fact>}
        <Fact label={t('people.form.consentLegend')}>
          <span data-testid="person-consent-value" data-consent={p.consentTracing ? 'true' : 'false'}>
            {t(p.consentTracing ? 'people.consentYes' : 'people.consentNo')}
          </span>
        </Fact>
        <Fact label={t('people.traceable.label')}>
          <span data-testid="person-traceable" data-traceable={p.tracing.traceable ? 'true' : 'false'}>
            {p.tracing.traceable ? t('people.traceable.yes') : t('people.traceable.no', { reasons: p.tracing.missing.map((r) => t(`people.traceable.missing.${r}`)).join('; ') })}
          </span>
        </Fact>
        {p.mergedIds.length > 0 && (
          <Fact label={t('people.merge.mergedIds')}>
            <span className="mono" data-testid="person-merged-ids">
              {p.mergedIds.join(', ')}
            </span>
          </Fact>
        )}
        <Fact label={t('people.protection.heading')}>
          {p.protection ? (
            <span data-testid="person-protection" data-status={p.protection.status}>
              {words.protection(p.protection.status)}
              {p.protection.documentNumber && <> · {t('people.protection.documentShown', { number: p.protection.documentNumber })}</>}
            </span>
          ) : null}
        </Fact>
        {searchesAllOrgs(me) && <Fact label={t('people.registeredBy')}>{orgName(p.orgId)}</Fact>}
        <Fact label={t('people.registeredAt')}>{clock(p.createdAt)}</Fact>
      </dl>
      {p.allowedActions.includes('change') && (
        <ConsentControl person={p} sites={(sites ?? []).filter((s) => s.orgId === me.orgId)} onChanged={onChanged} />
      )}
      {(p.allowedActions.includes('merge') || p.allowedActions.includes('flag')) && <RecordLinks person={p} onChanged={onChanged} />}
      {atReception && <ProtectionForm person={p} onChanged={onChanged} />}
    </div>
  );
}

/**
 * Tracing consent, given or withdrawn whenever the person says so: public tracing follows at once.
 * Consent needs a site (the answer gives its contact): one is chosen here when the record has none.
 */
function ConsentControl({ person, sites, onChanged }: { person: Person; sites: readonly Site[]; onChanged: (p: Person) => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
  const words = usePersonWords();
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [busy, setBusy] = useState(false);
  const needsSite = !person.consentTracing && person.site === null;
  const [site, setSite] = useState('');

  async function change() {
    setFailure(null);
    setBusy(true);
    try {
      const body = { tracing: !person.consentTracing, ...(needsSite && site ? { site } : {}) };
      onChanged(await api<Person>(`/api/v1/people/${encodeURIComponent(person.id)}/consent`, { method: 'POST', body }));
    } catch (err) {
      setFailure(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="group consent-control" data-testid="consent-control">
      <h2>{t('people.consent.heading')}</h2>
      <p className="field__hint">{t(person.consentTracing ? 'people.consent.withdrawHint' : 'people.consent.giveHint')}</p>
      {needsSite && (
        <div className="field">
          <label htmlFor={`${id}-site`}>{t('people.consent.siteLabel')}</label>
          <select id={`${id}-site`} value={site} onChange={(e) => setSite(e.target.value)} data-testid="consent-site">
            <option value="">{t('people.consent.chooseSite')}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {words.site(s)}
              </option>
            ))}
          </select>
          <p className="field__hint">{t('people.consent.siteHint')}</p>
        </div>
      )}
      {failure && (
        <p className="notice notice--error" role="alert">
          {t(failure)}
        </p>
      )}
      <button type="button" className="button" disabled={busy || (needsSite && !site)} onClick={() => void change()} data-testid="consent-toggle">
        {t(person.consentTracing ? 'people.consent.withdraw' : 'people.consent.give')}
      </button>
    </section>
  );
}

/** Temporary protection: applied, granted or refused, and the document's number. */
function ProtectionForm({ person, onChanged }: { person: Person; onChanged: (p: Person) => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
  const words = usePersonWords();
  const initial = (PROTECTION_STATUSES as readonly string[]).includes(person.protection?.status ?? '') ? (person.protection?.status as ProtectionStatus) : '';
  const [status, setStatus] = useState<ProtectionStatus | ''>(initial);
  const [documentNumber, setDocumentNumber] = useState(person.protection?.documentNumber ?? '');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    setFailure(null);
    if (!status) {
      setErrors([{ path: '/status', message: '', key: 'corridors.errors.required' }]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const body = { status, ...(documentNumber.trim() ? { documentNumber: documentNumber.trim() } : {}) };
      onChanged(await api<Person>(`/api/v1/people/${encodeURIComponent(person.id)}/protection`, { method: 'POST', body }));
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.problem?.errors?.length) setErrors(err.problem.errors);
      setFailure(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  const at = (path: string) => errors.filter((e) => e.path === path || e.path === `/body${path}`);
  const other = errors.filter((e) => !['/status', '/documentNumber'].some((p) => e.path === p || e.path === `/body${p}`));
  return (
    <form className="group protection-form" data-testid="protection-form" onSubmit={submit} noValidate>
      <h2>{t('people.protection.formHeading')}</h2>
      <p className="field__hint">{t('people.protection.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('people.protection.status.label')}</label>
        <select id={`${id}-status`} value={status} aria-invalid={at('/status').length > 0} onChange={(e) => setStatus(e.target.value as ProtectionStatus | '')}>
          <option value="">{t('people.protection.choose')}</option>
          {PROTECTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {words.protection(s)}
            </option>
          ))}
        </select>
        <FieldErrors id={`${id}-status-err`} errors={at('/status')} />
      </div>
      <TextField id={`${id}-doc`} label={t('people.protection.documentNumber')} value={documentNumber} onChange={setDocumentNumber} errors={at('/documentNumber')} />
      <FieldErrors id={`${id}-other-err`} errors={other} />
      {failure && (
        <p className="notice notice--error" role="alert">
          {t(failure)}
        </p>
      )}
      {done && (
        <p className="notice notice--ok" role="status" data-testid="protection-saved">
          {t('people.protection.saved')}
        </p>
      )}
      <button type="submit" className="button" disabled={busy} data-testid="protection-save">
        {t('people.protection.save')}
      </button>
    </form>
  );
}
