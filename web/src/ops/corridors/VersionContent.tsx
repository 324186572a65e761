import { useTranslation } from 'react-i18next';
import type { Corridor, CorridorVersion, Me } from '../../api.ts';
import { WindowTime, distinctZones } from '../../time/WindowTime.tsx';
import { Copyable } from './Copyable.tsx';
import { useDescribe } from './describe.ts';
import { CONTENT_FIELDS } from './fields.ts';
import { PublicTextVersions } from './PublicTextView.tsx';

/** The full content of the version being signed, field by field, windows in every party's zone. */
export function VersionContent({
  me,
  corridor,
  version,
  orgName,
}: {
  me: Me;
  corridor: Corridor;
  version: CorridorVersion;
  orgName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const describe = useDescribe(me.org.timeZone, orgName);
  const zones = distinctZones([me.org.timeZone, ...(corridor.partyTimeZones ?? [])]);
  const content = version.content;
  return (
    <div className="approval-panel__content" data-testid="version-content">
      <h3>{t('corridors.approval.signing', { version: version.version })}</h3>
      <p className="corridor-detail__hash">
        <span>{t('corridors.versionHash')}: </span>
        <Copyable value={version.versionHash} label={t('corridors.versionHash')} />
      </p>
      <dl className="facts facts--wide">
        {CONTENT_FIELDS.map((field) => {
          if (field === 'windows') {
            return (
              <div key={field}>
                <dt>{t('corridors.field.windows')}</dt>
                <dd>
                  {(content.windows ?? []).length === 0 ? (
                    <span className="muted">{t('corridors.notSet')}</span>
                  ) : (
                    <ol className="window-list">
                      {(content.windows ?? []).map((w) => (
                        <li key={w.start}>
                          <WindowTime window={w} zones={zones} />
                        </li>
                      ))}
                    </ol>
                  )}
                </dd>
              </div>
            );
          }
          if (field === 'publicText') {
            return (
              <div key={field} className="facts__full">
                <dt>{t('corridors.field.publicText')}</dt>
                <dd>
                  <PublicTextVersions content={content} />
                </dd>
              </div>
            );
          }
          const lines = describe(content, field);
          if (field === 'unilateral' && lines.length === 0) return null;
          return (
            <div key={field}>
              <dt>{t(`corridors.field.${field}`)}</dt>
              <dd>
                {lines.length === 0 ? (
                  <span className="muted">{t('corridors.notSet')}</span>
                ) : lines.length === 1 ? (
                  lines[0]
                ) : (
                  <ul className="plain-list">
                    {lines.map((line, i) => (
                      <li key={`${i}-${line}`}>{line}</li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      <details className="approval-panel__json">
        <summary>{t('corridors.approval.rawJson')}</summary>
        <pre>{JSON.stringify(content, null, 2)}</pre>
      </details>
    </div>
  );
}
