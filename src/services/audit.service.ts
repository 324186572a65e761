import { createChainVerifier, type ChainVerdict } from '../domain/audit-chain.ts';
import { forbidden } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { readAuditEvents, readAuditHead } from '../store/audit.repository.ts';
import type { ServiceContext } from './context.ts';

/** Verifies the whole chain; the CLI calls this without an actor, the API with the mediator admin. */
export async function verifyAuditLog(ctx: Pick<ServiceContext, 'db' | 'dialect'>): Promise<ChainVerdict> {
  // One snapshot for events and head, so appends made meanwhile by a running server are not
  // mistaken for tampering.
  let tx = ctx.db.transaction();
  if (ctx.dialect === 'postgres') tx = tx.setIsolationLevel('repeatable read');
  return tx.execute(async (trx) => {
    const verifier = createChainVerifier();
    for await (const event of readAuditEvents(trx)) {
      const failure = verifier.check(event);
      if (failure) return failure;
    }
    return verifier.finish(await readAuditHead(trx));
  });
}

export async function verifyAuditLogAs(ctx: ServiceContext, actor: Actor): Promise<ChainVerdict> {
  if (!isAllowed(actor, 'audit.read')) throw forbidden('read the audit log');
  return verifyAuditLog(ctx);
}
