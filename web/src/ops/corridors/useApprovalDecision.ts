import { useEffect, useState } from 'react';
import { ApiError, isAbort, type Corridor, type CorridorVersion, type Decision, type Me, type SignedApproval } from '../../api.ts';
import { corridorDecisionOnScreen } from '../../signing/statements-on-screen.ts';
import { signingErrorKey, type SigningErrorKey } from '../../signing/signing-errors.ts';
import { useSigningKey } from '../../signing/useSigningKey.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi } from '../session.tsx';

interface Versions {
  current: CorridorVersion;
  previous: CorridorVersion | null;
}

type ApprovalErrorKey = RequestErrorKey | SigningErrorKey | 'corridors.approval.commentRequired' | 'corridors.approval.superseded';

/**
 * The approval panel's state: the version being decided and the one before it (read only while
 * there is something to decide), the comment, and the decision signed on this device with the
 * liaison's key over the statement built from the version on screen, then sent.
 */
export function useApprovalDecision(me: Me, corridor: Corridor, onDecided: () => void) {
  const api = useApi();
  const [versions, setVersions] = useState<Versions | null>(null);
  const [loadError, setLoadError] = useState<RequestErrorKey | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApprovalErrorKey | null>(null);
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
  return { versions, loadError, comment, setComment, busy, error, signing, canSign, signedHere, confirming, setConfirming, decide, decision };
}

/** What the panel's parts are handed of the decision being made. */
export type ApprovalDecision = ReturnType<typeof useApprovalDecision>;
