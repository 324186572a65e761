import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PROTECTION_STATUSES,
  SEXES,
  VULNERABILITIES,
  isAbort,
  type PersonFound,
  type ProtectionStatus,
  type Sex,
  type Site,
  type SiteKind,
  type Vulnerability,
} from '../../api.ts';
import { INTL_LOCALE, currentLang } from '../../i18n/index.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';

/** How long typing must pause before a name is searched (the duplicate check, the search boxes). */
export const SEARCH_DELAY_MS = 400;

/**
 * Gathering points and reception centres (GET /api/v1/sites), every organisation's: the form
 * offers the user's own; details name any. Null while loading; empty if they cannot be read.
 */
export function useSites(): Site[] | null {
  const api = useApi();
  const [sites, setSites] = useState<Site[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api<{ items: Site[] }>('/api/v1/sites', { signal: controller.signal })
      .then((page) => setSites(Array.isArray(page?.items) ? page.items : []))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setSites([]);
      });
    return () => controller.abort();
  }, [api]);
  return sites;
}

/** A search by name (a family name alone will do), or by household id: the household's members. */
export type NameQuery = { name: string; birthDate?: string } | { householdId: string };

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; items: PersonFound[] | null }
  | { kind: 'done'; items: PersonFound[] }
  | { kind: 'failed'; key: RequestErrorKey };

/**
 * POST /api/v1/people/search for `query`, a moment after it stops changing (null: nothing to
 * search). The last answer stays on screen while the next one is fetched. `searchNow` skips the
 * wait (the search button, Enter).
 */
export function usePeopleSearch(query: NameQuery | null): { state: SearchState; searchNow: () => void } {
  const api = useApi();
  const key = query ? JSON.stringify(query) : '';
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const [immediate, setImmediateKey] = useState('');
  useEffect(() => {
    if (!key) {
      setState({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ kind: 'searching', items: s.kind === 'done' ? s.items : s.kind === 'searching' ? s.items : null }));
    const timer = window.setTimeout(
      () => {
        api<{ items: PersonFound[] }>('/api/v1/people/search', { method: 'POST', body: JSON.parse(key) as NameQuery, signal: controller.signal })
          .then((answer) => setState({ kind: 'done', items: Array.isArray(answer?.items) ? answer.items : [] }))
          .catch((err: unknown) => {
            if (isAbort(err)) return;
            setState({ kind: 'failed', key: requestErrorKey(err) });
          });
      },
      immediate === key ? 0 : SEARCH_DELAY_MS,
    );
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key, immediate, api]);
  return { state, searchNow: () => setImmediateKey(key) };
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Words for a person's coded fields in the current language; unknown codes show as sent. */
export function usePersonWords() {
  const { t } = useTranslation();
  const locale = INTL_LOCALE[currentLang()];
  const sex = (value: string): string => (isOneOf<Sex>(SEXES, value) ? t(`people.sex.${value}`) : value);
  const vulnerability = (value: string): string => (isOneOf<Vulnerability>(VULNERABILITIES, value) ? t(`people.vulnerability.${value}`) : value);
  const siteKind = (value: string): string => (isOneOf<SiteKind>(['gathering_point', 'reception_centre'], value) ? t(`people.siteKind.${value}`) : value);
  const protection = (value: string): string => (isOneOf<ProtectionStatus>(PROTECTION_STATUSES, value) ? t(`people.protection.status.${value}`) : value);
  /** 0.934 → "93 %" as the language writes it. */
  const score = (value: number): string => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
  /** "Site name (reception centre)". */
  const site = (s: Pick<Site, 'name' | 'kind'>): string => `${s.name} (${siteKind(s.kind)})`;
  return { sex, vulnerability, siteKind, protection, score, site };
}

/** "SHEVCHENKO Oleksandr Petrovych": the family name first and bold, as registers list people. */
export function PersonName({ person }: { person: { givenName: string; familyName: string; patronymic?: string | null } }) {
  return (
    <span className="person-name">
      <strong className="person-name__family">{person.familyName}</strong> {person.givenName}
      {person.patronymic ? ` ${person.patronymic}` : ''}
    </span>
  );
}

/** A birth date as recorded (year, year-month or full date), or "not recorded". */
export function BirthDate({ value }: { value: string | null }) {
  const { t } = useTranslation();
  return value ? <span className="mono">{value}</span> : <span className="muted">{t('people.noBirthDate')}</span>;
}
