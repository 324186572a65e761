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
  /** Writes left to the batch's close, made there for all its commands at once: see {@link batchedWrite}. */
  batched?: BatchedWrite[];
}

/** One row for a write that a batch makes once for all its commands (`flush` is the grouping key). */
export interface BatchedWrite {
  flush: (trx: Kysely<Schema>, rows: readonly never[]) => Promise<void>;
  row: unknown;
}

/**
 * A write a command leaves to its batch: at the batch's close, after every command has run and
 * before the audit events, `flush` is called once with the rows of all the commands that
 * succeeded, in the order they ran (on PostgreSQL one round trip instead of one per command).
 *
 * Only for writes that cannot fail for one command alone (a failure undoes the whole batch, as a
 * failing commit does) and that no other command of the batch reads or changes inside the
 * transaction, since they land after all of them: check-ins (random ids) and the movement's
 * heard-from stamp.
 */
export function batchedWrite<R>(flush: (trx: Kysely<Schema>, rows: readonly R[]) => Promise<void>, row: R): BatchedWrite {
  return { flush: flush as BatchedWrite['flush'], row };
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
 * After the commands, in the same transaction: their batched writes ({@link batchedWrite}); the
 * audit events of those that succeeded, in the order they ran, with one read and one write of the chain's head; and their events for webhooks,
 * with one look for an enabled hook for the whole batch (it was one per command).
 */
async function closeBatch(trx: Kysely<Schema>, done: Done<unknown>[]): Promise<void> {
  const writes = new Map<BatchedWrite['flush'], unknown[]>();
  for (const { flush, row } of done.flatMap((d) => d.done.batched ?? [])) {
    const rows = writes.get(flush);
    if (rows) rows.push(row);
    else writes.set(flush, [row]);
  }
  for (const [flush, rows] of writes) await flush(trx, rows as never[]);
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
