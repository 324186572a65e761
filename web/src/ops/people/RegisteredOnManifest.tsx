import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Manifest } from '../../api.ts';
import { formatClock } from '../../time/zones.ts';
import { orgNamer } from '../../ui/format.ts';
import { onLinkClick, personPath } from '../route.ts';
import { useOrgs } from '../useOrgs.ts';
import { BirthDate, PersonName } from './describe.tsx';

/**
 * Another agency's manifest as the agency that registered some of its passengers sees it: those
 * people by name, with their flags and whether they boarded or arrived; everyone else as counts.
 * The movement itself stays the carrier's (no link to it, no buttons): the registering agency
 * follows its people, the carrier records their steps.
 */
export function RegisteredOnManifest(props: { manifest: Manifest; counts: ReactNode; zone: string; locale: string }) {
  const { manifest, counts, zone, locale } = props;
  const { t } = useTranslation();
  const { orgs } = useOrgs();
  const orgName = orgNamer(orgs ?? []);
  const clock = (iso: string) => formatClock(new Date(iso), zone, locale);
  const carrier = manifest.carriedBy ? orgName(manifest.carriedBy) : '';
  const people = [...(manifest.passengers ?? [])].sort((a, b) => a.familyName.localeCompare(b.familyName, locale) || a.givenName.localeCompare(b.givenName, locale));
  return (
    <div className="manifest" data-testid="manifest-registered" data-movement-id={manifest.movementId}>
      <header className="manifest__head">
        <h1 className="manifest__title">{t('people.manifest.registered.heading', { org: carrier })}</h1>
      </header>
      {counts}
      <p className="notice">{t('people.manifest.registered.explain', { org: carrier })}</p>
      <ul className="manifest-rows">
        {people.map((p) => (
          <li key={p.personId} className="manifest-row" data-testid="manifest-row" data-person-id={p.personId} data-state={p.state}>
            <div className="manifest-row__who">
              <a href={personPath(p.personId)} onClick={onLinkClick} className="manifest-row__name">
                <PersonName person={p} />
              </a>
              <span className="manifest-row__meta">
                {t('people.bornLabel')} <BirthDate value={p.birthDate} />
              </span>
              {p.vulnerabilities.length > 0 && (
                <span className="manifest-row__flags" data-testid="row-flags">
                  {p.vulnerabilities.map((v) => (
                    <span key={v} className={`flag-chip flag-chip--${v}`} data-flag={v}>
                      {t(`people.vulnerability.${v}`)}
                    </span>
                  ))}
                </span>
              )}
              <span className="manifest-row__meta" data-testid="row-state">
                {p.arrivedAt
                  ? t('people.manifest.arrivedAt', { time: clock(p.arrivedAt) })
                  : p.boardedAt
                    ? t('people.manifest.boardedAt', { time: clock(p.boardedAt) })
                    : t(`people.manifest.registered.state.${p.state === 'did_not_board' ? 'did_not_board' : 'listed'}`)}
              </span>
            </div>
          </li>
        ))}
      </ul>
      {(manifest.others ?? []).map((o) => (
        <p key={o.orgId} className="muted" data-testid="manifest-others" data-org={o.orgId} data-listed={o.listed}>
          {t('people.manifest.registered.others', { count: o.listed, org: orgName(o.orgId) })}
        </p>
      ))}
    </div>
  );
}
