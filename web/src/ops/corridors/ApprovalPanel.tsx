import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Corridor, Me, Org } from '../../api.ts';
import { useZonedDateTime } from '../../time/WindowTime.tsx';
import { orgNamer } from '../../ui/format.ts';
import { Loading } from '../../ui/LoadState.tsx';
import { DecisionStep } from './DecisionStep.tsx';
import { SignedDecision } from './SignedDecision.tsx';
import { useApprovalDecision } from './useApprovalDecision.ts';
import { VersionChanges } from './VersionChanges.tsx';
import { VersionContent } from './VersionContent.tsx';

interface ApprovalPanelProps {
  me: Me;
  orgs: readonly Org[];
  corridor: Corridor;
  onDecided: () => void;
}

/**
 * A liaison officer's decision on the corridor's current version: exactly what is being signed
 * (that version's full content, from …/versions/:v), what changed since the version before,
 * then Approve or Reject with a comment. The decision is signed here, on the liaison's device,
 * over the statement built from the version on screen; the server only checks it. The answer's
 * signature and public key are shown.
 */
export function ApprovalPanel({ me, orgs, corridor, onDecided }: ApprovalPanelProps) {
  const { t } = useTranslation();
  const orgName = useMemo(() => orgNamer(orgs), [orgs]);
  const when = useZonedDateTime(me.org.timeZone);
  const form = useApprovalDecision(me, corridor, onDecided);
  const { versions, loadError, error, decision } = form;
  const version = corridor.version;
  return (
    <section className="approval-panel" data-testid="approval-panel" aria-labelledby="approval-heading">
      <h2 id="approval-heading">{t('corridors.approval.heading', { party: me.org.name, version })}</h2>

      {decision ? (
        <SignedDecision decision={decision} signedHere={form.signedHere} when={when} />
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
          <DecisionStep me={me} corridor={corridor} current={versions.current} form={form} />
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
