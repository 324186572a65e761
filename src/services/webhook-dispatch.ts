import type { Insertable } from 'kysely';
import type { Actor, OrgKind, Role } from '../domain/identity.ts';
import { nextAttemptAt, signatureHeader, WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER, type WebhookEventType } from '../domain/webhook.ts';
import type { WebhookDeliveriesTable } from '../store/schema.ts';
import {
  claimDueDeliveries,
  findWebhook,
  insertDeliveries,
  listActiveWebhooks,
  listOutbox,
  nextDueAt,
  recordAttempt,
  releaseLease,
  takeFromOutbox,
  type ActiveWebhookRow,
  type WebhookDeliveryRow,
} from '../store/webhooks.repository.ts';
import type { ServiceContext } from './context.ts';
import type { ChangeEvent } from './events.ts';
import { newId } from './ids.ts';
import { decryptWithServerKey } from './server-key.ts';
import { staffEventsOf } from './staff-events.ts';
import { sendWebhook } from './webhook-transport.ts';

/**
 * The webhook worker, one per server process (docs/webhooks.md):
 * 1. fans each outbox row (written in its command's transaction) out to the hooks whose actor
 *    would see it on the live stream (the same rule: staff-events.ts), in one transaction that also
 *    removes the row, so a crash between the two neither loses nor doubles it;
 * 2. claims due deliveries with a lease, sends them signed, records the outcome, and schedules a
 *    retry with backoff, or marks the delivery failed after the last attempt.
 * It runs when a change is published (here or, through PostgreSQL, on another instance), when a
 * retry is due, every `webhookPollMs`, and once on start: pending deliveries resume after a restart.
 */
export interface WebhookWorker {
  start(): void;
  /** Stops, interrupting attempts in flight (their leases are given back, so they are due at once on the next start). */
  stop(): Promise<void>;
  wake(): void;
  /** Resolves when the worker has nothing running (tests). */
  idle(): Promise<void>;
}

const OUTBOX_BATCH = 50;
const SEND_BATCH = 10;
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * Changes published within this many milliseconds wake one pass. Under load a pass per change
 * was four reads per check-in batch with nothing to send (bench/README.md, "Check-in ingest").
 */
const EVENT_GATHER_MS = 25;

function actorOf(hook: ActiveWebhookRow): Actor {
  return { userId: hook.created_by, orgId: hook.org_id, orgKind: hook.org_kind as OrgKind, role: hook.role as Role };
}

