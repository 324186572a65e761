import { useTranslation } from 'react-i18next';
import type { CorridorVersion, Me } from '../../api.ts';
import { useDescribe } from './describe.ts';
import { diffContents } from './diff.ts';

/** What changed since the previous version, field by field (removed lines struck, added marked). */
export function VersionChanges({
  me,
  current,
  previous,
  orgName,
}: {
  me: Me;
  current: CorridorVersion;
  previous: CorridorVersion | null;
  orgName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const describe = useDescribe(me.org.timeZone, orgName);
  if (!previous) {
    return (
      <div className="approval-panel__diff" data-testid="version-diff">
        <h3>{t('corridors.diff.heading')}</h3>
        <p>{t('corridors.diff.first')}</p>
      </div>
    );
  }
  const changes = diffContents(previous.content, current.content, describe);
  return (
    <div className="approval-panel__diff" data-testid="version-diff">
      <h3>{t('corridors.diff.headingSince', { previous: previous.version, version: current.version })}</h3>
      {changes.length === 0 ? (
        <p>{t('corridors.diff.none')}</p>
      ) : (
        <table className="diff-table">
          <thead>
            <tr>
              <th scope="col">{t('corridors.diff.field')}</th>
              <th scope="col">{t('corridors.diff.before', { version: previous.version })}</th>
              <th scope="col">{t('corridors.diff.after', { version: current.version })}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.field} data-testid="diff-row" data-field={change.field}>
                <th scope="row">{t(`corridors.field.${change.field}`)}</th>
                <td>
                  <DiffLines lines={change.before} marked={change.removed} mark="del" />
                </td>
                <td>
                  <DiffLines lines={change.after} marked={change.added} mark="ins" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function DiffLines({ lines, marked, mark }: { lines: string[]; marked: string[]; mark: 'del' | 'ins' }) {
  const { t } = useTranslation();
  if (lines.length === 0) return <span className="muted">{t('corridors.notSet')}</span>;
  return (
    <ul className="plain-list">
      {lines.map((line, i) => (
        <li key={`${i}-${line}`}>
          {marked.includes(line) ? (
            mark === 'del' ? (
              <del>
                <span className="visually-hidden">{t('corridors.diff.removed')} </span>
                {line}
              </del>
            ) : (
              <ins>
                <span className="visually-hidden">{t('corridors.diff.added')} </span>
                {line}
              </ins>
            )
          ) : (
            line
          )}
        </li>
      ))}
    </ul>
  );
}
