import type { Kysely } from 'kysely';
import { hashCanonical } from '../domain/hashing.ts';
import type { Actor } from '../domain/identity.ts';
import { appendAuditEvents, lockAuditChain } from '../store/audit.repository.ts';
import type { DialectName } from '../store/database.ts';
import { runInGroupCommit, type BatchHooks } from '../store/group-commit.ts';
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

/** A command's outcome with the audit event it is to append, as the batch's `close` hook gets it. */
interface Done<T> {
  done: CommandOutcome<T>;
  audit: AuditEventInput;
  /** Its event for webhooks (store/webhooks.repository.ts), if staff hear of it. */
  outbox: OutboxRow | null;
}

type OutboxRow = Parameters<typeof addToOutboxIfHooks>[1][number];

type AuditEventInput = Parameters<typeof appendAuditEvents>[1][number];

/**
 * After the commands, in the same transaction: the audit events of those that succeeded, in the
 * order they ran, with one read and one write of the chain's head; and their events for webhooks,
 * with one look for an enabled hook for the whole batch (it was one per command).
 */
async function closeBatch(trx: Kysely<Schema>, done: Done<unknown>[]): Promise<void> {
  await appendAuditEvents(trx, done.map((d) => d.audit));
  await addToOutboxIfHooks(trx, done.flatMap((d) => (d.outbox ? [d.outbox] : [])));
}

/**
 * What every batch of commands does around them: on PostgreSQL it takes the audit chain's lock
 * first, so batches of several instances never interleave (nor wait on each other's rows); then
 * {@link closeBatch}.
 */
const AUDITED: Record<DialectName, BatchHooks<Done<unknown>>> = {
  sqlite: { close: closeBatch },
  postgres: { open: (trx) => lockAuditChain(trx, 'postgres'), close: closeBatch },
};

/**
 * Runs the store-and-decide part of a command in one transaction with its audit event; then
 * publishes. Rights are checked by the caller before this.
 *
 * The transaction is shared with the commands queued at the same moment (group commit,
 * store/group-commit.ts), on both dialects: each is still all or nothing with its own audit
 * event, and returns only once committed, but one durable commit and one hold of the audit
 * chain's lock cover them all. A command that fails is undone alone and appends no event.
 */
export async function runCommand<T>(
  ctx: ServiceContext,
  actor: Pick<Actor, 'userId' | 'orgId'> | null,
  body: (trx: Kysely<Schema>, nowIso: string) => Promise<CommandOutcome<T>>,
): Promise<T> {
  const nowIso = ctx.now().toISOString();
  const inTransaction = async (trx: Kysely<Schema>): Promise<Done<T>> => {
    const done = await body(trx, nowIso);
    // Webhooks: the event is kept in this same transaction (by the batch's close), so nothing
    // acknowledged is lost (webhook-dispatch.ts fans it out after the commit, or after a restart).
    let outbox: OutboxRow | null = null;
    if (done.event) {
      const event: ChangeEvent = { ...done.event, at: nowIso };
      if (staffWorkOf(event).length > 0) outbox = { id: newId(), event: JSON.stringify(event), created_at: nowIso };
    }
    const audit: AuditEventInput = {
      at: nowIso,
      actorUserId: actor?.userId ?? null,
      actorOrgId: actor?.orgId ?? null,
      action: done.audit.action,
      subjectType: done.audit.subjectType,
      subjectId: done.audit.subjectId,
      payloadHash: hashCanonical(done.audit.payload),
    };
    return { done, audit, outbox };
  };
  const { done } = await runInGroupCommit(ctx.db, inTransaction, AUDITED[ctx.dialect] as BatchHooks<Done<T>>);
  if (done.event) ctx.events.publish({ ...done.event, at: nowIso });
  return done.result;
}
