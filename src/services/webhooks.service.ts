import { randomBytes } from 'node:crypto';
import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { parseWebhookUrl, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhook.ts';
import { decodeCursor, pageLimit, toPage, type Page, type PageRequest } from '../store/pagination.ts';
import { disableWebhook, findWebhook, insertWebhook, listDeliveries, listWebhooks, type WebhookDeliveryRow, type WebhookRow } from '../store/webhooks.repository.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';
import { encryptWithServerKey } from './server-key.ts';
import { staffEventTypesFor } from './staff-events.ts';
import { assertTargetAllowed } from './webhook-transport.ts';

/** A hook as its organisation's admin sees it; the secret only once, in the registration's answer. */
export interface WebhookView {
  id: string;
  orgId: string;
  url: string;
  events: WebhookEventType[];
  /** Whose rights the hook carries: the role that registered it. */
  role: string;
  createdBy: string;
  createdAt: string;
  disabledAt: string | null;
  disabledBy: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface DeliveryView {
  id: string;
  webhookId: string;
  eventType: WebhookEventType;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export function presentWebhook(row: WebhookRow): WebhookView {
  return {
    id: row.id,
    orgId: row.org_id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEventType[],
    role: row.role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    disabledBy: row.disabled_by,
  };
}

function presentDelivery(row: WebhookDeliveryRow): DeliveryView {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventType: row.event_type as WebhookEventType,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

/** `whsec_` and 32 random bytes: the HMAC key is this whole string's UTF-8 bytes. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Registers a hook for the event types the caller's own stream may carry (staff-events.ts): a
 * type it would never see there is refused (403), whatever the hook would have received.
 */
export async function registerWebhook(ctx: ServiceContext, actor: Actor, input: { url: string; events: string[] }): Promise<WebhookView & { secret: string }> {
  if (!isAllowed(actor, 'webhook.manage', actor.orgId)) throw forbidden('manage webhooks');
  const url = parseWebhookUrl(input.url);
  assertTargetAllowed(url, ctx.config.webhookAllowPrivateTargets);
  const events = [...new Set(input.events)];
  const visible = staffEventTypesFor(actor);
  events.forEach((type, i) => {
    if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)) {
      throw new DomainError('invalid', 'WEBHOOK_EVENT_UNKNOWN', `Unknown event type "${type}".`, [{ path: `/events/${i}`, message: `one of ${WEBHOOK_EVENT_TYPES.join(', ')}` }]);
    }
    if (!visible.includes(type as WebhookEventType)) {
      throw new DomainError('forbidden', 'WEBHOOK_EVENT_FORBIDDEN', `Your organisation's event stream does not carry "${type}" events, so no hook may.`, [
        { path: `/events/${i}`, message: `not visible to you (yours: ${visible.join(', ') || 'none'})` },
      ]);
    }
  });
  const secret = newSecret();
  return runCommand(ctx, actor, async (trx, nowIso) => {
    const row: WebhookRow = {
      id: newId(),
      org_id: actor.orgId,
      url: url.href,
      events: JSON.stringify(events),
      role: actor.role,
      secret_enc: encryptWithServerKey(ctx.serverKey, Buffer.from(secret, 'utf8')),
      created_by: actor.userId,
      created_at: nowIso,
      disabled_by: null,
      disabled_at: null,
    };
    await insertWebhook(trx, row);
    return {
      result: { ...presentWebhook(row), secret },
      // The URL may carry a receiver's token in its query: only its hash reaches the audit log anyway.
      audit: { action: 'webhook.register', subjectType: 'webhook', subjectId: row.id, payload: { orgId: row.org_id, url: row.url, events } },
      event: { type: 'webhook.changed', subjectType: 'webhook', subjectId: row.id, orgId: row.org_id, data: { change: 'registered' } },
    };
  });
}

export async function listOrgWebhooks(ctx: ServiceContext, actor: Actor, page: PageRequest): Promise<Page<WebhookView>> {
  if (!isAllowed(actor, 'webhook.manage', actor.orgId)) throw forbidden('manage webhooks');
  const limit = pageLimit(page);
  return toPage(await listWebhooks(ctx.db, actor.orgId, limit + 1, decodeCursor(page.cursor)), limit, presentWebhook);
}

/** Another organisation's hook stays unseen: 404, as the list does not show it. */
async function visibleHook(ctx: ServiceContext, actor: Actor, id: string): Promise<WebhookRow> {
  const row = await findWebhook(ctx.db, id);
  if (!row || !isAllowed(actor, 'webhook.manage', row.org_id)) {
    if (!isAllowed(actor, 'webhook.manage', actor.orgId)) throw forbidden('manage webhooks');
    throw notFound('webhook');
  }
  return row;
}

/** Stops a hook: nothing more is queued for it, and what it still had to send is cancelled. */
export async function disableOrgWebhook(ctx: ServiceContext, actor: Actor, id: string): Promise<WebhookView> {
  const hook = await visibleHook(ctx, actor, id);
  if (hook.disabled_at) throw new DomainError('conflict', 'WEBHOOK_DISABLED', 'This webhook is disabled already.');
  return runCommand(ctx, actor, async (trx, nowIso) => {
    if (!(await disableWebhook(trx, id, actor.userId, nowIso))) throw new DomainError('conflict', 'WEBHOOK_DISABLED', 'This webhook is disabled already.');
    return {
      result: presentWebhook({ ...hook, disabled_at: nowIso, disabled_by: actor.userId }),
      audit: { action: 'webhook.disable', subjectType: 'webhook', subjectId: id, payload: { orgId: hook.org_id } },
      event: { type: 'webhook.changed', subjectType: 'webhook', subjectId: id, orgId: hook.org_id, data: { change: 'disabled' } },
    };
  });
}

export async function listWebhookDeliveries(ctx: ServiceContext, actor: Actor, id: string, page: PageRequest): Promise<Page<DeliveryView>> {
  await visibleHook(ctx, actor, id);
  const limit = pageLimit(page);
  return toPage(await listDeliveries(ctx.db, id, limit + 1, decodeCursor(page.cursor)), limit, presentDelivery);
}
