import { setImmediate } from 'node:timers';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/**
 * At most this many units of work share one commit, so one batch cannot hold the rest for long.
 * (Also keeps a PostgreSQL batch run again with savepoints within the 64 subtransactions a
 * backend caches: one savepoint each.)
 */
export const GROUP_COMMIT_MAX = 64;

/** What every batch of one queue does around its works, in the same transaction. */
export interface BatchHooks<T> {
  /** First in each batch's transaction, before any work (PostgreSQL: takes the audit chain's lock). */
  open?: (trx: Kysely<Schema>) => Promise<void>;
  /**
   * After the works and before the commit, with the values of the works that succeeded, in the
   * order they ran (appends their audit events). If it throws, nothing of the batch is stored and
   * every work rejects with its error.
   */
  close?: (trx: Kysely<Schema>, values: T[]) => Promise<void>;
}

type Work = (trx: Kysely<Schema>) => Promise<unknown>;

interface Queued {
  work: Work;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  waiting: Queued[];
  scheduled: boolean;
  hooks: BatchHooks<unknown>;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const NO_HOOKS: BatchHooks<unknown> = {};

// One set of queues per database handle, one queue per hooks: a handle owns the (single SQLite)
// connection or the PostgreSQL pool the batches take theirs from.
const queues = new WeakMap<Kysely<Schema>, Map<BatchHooks<never>, Queue>>();

/**
 * Group commit: runs `work` in a transaction shared with the other work queued in the same turn
 * of the event loop, and resolves only once that transaction has committed. One durable commit (one fsync of the WAL) then covers many requests, instead of each
 * waiting for its own; on PostgreSQL one network round trip for BEGIN, COMMIT and whatever
 * `hooks` do covers them too.
 *
 * What each caller sees is what a transaction of its own would give it:
 * - its work is all or nothing: if it throws, its promise rejects with that error, and the others
 *   in the batch go on (and `hooks.close` never sees its value). The batch runs first without
 *   savepoints; if a work throws, that attempt is rolled back and the whole batch runs again with
 *   each work in a savepoint of its own, which is undone when the work throws. So a work may run
 *   twice, the first run leaving no trace: it must do nothing but through `trx`;
 * - it resolves only after the commit; if `hooks.close` or the commit fails, every promise in
 *   the batch rejects and nothing of the batch is stored;
 * - works run one after another in the order they were queued, one batch at a time per handle
 *   and hooks, so a later one reads what an earlier one wrote, as it would had the earlier one
 *   committed first. (On PostgreSQL, batches of different instances are kept apart by the lock
 *   `hooks.open` takes, so two batches never wait on each other's rows.)
 *
 * Like a transaction on the single SQLite connection, `work` must use only `trx`: a query on the
 * database handle inside it would wait for the connection the batch holds (SQLite) or not see
 * the batch's writes (PostgreSQL). And a work must not rely on the commit to refuse it: a
 * deferred constraint failing at commit fails the whole batch (the schema has none; every
 * constraint is checked by the statement that breaks it).
 *
 * Why: under load SQLite with synchronous=FULL spent a third of the server's time in commits
 * (better-sqlite3 runs their fsync on the event loop), and PostgreSQL serialised every command on
 * the audit chain's lock, one commit at a time (bench/README.md, "Check-in ingest"). The
 * savepoints around each work were two more round trips per work on PostgreSQL, on the batch's
 * critical path.
 *
 * @example
 *   const id = await runInGroupCommit(db, async (trx) => {
 *     await insertCheckins(trx, [row]);
 *     return row.id;
 *   });
 */
export function runInGroupCommit<T>(db: Kysely<Schema>, work: (trx: Kysely<Schema>) => Promise<T>, hooks: BatchHooks<T> = NO_HOOKS): Promise<T> {
  let byHooks = queues.get(db);
  if (!byHooks) {
    byHooks = new Map();
    queues.set(db, byHooks);
  }
  let queue = byHooks.get(hooks as BatchHooks<never>);
  if (!queue) {
    queue = { waiting: [], scheduled: false, hooks: hooks as BatchHooks<unknown> };
    byHooks.set(hooks as BatchHooks<never>, queue);
  }
  const target = queue;
  const promise = new Promise<T>((resolve, reject) => {
    target.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
  schedule(db, target);
  return promise;
}

/**
 * The batch starts on the event loop's next check phase, after the pending network reads have
 * been handled: the requests that arrived together have queued their work by then.
 */
function schedule(db: Kysely<Schema>, queue: Queue): void {
  if (queue.scheduled || queue.waiting.length === 0) return;
  queue.scheduled = true;
  setImmediate(() => {
    void commitBatch(db, queue).finally(() => {
      queue.scheduled = false;
      schedule(db, queue);
    });
  });
}

async function commitBatch(db: Kysely<Schema>, queue: Queue): Promise<void> {
  const batch = queue.waiting.splice(0, GROUP_COMMIT_MAX);
  // Most batches have no failing work: run them straight, without a savepoint round trip before
  // and after each work. Only if one fails is the batch undone and run again with savepoints, so
  // that the failing work is undone alone.
  const straight = await runBatch(db, queue.hooks, batch, false);
  const settled = straight.retry ? await runBatch(db, queue.hooks, batch, true) : straight;
  batch.forEach((queued, i) => {
    const outcome = settled.outcomes[i]!;
    if (outcome.ok) queued.resolve(outcome.value);
    else queued.reject(outcome.error);
  });
}

/**
 * One transaction over `batch`. Without savepoints, the first failing work ends the attempt
 * (rolled back, `retry`); with them, each failing work is undone alone. If opening, closing or
 * the commit fails, nothing is stored and every work gets that error (or its own).
 */
async function runBatch(db: Kysely<Schema>, hooks: BatchHooks<unknown>, batch: Queued[], savepoints: boolean): Promise<{ outcomes: Outcome[]; retry: boolean }> {
  const outcomes: Outcome[] = [];
  const { open, close } = hooks;
  let retry = false;
  try {
    await db.transaction().execute(async (trx) => {
      if (open) await open(trx);
      for (const { work } of batch) {
        if (!savepoints) {
          try {
            outcomes.push({ ok: true, value: await work(trx) });
          } catch (error) {
            retry = true;
            throw error;
          }
          continue;
        }
        await trx.executeQuery(SAVEPOINT);
        try {
          outcomes.push({ ok: true, value: await work(trx) });
        } catch (error) {
          await trx.executeQuery(ROLLBACK_TO_SAVEPOINT);
          outcomes.push({ ok: false, error });
        }
        await trx.executeQuery(RELEASE_SAVEPOINT);
      }
      if (close) await close(trx, outcomes.flatMap((o) => (o.ok ? [o.value] : [])));
    });
  } catch (error) {
    if (retry) return { outcomes: [], retry: true };
    // Not committed (opening, closing, the commit, or undoing one work failed): nothing of this
    // batch is stored.
    const failed = (i: number): Outcome => {
      const own = outcomes[i];
      return own && !own.ok ? own : { ok: false, error };
    };
    return { outcomes: batch.map((_, i) => failed(i)), retry: false };
  }
  return { outcomes, retry: false };
}

// Compiled once: these run around every work of a batch that is run again.
const SAVEPOINT = CompiledQuery.raw('savepoint group_commit_work');
const ROLLBACK_TO_SAVEPOINT = CompiledQuery.raw('rollback to group_commit_work');
const RELEASE_SAVEPOINT = CompiledQuery.raw('release group_commit_work');
