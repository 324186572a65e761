import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isAbort, type Me, type Site, type SiteKind } from '../../api.ts';
import type { FormError } from '../../ui/form-errors.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { FieldErrors, TextField } from '../FormFields.tsx';
import { onLinkClick, PEOPLE_BASE } from '../route.ts';
import { usePersonWords } from './describe.tsx';
import { mayDo } from '../rights.ts';
import { Loading } from '../../ui/LoadState.tsx';

const KINDS: readonly SiteKind[] = ['gathering_point', 'reception_centre'];
const LANGS = ['uk', 'ru', 'en'] as const;

interface Draft {
  name: string;
  kind: SiteKind;
  lat: string;
  lon: string;
  contact: Record<(typeof LANGS)[number], string>;
}

const EMPTY: Draft = { name: '', kind: 'gathering_point', lat: '', lon: '', contact: { uk: '', ru: '', en: '' } };
const draftOf = (s: Site): Draft => ({ name: s.name, kind: s.kind, lat: s.lat?.toString() ?? '', lon: s.lon?.toString() ?? '', contact: { ...s.contact } });

/** The request body of a draft: one contact text for every language when only Ukrainian is written. */
function bodyOf(d: Draft): { body: Record<string, unknown>; errors: FormError[] } {
  const errors: FormError[] = [];
  if (!d.name.trim()) errors.push({ path: '/name', message: '', key: 'corridors.errors.required' });
  const [uk, ru, en] = LANGS.map((l) => d.contact[l].trim());
  if (!uk) errors.push({ path: '/contact/uk', message: '', key: 'corridors.errors.required' });
  const onlyUk = !ru && !en;
  if (!onlyUk) for (const l of ['ru', 'en'] as const) if (!d.contact[l].trim()) errors.push({ path: `/contact/${l}`, message: '', key: 'corridors.errors.required' });
  const body: Record<string, unknown> = { name: d.name.trim(), kind: d.kind, contact: onlyUk ? uk : { uk, ru, en } };
  if (d.lat.trim() || d.lon.trim()) {
    body.lat = Number(d.lat.replace(',', '.'));
    body.lon = Number(d.lon.replace(',', '.'));
  }
  return { body, errors };
}

/**
 * /ops/people/sites: the organisation's gathering points and reception centres, created and
 * changed here, with the contact details a public tracing answer gives in uk, ru and en.
 */
