import type { Insertable, Kysely, Selectable } from 'kysely';
import { precompiled } from './precompiled.ts';
import type { Schema, WebhookDeliveriesTable, WebhookOutboxTable, WebhooksTable } from './schema.ts';

export type WebhookRow = Selectable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

/** An enabled hook with its organisation's kind: what the dispatcher needs to decide its audience. */
export type ActiveWebhookRow = WebhookRow & { org_kind: string };

export async function insertWebhook(db: Kysely<Schema>, row: WebhookRow): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export async function findWebhook(db: Kysely<Schema>, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One organisation's hooks, newest first (ids are time-ordered), from after the cursor. */
export async function listWebhooks(db: Kysely<Schema>, orgId: string, limit: number, after?: string): Promise<WebhookRow[]> {
  let query = db.selectFrom('webhooks').selectAll().where('org_id', '=', orgId);
  if (after) query = query.where('id', '<', after);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

export async function listActiveWebhooks(db: Kysely<Schema>): Promise<ActiveWebhookRow[]> {
  return db
    .selectFrom('webhooks')
    .innerJoin('orgs', 'orgs.id', 'webhooks.org_id')
    .selectAll('webhooks')
    .select('orgs.kind as org_kind')
    .where('webhooks.disabled_at', 'is', null)
    .orderBy('webhooks.id')
    .execute();
}

/** Disables a hook and cancels what it still had to send; false when it was disabled already. */
export async function disableWebhook(db: Kysely<Schema>, id: string, by: string, at: string): Promise<boolean> {
  const result = await db.updateTable('webhooks').set({ disabled_at: at, disabled_by: by }).where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'cancelled', next_attempt_at: null, lease_id: null, lease_until: null })
    .where('webhook_id', '=', id)
    .where('status', '=', 'pending')
    .execute();
  return true;
}

// ── The outbox ───────────────────────────────────────────────────────────────

/**
 * Called inside the transaction of the commands that made these events: each event is kept with
 * the change it reports, so once the command is acknowledged the event cannot be lost. Nothing is
 * written while no hook is enabled.
 */
// Once per batch of commands: compiled once (store/precompiled.ts).
const ANY_ENABLED_HOOK = precompiled((db) => db.selectFrom('webhooks').select('id').where('disabled_at', 'is', null).limit(1));

export async function addToOutboxIfHooks(db: Kysely<Schema>, rows: Selectable<WebhookOutboxTable>[]): Promise<boolean> {
  if (rows.length === 0) return false;
  const any = await ANY_ENABLED_HOOK.first(db);
  if (!any) return false;
  await db.insertInto('webhook_outbox').values(rows).execute();
  return true;
}

// The worker's reads run on every pass, whether or not there is anything to do: compiled once.
const OUTBOX_HEAD = precompiled((db, limit: number) => db.selectFrom('webhook_outbox').select(['id', 'event']).orderBy('id').limit(limit));

export async function listOutbox(db: Kysely<Schema>, limit: number): Promise<{ id: string; event: string }[]> {
  return OUTBOX_HEAD.all(db, limit);
}

/**
 * Takes an outbox row out, in the transaction that queues its deliveries: of two instances fanning
 * out the same row, only the one whose delete removed it goes on (the other's transaction sees 0).
 */
export async function takeFromOutbox(db: Kysely<Schema>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_outbox').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// ── Deliveries ───────────────────────────────────────────────────────────────

export async function insertDeliveries(db: Kysely<Schema>, rows: Insertable<WebhookDeliveriesTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('webhook_deliveries').values(rows).execute();
}

const DUE_DELIVERIES = precompiled((db, nowIso: string, limit: number) =>
  db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowIso)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowIso)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit),
);

/**
 * Claims up to `limit` due deliveries for this worker with a lease: one UPDATE, so on PostgreSQL a
 * row another instance leased meanwhile fails the re-checked WHERE and is not taken twice. A worker
 * that dies mid-send leaves its lease to expire; the row is then due again (at least once).
 */
export async function claimDueDeliveries(db: Kysely<Schema>, leaseId: string, nowIso: string, leaseUntil: string, limit: number): Promise<WebhookDeliveryRow[]> {
  // A read first: with nothing due (the usual case) no write is started, so SQLite's one writer
  // is left to the commands.
  const due = await DUE_DELIVERIES.all(db, nowIso, limit);
  if (due.length === 0) return [];
  // The same conditions again in the UPDATE: a row another worker leased since the read fails them.
  return db
    .updateTable('webhook_deliveries')
    .set({ lease_id: leaseId, lease_until: leaseUntil })
    .where(
      'id',
      'in',
      due.map((r) => r.id),
    )
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowIso)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowIso)]))
    .returningAll()
    .execute();
}

/** Records an attempt's outcome, only if this worker still holds the lease. */
export async function recordAttempt(
  db: Kysely<Schema>,
  id: string,
  leaseId: string,
  change: Pick<WebhookDeliveryRow, 'status' | 'attempts' | 'next_attempt_at' | 'last_status_code' | 'last_error' | 'last_attempt_at' | 'delivered_at'>,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ ...change, lease_id: null, lease_until: null })
    .where('id', '=', id)
    .where('lease_id', '=', leaseId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives leased rows back untried (the server is stopping): they are due again at once. */
export async function releaseLease(db: Kysely<Schema>, leaseId: string): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ lease_id: null, lease_until: null }).where('lease_id', '=', leaseId).where('status', '=', 'pending').execute();
}

const NEXT_DUE = precompiled((db, nowIso: string) =>
  db.selectNoFrom((eb) => [
    eb
      .selectFrom('webhook_deliveries')
      .select((e) => e.fn.min('next_attempt_at').as('next'))
      .where('status', '=', 'pending')
      .where((e) => e.or([e('lease_until', 'is', null), e('lease_until', '<=', nowIso)]))
      .as('free'),
    eb
      .selectFrom('webhook_deliveries')
      .select((e) => e.fn.min('lease_until').as('next'))
      .where('status', '=', 'pending')
      .where('lease_until', '>', nowIso)
      .as('leased'),
  ]),
);

/**
 * When the worker should look again: the next pending delivery's due time, or, for one another
 * worker holds, the end of its lease (looking before that would only find it taken).
 */
export async function nextDueAt(db: Kysely<Schema>, nowIso: string): Promise<string | null> {
  const row = await NEXT_DUE.first(db, nowIso);
  const times = [row?.free, row?.leased].filter((t): t is string => typeof t === 'string');
  return times.length === 0 ? null : times.reduce((a, b) => (a < b ? a : b));
}

/** One hook's deliveries, newest first, from after the cursor. */
export async function listDeliveries(db: Kysely<Schema>, webhookId: string, limit: number, after?: string): Promise<WebhookDeliveryRow[]> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
  if (after) query = query.where('id', '<', after);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