export function createWebhookWorker(ctx: ServiceContext, onError: (error: unknown) => void): WebhookWorker {
  const abort = new AbortController();
  // Longer than any attempt: a lease still held means its worker may still be sending.
  const leaseMs = ctx.config.webhookTimeoutMs * 2 + 30_000;
  const schedule = { baseMs: ctx.config.webhookBackoffBaseMs, capMs: ctx.config.webhookBackoffCapMs, maxAttempts: ctx.config.webhookMaxAttempts };
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let gathering: Promise<void> | null = null;

  const fanOutOne = async (row: { id: string; event: string }, hooks: ActiveWebhookRow[]): Promise<void> => {
    const change = JSON.parse(row.event) as ChangeEvent;
    // A hook hears of changes committed after it was registered, not before.
    const interested = hooks.filter((hook) => hook.created_at <= change.at);
    const deliveries: Insertable<WebhookDeliveriesTable>[] = [];
    if (interested.length > 0) {
      const nowIso = ctx.now().toISOString();
      for (const { event, audience } of await staffEventsOf(ctx, change)) {
        for (const hook of interested) {
          if (!(JSON.parse(hook.events) as WebhookEventType[]).includes(event.event) || !audience(actorOf(hook))) continue;
          const id = newId();
          // The body is fixed here: every attempt sends the same bytes, each signed with its own time.
          const body = JSON.stringify({ id, webhookId: hook.id, type: event.event, createdAt: nowIso, data: event.data });
          deliveries.push({ id, webhook_id: hook.id, event_type: event.event, body, status: 'pending', attempts: 0, next_attempt_at: nowIso, created_at: nowIso });
        }
      }
    }
    await ctx.db.transaction().execute(async (trx) => {
      if (await takeFromOutbox(trx, row.id)) await insertDeliveries(trx, deliveries);
    });
  };

  const fanOut = async (): Promise<void> => {
    const seen = new Set<string>();
    for (;;) {
      const rows = (await listOutbox(ctx.db, OUTBOX_BATCH)).filter((r) => !seen.has(r.id));
      if (rows.length === 0 || stopped) return;
      const hooks = await listActiveWebhooks(ctx.db);
      for (const row of rows) {
        seen.add(row.id);
        try {
          await fanOutOne(row, hooks);
        } catch (error) {
          // Kept in the outbox: the next pass tries it again.
          onError(error);
        }
      }
    }
  };

  const attempt = async (row: WebhookDeliveryRow, leaseId: string): Promise<void> => {
    const hook = await findWebhook(ctx.db, row.webhook_id);
    const at = (): string => ctx.now().toISOString();
    if (!hook || hook.disabled_at) {
      await recordAttempt(ctx.db, row.id, leaseId, { status: 'cancelled', attempts: row.attempts, next_attempt_at: null, last_status_code: null, last_error: 'webhook disabled', last_attempt_at: row.last_attempt_at, delivered_at: null });
      return;
    }
    const secret = decryptWithServerKey(ctx.serverKey, hook.secret_enc).toString('utf8');
    const timestamp = Math.floor(ctx.now().getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Safe-Passage-Webhooks/1',
      [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(secret, timestamp, row.body),
      [WEBHOOK_DELIVERY_HEADER]: row.id,
      [WEBHOOK_EVENT_HEADER]: row.event_type,
    };
    const result = await sendWebhook(new URL(hook.url), row.body, headers, {
      timeoutMs: ctx.config.webhookTimeoutMs,
      allowPrivate: ctx.config.webhookAllowPrivateTargets,
      signal: abort.signal,
    });
    if (result.aborted) return;
    const attempts = row.attempts + 1;
    const lastAttemptAt = at();
    if (result.error === null) {
      await recordAttempt(ctx.db, row.id, leaseId, { status: 'delivered', attempts, next_attempt_at: null, last_status_code: result.statusCode, last_error: null, last_attempt_at: lastAttemptAt, delivered_at: lastAttemptAt });
      return;
    }
    const next = nextAttemptAt(attempts, schedule, ctx.now());
    await recordAttempt(ctx.db, row.id, leaseId, {
      status: next ? 'pending' : 'failed',
      attempts,
      next_attempt_at: next ? next.toISOString() : null,
      last_status_code: result.statusCode,
      last_error: result.error,
      last_attempt_at: lastAttemptAt,
      delivered_at: null,
    });
  };

  const sendDue = async (): Promise<boolean> => {
    const now = ctx.now();
    const leaseId = newId();
    const claimed = await claimDueDeliveries(ctx.db, leaseId, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), SEND_BATCH);
    if (claimed.length === 0) return false;
    await Promise.all(claimed.map((row) => attempt(row, leaseId).catch(onError)));
    if (stopped) await releaseLease(ctx.db, leaseId);
    return !stopped;
  };

  const scheduleNext = async (): Promise<void> => {
    clearTimeout(retryTimer);
    const due = await nextDueAt(ctx.db, ctx.now().toISOString());
    if (!due || stopped) return;
    const wait = Math.min(Math.max(0, Date.parse(due) - ctx.now().getTime()), MAX_TIMER_MS);
    retryTimer = setTimeout(wake, wait);
    retryTimer.unref();
  };

  const pass = async (): Promise<void> => {
    await fanOut();
    while (!stopped && (await sendDue()));
    if (!stopped) await scheduleNext();
  };

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch(onError)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  const wakeSoon = (): void => {
    gathering ??= new Promise<void>((resolve) => {
      setTimeout(() => {
        gathering = null;
        wake();
        resolve();
      }, EVENT_GATHER_MS).unref();
    });
  };

  return {
    start() {
      // Every published change may have left a row in the outbox (only commands' events are kept).
      unsubscribe = ctx.events.subscribe(wakeSoon);
      if (ctx.config.webhookPollMs > 0) {
        pollTimer = setInterval(wake, ctx.config.webhookPollMs);
        pollTimer.unref();
      }
      wake();
    },
    async stop() {
      stopped = true;
      unsubscribe?.();
      clearTimeout(retryTimer);
      clearInterval(pollTimer);
      abort.abort();
      await running;
    },
    wake,
    async idle() {
      while (running || gathering) await (running ?? gathering);
    },
  };
}
