import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  isAbort,
  type Corridor,
  type CorridorVersion,
  type Decision,
  type Me,
  type Org,
  type SignedApproval,
} from '../../api.ts';
import { WindowTime, distinctZones, useZonedDateTime } from '../../time/WindowTime.tsx';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';
import { Copyable } from './Copyable.tsx';
import { useDescribe } from './describe.ts';
import { PublicTextVersions } from './PublicTextView.tsx';
import { diffContents } from './diff.ts';
import { CONTENT_FIELDS } from './fields.ts';
import { orgNamer } from '../../ui/format.ts';
import { ConfirmStep } from '../../ui/ConfirmStep.tsx';
import { useSigningKey } from '../../signing/useSigningKey.ts';
import { corridorDecisionOnScreen } from '../../signing/statements-on-screen.ts';
import { signingErrorKey, type SigningErrorKey } from '../../signing/signing-errors.ts';
import { SigningKeyNotice } from '../SigningKeyNotice.tsx';
import { Loading } from '../../ui/LoadState.tsx';

interface ApprovalPanelProps {
  me: Me;
  orgs: readonly Org[];
  corridor: Corridor;
  onDecided: () => void;
}

interface Versions {
  current: CorridorVersion;
  previous: CorridorVersion | null;
}

/**
 * A liaison officer's decision on the corridor's current version: exactly what is being signed
 * (that version's full content, from …/versions/:v), what changed since the version before,
 * then Approve or Reject with a comment. The decision is signed here, on the liaison's device,
 * over the statement built from the version on screen; the server only checks it. The answer's
 * signature and public key are shown.
 */
