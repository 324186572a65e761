import { useTranslation } from 'react-i18next';
import type { Approval, Corridor } from '../../api.ts';
import { whoLabel } from '../who.ts';
import { Copyable } from './Copyable.tsx';

/** Each listed party: its decision on the current version, who signed and when, or pending. */
export function Approvals({ corridor, orgName, when }: { corridor: Corridor; orgName: (id: string) => string; when: (iso: string) => string }) {
  const { t } = useTranslation();
  // Who signed, by name where the caller may see it (the server decides); else their role at their organisation.
  const signer = (a: Approval): string => (a.who ? whoLabel(t, a.who, orgName) : orgName(a.partyId));
  const parties = corridor.parties ?? [];
  const byParty = new Map<string, Approval>((corridor.approvals ?? []).map((a) => [a.partyId, a]));
  return (
    <section aria-labelledby="cd-approvals">
      <h2 id="cd-approvals">{t('corridors.approvals.heading', { version: corridor.version })}</h2>
      {parties.length === 0 ? (
        <p>{t('corridors.approvals.noParties')}</p>
      ) : (
        <ul className="approvals" data-testid="approvals">
          {parties.map((partyId) => {
            const a = byParty.get(partyId);
            const pending = !a;
            return (
              <li
                key={partyId}
                className={`approvals__item approvals__item--${a ? a.decision : 'pending'}`}
                data-testid={pending ? 'pending-party' : 'approval'}
                data-party={partyId}
                data-decision={a?.decision ?? 'pending'}
              >
                <strong className="approvals__party">{orgName(partyId)}</strong>
                {a ? (
                  <>
                    <span className="approvals__decision">{t(a.decision === 'approve' ? 'corridors.approvals.approved' : 'corridors.approvals.rejected')}</span>
                    <span className="approvals__who">
                      {t('corridors.approvals.signedBy', { user: signer(a), time: when(a.signedAt) })}
                    </span>
                    {a.comment && <span className="approvals__comment">{t('corridors.commentQuoted', { comment: a.comment })}</span>}
                    <span className="approvals__sig">
                      {t('corridors.approvals.signature')}: <Copyable value={a.signature} label={t('corridors.approvals.signature')} testId="signature" />
                    </span>
                  </>
                ) : (
                  <span className="approvals__decision">
                    {corridor.status === 'draft' ? t('corridors.approvals.notProposed') : t('corridors.approvals.pending')}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
