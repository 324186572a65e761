import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isAbort } from '../api.ts';
import { useKyivClock } from '../time/WindowTime.tsx';
import { useOrgs } from './useOrgs.ts';
import { Loading } from '../ui/LoadState.tsx';

/** The parts of GET /api/v1/public/checkpoint (JSON) the card shows. */
interface Cosigned {
  size: number;
  rootHex: string;
  createdAt: string;
  cosignatures: { name: string; orgId: string | null; cosignedAt: string; keyId: string }[];
}

interface CheckpointState extends Cosigned {
  /** The newest checkpoint a witness cosigned (this one when it is), or null when none ever was. */
  latestCosigned: Cosigned | null;
}

/**
 * The transparency log's state for staff: how many events the signed tree holds, when the latest
 * checkpoint was signed, its root, and which witnesses cosigned it and when. A checkpoint no
 * party cosigned is said plainly: only a cosigned one shows the record to people outside.
 */
export function AuditLogCard() {
  const { t } = useTranslation();
  const clock = useKyivClock();
  const { orgs } = useOrgs();
  const [checkpoint, setCheckpoint] = useState<CheckpointState | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    api<CheckpointState>('/api/v1/public/checkpoint', { signal: controller.signal })
      .then((body) => setCheckpoint(body))
      .catch((err: unknown) => {
        if (!isAbort(err)) setFailed(true);
      });
    return () => controller.abort();
  }, []);

  const cosigned = checkpoint?.latestCosigned ?? null;
  const orgName = (id: string | null) => (id ? (orgs?.find((o) => o.id === id)?.name ?? id) : t('ops.auditLog.independent'));

  return (
    <section className="audit-log" aria-labelledby="audit-log-heading" data-testid="audit-log-card">
      <h2 id="audit-log-heading" className="audit-log__title">{t('ops.auditLog.heading')}</h2>
      {failed && <p className="notice notice--error">{t('ops.auditLog.error')}</p>}
      {!checkpoint && !failed && <Loading />}
      {checkpoint && (
        <>
          <dl className="audit-log__facts">
            <dt>{t('ops.auditLog.size')}</dt>
            <dd data-testid="audit-log-size">{checkpoint.size}</dd>
            <dt>{t('ops.auditLog.signedAt')}</dt>
            <dd>{clock(checkpoint.createdAt)}</dd>
            <dt>{t('ops.auditLog.root')}</dt>
            <dd>
              <code title={checkpoint.rootHex}>{checkpoint.rootHex.slice(0, 16)}…</code>
            </dd>
          </dl>
          {checkpoint.cosignatures.length === 0 && (
            <p className="muted" data-testid="audit-log-no-witness">{t('ops.auditLog.noWitness')}</p>
          )}
          {cosigned && cosigned.size !== checkpoint.size && (
            <p data-testid="audit-log-last-cosigned">{t('ops.auditLog.lastCosigned', { size: cosigned.size, when: clock(cosigned.createdAt) })}</p>
          )}
          {cosigned && (
            <ul className="audit-log__witnesses" aria-label={t('ops.auditLog.witnesses')}>
              {cosigned.cosignatures.map((c) => (
                <li key={c.keyId + c.name} data-testid="audit-log-witness">
                  {t('ops.auditLog.cosigned', { who: orgName(c.orgId), name: c.name, when: clock(c.cosignedAt) })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