export function ApprovalPanel({ me, orgs, corridor, onDecided }: ApprovalPanelProps) {
  const api = useApi();
  const { t } = useTranslation();
  const orgName = useMemo(() => orgNamer(orgs), [orgs]);
  const when = useZonedDateTime(me.org.timeZone);
  const [versions, setVersions] = useState<Versions | null>(null);
  const [loadError, setLoadError] = useState<RequestErrorKey | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorKey | SigningErrorKey | 'corridors.approval.commentRequired' | 'corridors.approval.superseded' | null>(null);
  const signing = useSigningKey(me.id, api);
  const canSign = signing.state.status === 'active';
  const [signed, setSigned] = useState<SignedApproval | null>(null);
  // The exact text this device signed, kept to show beside the server's copy of it.
  const [signedHere, setSignedHere] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Decision | null>(null);
  const mine = (corridor.approvals ?? []).find((a) => a.partyId === me.orgId && a.version === corridor.version) ?? null;
  const version = corridor.version;
  const deciding = corridor.status === 'proposed' && !mine && !signed;

  useEffect(() => {
    if (!deciding) return;
    const controller = new AbortController();
    const base = `/api/v1/corridors/${encodeURIComponent(corridor.id)}/versions`;
    setVersions(null);
    setLoadError(null);
    Promise.all([
      api<CorridorVersion>(`${base}/${version}`, { signal: controller.signal }),
      version > 1 ? api<CorridorVersion>(`${base}/${version - 1}`, { signal: controller.signal }) : Promise.resolve(null),
    ])
      .then(([current, previous]) => setVersions({ current, previous }))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setLoadError(requestErrorKey(err));
      });
    return () => controller.abort();
  }, [corridor.id, version, deciding, api]);

  async function decide(decision: Decision) {
    if (!versions) return;
    if (decision === 'reject' && !comment.trim()) {
      setError('corridors.approval.commentRequired');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const shown = versions.current;
      const { keyId, signedAt, signature, statement } = await signing.sign((at) =>
        corridorDecisionOnScreen({ corridorId: corridor.id, version: shown.version, content: shown.content, versionHash: shown.versionHash }, decision, me.orgId, at),
      );
      const body = { version: shown.version, decision, keyId, signedAt, signature, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      const result = await api<SignedApproval>(`/api/v1/corridors/${encodeURIComponent(corridor.id)}/approvals`, {
        method: 'POST',
        body,
      });
      setSigned(result);
      setSignedHere(statement);
      setComment('');
      onDecided();
    } catch (err) {
      const signingError = signingErrorKey(err);
      if (signingError) {
        setError(signingError);
        signing.reload();
      } else if (err instanceof ApiError && err.status === 409) {
        setError('corridors.approval.superseded');
        onDecided();
      } else setError(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  const decision = signed ?? mine;
  return (
    <section className="approval-panel" data-testid="approval-panel" aria-labelledby="approval-heading">
      <h2 id="approval-heading">{t('corridors.approval.heading', { party: me.org.name, version })}</h2>

      {decision ? (
        <div className="approval-panel__signed" data-testid="signed-decision" data-decision={decision.decision}>
          <p className={`approval-panel__result approval-panel__result--${decision.decision}`}>
            {t(decision.decision === 'approve' ? 'corridors.approval.youApproved' : 'corridors.approval.youRejected', {
              version: decision.version,
              time: when(decision.signedAt),
            })}
          </p>
          <dl className="facts">
            <div>
              <dt>{t('corridors.approvals.signature')}</dt>
              <dd>
                <Copyable value={decision.signature} label={t('corridors.approvals.signature')} testId="signed-signature" />
              </dd>
            </div>
            <div>
              <dt>{t('corridors.approval.publicKey')}</dt>
              <dd>
                <Copyable value={decision.publicKey} label={t('corridors.approval.publicKey')} testId="signed-public-key" />
              </dd>
            </div>
            {signedHere && (
              <div>
                <dt>{t('signing.signedHere')}</dt>
                <dd>
                  <pre className="approval-panel__payload" data-testid="device-statement">
                    {signedHere}
                  </pre>
                </dd>
              </div>
            )}
            {decision.signedPayload && (
              <div>
                <dt>{t('corridors.approval.signedPayload')}</dt>
                <dd>
                  <pre className="approval-panel__payload" data-testid="signed-payload">
                    {decision.signedPayload}
                  </pre>
                </dd>
              </div>
            )}
          </dl>
          <p className="field__hint">{t('corridors.approval.verifyHint')}</p>
        </div>
      ) : corridor.status !== 'proposed' ? (
        <p>{t(corridor.status === 'draft' ? 'corridors.approval.notProposed' : 'corridors.approval.nothingToDecide')}</p>
      ) : loadError ? (
        <p className="notice notice--error" role="alert">
          {t(loadError)}
        </p>
      ) : !versions ? (
        <Loading />
      ) : (
        <>
          <VersionContent me={me} corridor={corridor} version={versions.current} orgName={orgName} />
          <VersionChanges me={me} current={versions.current} previous={versions.previous} orgName={orgName} />
          <div className="approval-panel__decide">
            <p className="field__hint">{t('corridors.approval.finalNote', { version: versions.current.version })}</p>
            <div className="field">
              <label htmlFor="approval-comment">{t('corridors.approval.comment')}</label>
              <textarea
                id="approval-comment"
                rows={3}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                aria-invalid={error === 'corridors.approval.commentRequired'}
              />
            </div>
            <SigningKeyNotice signing={signing} />
            <div className="actions__buttons">
              <button type="button" className="button button--approve" onClick={() => setConfirming('approve')} aria-expanded={confirming === 'approve'} disabled={busy || !canSign} data-testid="approve">
                {t('corridors.approval.approve', { version: versions.current.version })}
              </button>
              <button type="button" className="button button--danger" onClick={() => setConfirming('reject')} aria-expanded={confirming === 'reject'} disabled={busy || !canSign} data-testid="reject">
                {t('corridors.approval.reject', { version: versions.current.version })}
              </button>
            </div>
            {confirming && (
              <ConfirmStep
                title={t(confirming === 'approve' ? 'corridors.confirm.approveTitle' : 'corridors.confirm.rejectTitle', { version: versions.current.version, party: me.org.name })}
                confirmLabel={t(confirming === 'approve' ? 'corridors.confirm.approveConfirm' : 'corridors.confirm.rejectConfirm', { version: versions.current.version })}
                danger={confirming === 'reject'}
                busy={busy}
                onConfirm={() => {
                  const chosen = confirming;
                  setConfirming(null);
                  void decide(chosen);
                }}
                onCancel={() => setConfirming(null)}
                testId="confirm-decision"
              >
                <p>{t('corridors.confirm.decisionFacts', { version: versions.current.version, name: corridor.name })}</p>
                <p>
                  {t('corridors.confirm.contentHash')} <code className="confirm-step__hash" data-testid="confirm-hash">{versions.current.versionHash}</code>
                </p>
                <SigningKeyNotice signing={signing} />
              </ConfirmStep>
            )}
          </div>
        </>
      )}
      {error && (
        <p className="notice notice--error" role="alert" data-testid="approval-error">
          {t(error)}
        </p>
      )}
    </section>
  );
}

/** The full content of the version being signed, field by field, windows in every party's zone. */
function VersionContent({
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

/** What changed since the previous version, field by field (removed lines struck, added marked). */
function VersionChanges({
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
