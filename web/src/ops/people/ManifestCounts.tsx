import { useTranslation } from 'react-i18next';
import type { Manifest, OtherRegistrations as Others } from '../../api.ts';
import { orgNamer, useNumber } from '../../ui/format.ts';
import { useOrgs } from '../useOrgs.ts';

/** Listed / boarded / arrived, large: what everyone who may see the movement is told. */
export function ManifestCounts({ manifest, testId }: { manifest: Pick<Manifest, 'listed' | 'boarded' | 'arrived'>; testId: string }) {
  const { t } = useTranslation();
  const num = useNumber();
  return (
    <dl className="manifest-counts" data-testid={testId} data-listed={manifest.listed} data-boarded={manifest.boarded} data-arrived={manifest.arrived}>
      <div className="manifest-counts__item">
        <dt>{t('people.manifest.listed')}</dt>
        <dd>{num(manifest.listed)}</dd>
      </div>
      <div className="manifest-counts__item manifest-counts__item--boarded">
        <dt>{t('people.manifest.boarded')}</dt>
        <dd>{num(manifest.boarded)}</dd>
      </div>
      <div className="manifest-counts__item manifest-counts__item--arrived">
        <dt>{t('people.manifest.arrived')}</dt>
        <dd>{num(manifest.arrived)}</dd>
      </div>
    </dl>
  );
}

/** People other agencies registered and shared: counts per registering organisation, never names. */
export function OtherRegistrations({ others }: { others: readonly Others[] }) {
  const { t } = useTranslation();
  const { orgs } = useOrgs();
  if (others.length === 0) return null;
  const orgName = orgNamer(orgs ?? []);
  return (
    <ul className="manifest-others" data-testid="manifest-others">
      {others.map((o) => (
        <li key={o.orgId} data-org={o.orgId} data-listed={o.listed}>
          {t('people.manifest.others', { count: o.listed, org: orgName(o.orgId), boarded: o.boarded })}
          {o.unaccompaniedChildren > 0 && (
            <strong className="flag-chip flag-chip--unaccompanied_child"> {t('people.manifest.othersChildren', { count: o.unaccompaniedChildren })}</strong>
          )}
        </li>
      ))}
    </ul>
  );
}