export function SitesPage({ me }: { me: Me }) {
  const api = useApi();
  const { t } = useTranslation();
  const words = usePersonWords();
  const [sites, setSites] = useState<Site[] | null>(null);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const manage = mayDo(me, 'site.manage');

  const load = useCallback(
    (signal?: AbortSignal) => {
      api<{ items: Site[] }>('/api/v1/sites', { signal })
        .then((page) => setSites(page.items.filter((s) => s.orgId === me.orgId)))
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          setFailure(requestErrorKey(err));
        });
    },
    [me.orgId, api],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <div className="people sites" data-testid="sites-page">
      {/* A coordinator without person rights reaches sites from the navigation: no registry to go back to. */}
      {mayDo(me, 'person.read') && (
        <a className="back-link" href={PEOPLE_BASE} onClick={onLinkClick}>
          <span aria-hidden="true">← </span>
          {t('people.back')}
        </a>
      )}
      <h1 className="people__title">{t('people.sites.heading')}</h1>
      <p className="field__hint">{t('people.sites.intro')}</p>
      {failure && (
        <p className="notice notice--error" role="alert">
          {t(failure)}
        </p>
      )}
      {sites === null ? (
        <Loading />
      ) : sites.length === 0 ? (
        <p>{t('people.sites.none')}</p>
      ) : (
        <ul className="site-list" data-testid="site-list">
          {sites.map((s) => (
            <li key={s.id} className="site-list__item" data-testid="site-item" data-id={s.id}>
              {editing === s.id ? (
                <SiteForm
                  initial={draftOf(s)}
                  siteId={s.id}
                  onSaved={() => {
                    setEditing(null);
                    load();
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <>
                  <strong>{words.site(s)}</strong>
                  <dl className="site-list__contacts">
                    {LANGS.map((l) => (
                      <div key={l}>
                        <dt>{t(`lang.${l}`)}</dt>
                        <dd>{s.contact[l]}</dd>
                      </div>
                    ))}
                  </dl>
                  {manage && (
                    <button type="button" className="button button--small button--secondary" onClick={() => setEditing(s.id)} data-testid="site-edit">
                      {t('people.sites.edit')}
                    </button>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {manage ? <SiteForm initial={EMPTY} onSaved={() => load()} /> : <p className="field__hint">{t('people.sites.askCoordinator')}</p>}
    </div>
  );
}

interface SiteFormProps {
  initial: Draft;
  /** Absent: a new site. */
  siteId?: string;
  onSaved: () => void;
  onCancel?: () => void;
}

function SiteForm({ initial, siteId, onSaved, onCancel }: SiteFormProps) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
  const words = usePersonWords();
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const at = (path: string) => errors.filter((e) => e.path === path || e.path === `/body${path}`);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setFailure(null);
    const { body, errors: clientErrors } = bodyOf(draft);
    setErrors(clientErrors);
    if (clientErrors.length > 0) return;
    setBusy(true);
    try {
      await api<Site>(siteId ? `/api/v1/sites/${encodeURIComponent(siteId)}` : '/api/v1/sites', { method: siteId ? 'PATCH' : 'POST', body });
      setSaved(true);
      if (!siteId) setDraft(EMPTY);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.problem?.errors?.length) setErrors(err.problem.errors);
      setFailure(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="group site-form" onSubmit={submit} noValidate data-testid={siteId ? 'site-edit-form' : 'site-form'}>
      <h2>{siteId ? t('people.sites.editHeading') : t('people.sites.newHeading')}</h2>
      <TextField id={`${id}-name`} label={t('people.sites.name')} value={draft.name} onChange={(name) => setDraft({ ...draft, name })} errors={at('/name')} required />
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('people.sites.kind')}</label>
        <select id={`${id}-kind`} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as SiteKind })} data-testid="site-kind">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {words.siteKind(k)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="site-form__contacts">
        <legend>{t('people.sites.contact')}</legend>
        <p className="field__hint">{t('people.sites.contactHint')}</p>
        {LANGS.map((l) => (
          <TextField
            key={l}
            id={`${id}-contact-${l}`}
            label={t(`lang.${l}Name`)}
            value={draft.contact[l]}
            onChange={(text) => setDraft({ ...draft, contact: { ...draft.contact, [l]: text } })}
            errors={at(`/contact/${l}`)}
            multiline
            required={l === 'uk'}
          />
        ))}
      </fieldset>
      <div className="site-form__position">
        <TextField id={`${id}-lat`} label={t('people.sites.lat')} value={draft.lat} inputMode="decimal" onChange={(lat) => setDraft({ ...draft, lat })} errors={at('/lat')} />
        <TextField id={`${id}-lon`} label={t('people.sites.lon')} value={draft.lon} inputMode="decimal" onChange={(lon) => setDraft({ ...draft, lon })} errors={at('/lon')} />
      </div>
      <FieldErrors id={`${id}-other`} errors={errors.filter((e) => !['/name', '/lat', '/lon'].includes(e.path) && !e.path.startsWith('/contact'))} />
      {failure && (
        <p className="notice notice--error" role="alert">
          {t(failure)}
        </p>
      )}
      {saved && (
        <p className="notice notice--ok" role="status" data-testid="site-saved">
          {t('people.sites.saved')}
        </p>
      )}
      <button type="submit" className="button" disabled={busy} data-testid="site-save">
        {siteId ? t('people.sites.saveChanges') : t('people.sites.create')}
      </button>
      {onCancel && (
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('people.merge.cancel')}
        </button>
      )}
    </form>
  );
}
