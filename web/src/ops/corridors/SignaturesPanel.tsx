import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Signatures } from '../../../../src/http/schemas/signing.ts';
import type { CorridorVersion } from '../../api.ts';
import { decisionVerdict, versionHashesOf, type SignatureItem, type Verdict, type VersionHashes } from '../../signing/decision-verdict.ts';
import { useApi } from '../session.tsx';
import { Fingerprint, useFingerprint } from '../SigningKeyNotice.tsx';
import { useActorNames } from '../useActorNames.ts';

export function SignaturesPanel({ corridorId, orgName, when }: { corridorId: string; orgName: (id: string) => string; when: (iso: string) => string }) {
  const api = useApi();
  const { t } = useTranslation();
  const [items, setItems] = useState<SignatureItem[] | null>(null);
  const [verdicts, setVerdicts] = useState<Verdict[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    api<Signatures>(`/api/v1/corridors/${encodeURIComponent(corridorId)}/signatures`, { signal: controller.signal })
      .then(async (answer) => {
        setItems(answer.items);
        setVerdicts(answer.items.map(() => 'checking'));
        // Each version's content fetched once; unreadable, it cannot be checked, and nothing is called verified.
        const hashes = new Map<number, Promise<VersionHashes | null>>();
        const hashesOf = (version: number): Promise<VersionHashes | null> => {
          let hash = hashes.get(version);
          if (!hash) {
            hash = api<CorridorVersion>(`/api/v1/corridors/${encodeURIComponent(corridorId)}/versions/${version}`, { signal: controller.signal })
              .then((v) => versionHashesOf(corridorId, version, v.content))
              .catch(() => null);
            hashes.set(version, hash);
          }
          return hash;
        };
        const found = await Promise.all(answer.items.map((item) => decisionVerdict(item, corridorId, hashesOf)));
        if (!controller.signal.aborted) setVerdicts(found);
      })
      // Unreadable signatures leave the panel empty; a 401 has already ended the session.
      .catch(() => undefined);
    return () => controller.abort();
  }, [corridorId, api]);
  const people = useActorNames(
    (items ?? []).flatMap((i) => [i.approval.userId, i.key?.enrolledBy ?? null, i.key?.approvedBy ?? null].filter((id): id is string => id !== null)),
  );
  // By name where the viewer may see it (the server decides), else the role at the organisation.
  const who = (id: string | null): string => {
    const person = id ? people.get(id) : undefined;
    if (!person) return t('signing.someone');
    return person.name ?? t('corridors.approvals.roleAt', { role: t(`role.${person.role}`, { defaultValue: person.role }), org: orgName(person.orgId) });
  };
  if (!items || items.length === 0) return null;
  return (
    <section aria-labelledby="cd-signatures" data-testid="signatures-panel">
      <h2 id="cd-signatures">{t('signing.signaturesHeading')}</h2>
      <ul className="approvals">
        {items.map((item, i) => (
          <SignatureRow key={`${item.approval.partyId}-${item.approval.version}`} item={item} verdict={verdicts[i] ?? 'checking'} orgName={orgName} when={when} who={who} />
        ))}
      </ul>
    </section>
  );
}

function SignatureRow({ item, verdict, orgName, when, who }: { item: SignatureItem; verdict: Verdict; orgName: (id: string) => string; when: (iso: string) => string; who: (id: string | null) => string }) {
  const { t } = useTranslation();
  const { approval, key } = item;
  const fingerprint = useFingerprint(approval.publicKey);
  return (
    <li className={`approvals__item approvals__item--${approval.decision}`} data-testid="signature-row" data-party={approval.partyId} data-version={approval.version} data-verdict={verdict}>
      <strong className="approvals__party">{orgName(approval.partyId)}</strong>
      <span className="approvals__decision">
        {t(approval.decision === 'approve' ? 'signing.approvedVersion' : 'signing.rejectedVersion', { version: approval.version })}
      </span>
      <span className="approvals__who">{t('corridors.approvals.signedBy', { user: who(approval.userId), time: when(approval.signedAt) })}</span>
      <span>
        {t('signing.key')}: {key?.label ?? t('signing.unlabelled')} <Fingerprint value={fingerprint} testId="signature-fingerprint" />
      </span>
      {key && (
        <span className="approvals__who" data-testid="signature-enrolment">
          {key.approvedAt
            ? t('signing.enrolment', { enrolledBy: who(key.enrolledBy), approvedBy: who(key.approvedBy), time: when(key.approvedAt) })
            : t('signing.enrolmentPending', { enrolledBy: who(key.enrolledBy) })}
        </span>
      )}
      {key?.serverHeld && <span className="notice">{t('signing.serverHeldSignature')}</span>}
      <span className={`signature-verdict signature-verdict--${verdict}`} data-testid="signature-verdict" role="status">
        {t(`signing.verdict.${verdict}`)}
      </span>
    </li>
  );
}
