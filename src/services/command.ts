import type { Kysely } from 'kysely';
import { hashCanonical } from '../domain/hashing.ts';
import type { Actor } from '../domain/identity.ts';
import { appendAuditEvent } from '../store/audit.repository.ts';
import { runInGroupCommit } from '../store/group-commit.ts';
import type { Schema } from '../store/schema.ts';
import type { ServiceContext } from './context.ts';
import type { ChangeEvent } from './events.ts';
import { newId } from './ids.ts';
import { staffWorkOf } from './staff-events.ts';
import { addToOutboxIfHooks } from '../store/webhooks.repository.ts';

/** What a command records about itself. `payload` is hashed, never stored: keep names out anyway. */
export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

export interface CommandOutcome<T> {
  result: T;
  audit: AuditEntry;
  /** Published after the commit, so no listener ever sees a change that was rolled back. */
  event?: Omit<ChangeEvent, 'at'>;
}

/**
 * Runs the store-and-decide part of a command in one transaction and appends its audit event
 * in that same transaction; then publishes. Rights are checked by the caller before this.
 *
 * On SQLite the transaction is shared with the commands queued at the same moment (group commit,
 * store/group-commit.ts): each is still all or nothing with its own audit event, and returns only
 * once committed, but one durable commit covers them all. PostgreSQL commits each on its own.
 */
export async function runCommand<T>(
  ctx: ServiceContext,
  actor: Pick<Actor, 'userId' | 'orgId'> | null,
  body: (trx: Kysely<Schema>, nowIso: string) => Promise<CommandOutcome<T>>,
): Promise<T> {
  const nowIso = ctx.now().toISOString();
  const inTransaction = async (trx: Kysely<Schema>) => {
    const done = await body(trx, nowIso);
    await appendAuditEvent(trx, ctx.dialect, {
      at: nowIso,
      actorUserId: actor?.userId ?? null,
      actorOrgId: actor?.orgId ?? null,
      action: done.audit.action,
      subjectType: done.audit.subjectType,
      subjectId: done.audit.subjectId,
      payloadHash: hashCanonical(done.audit.payload),
    });
    // Webhooks: the event is kept in this same transaction, so nothing acknowledged is lost
    // (webhook-dispatch.ts fans it out after the commit, or after a restart).
    if (done.event) {
      const event: ChangeEvent = { ...done.event, at: nowIso };
      if (staffWorkOf(event).length > 0) await addToOutboxIfHooks(trx, { id: newId(), event: JSON.stringify(event), created_at: nowIso });
    }
    return done;
  };
  const outcome = ctx.dialect === 'sqlite' ? await runInGroupCommit(ctx.db, inTransaction) : await ctx.db.transaction().execute(inTransaction);
  if (outcome.event) ctx.events.publish({ ...outcome.event, at: nowIso });
  return outcome.result;
}
