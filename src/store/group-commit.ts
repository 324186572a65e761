import { setImmediate } from 'node:timers';
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** At most this many units of work share one commit, so one batch cannot hold the rest for long. */
export const GROUP_COMMIT_MAX = 64;

type Work = (trx: Kysely<Schema>) => Promise<unknown>;

interface Queued {
  work: Work;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  waiting: Queued[];
  scheduled: boolean;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

// One queue per database handle: the handle is what owns the (single SQLite) connection.
const queues = new WeakMap<Kysely<Schema>, Queue>();

/**
 * Group commit for SQLite: runs `work` in a transaction shared with the other work queued in the
 * same turn of the event loop, each in a savepoint of its own, and resolves only once that
 * transaction has committed. One durable commit (one fsync of the WAL with synchronous=FULL) then
 * covers many requests, instead of each waiting for its own.
 *
 * What each caller sees is what a transaction of its own would give it:
 * - its work is all or nothing: if it throws, its savepoint is rolled back, its promise rejects
 *   with that error, and the others in the batch go on;
 * - it resolves only after the commit; if the commit fails, every promise in the batch rejects;
 * - works run one after another in the order they were queued (SQLite has one writer anyway), so
 *   a later one reads what an earlier one wrote, as it would had the earlier one committed first.
 *
 * Like a transaction on the single SQLite connection, `work` must use only `trx`: a query on the
 * database handle inside it would wait for the connection the batch holds. And a work must not
 * rely on the commit to refuse it: a deferred constraint failing at commit fails the whole batch
 * (the schema has none; every constraint is checked by the statement that breaks it).
 *
 * Under load this is what lets SQLite with synchronous=FULL keep up: the fsync of each commit
 * runs on the event loop (better-sqlite3 is synchronous), and one per request was a third of the
 * server's time (bench/README.md, "Check-in ingest").
 *
 * @example
 *   const id = await runInGroupCommit(db, async (trx) => {
 *     await insertCheckin(trx, row);
 *     await appendAuditEvent(trx, 'sqlite', event);
 *     return row.id;
 *   });
 */
export function runInGroupCommit<T>(db: Kysely<Schema>, work: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
  let queue = queues.get(db);
  if (!queue) {
    queue = { waiting: [], scheduled: false };
    queues.set(db, queue);
  }
  const promise = new Promise<T>((resolve, reject) => {
    queue.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
  schedule(db, queue);
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
  const outcomes: Outcome[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const { work } of batch) {
        await sql`savepoint group_commit_work`.execute(trx);
        try {
          outcomes.push({ ok: true, value: await work(trx) });
        } catch (error) {
          await sql`rollback to group_commit_work`.execute(trx);
          outcomes.push({ ok: false, error });
        }
        await sql`release group_commit_work`.execute(trx);
      }
    });
  } catch (error) {
    // Not committed (the commit, or undoing one work, failed): nothing of this batch is stored.
    batch.forEach((queued, i) => {
      const outcome = outcomes[i];
      queued.reject(outcome && !outcome.ok ? outcome.error : error);
    });
    return;
  }
  batch.forEach((queued, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) queued.resolve(outcome.value);
    else queued.reject(outcome.error);
  });
}
