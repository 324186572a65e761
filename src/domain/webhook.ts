import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from './errors.ts';

/**
 * Webhooks (docs/webhooks.md): the rules that need no I/O. What a hook may carry is decided by the
 * staff stream's own rule (services/staff-events.ts); this file holds the URL rule, the signature
 * and the retry schedule.
 */

/** The event types a hook subscribes to: the same names as the staff stream's SSE events. */
export const WEBHOOK_EVENT_TYPES = ['corridor', 'movement', 'incident', 'alert'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_SIGNATURE_HEADER = 'Safe-Passage-Signature';
export const WEBHOOK_DELIVERY_HEADER = 'Safe-Passage-Delivery';
export const WEBHOOK_EVENT_HEADER = 'Safe-Passage-Event';

/** How old a signature timestamp a receiver should accept, in seconds (what docs/webhooks.md advises). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/**
 * The URL as it will be called, or a 422. Only http(s), and no user:password part: a credential
 * in the URL would be shown back in every listing. Whether the host may be private is decided
 * where addresses are resolved (services/webhook-transport.ts).
 */
export function parseWebhookUrl(raw: string): URL {
  const refuse = (code: string, message: string): DomainError => new DomainError('rule', code, message, [{ path: '/url', message }]);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refuse('WEBHOOK_URL_INVALID', 'The URL is not a valid absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('WEBHOOK_URL_SCHEME', 'Only http and https URLs are called.');
  if (url.username !== '' || url.password !== '') throw refuse('WEBHOOK_URL_CREDENTIALS', 'Put no user name or password in the URL; verify the signature instead.');
  if (url.href.length > MAX_WEBHOOK_URL_LENGTH) throw refuse('WEBHOOK_URL_INVALID', `The URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters.`);
  url.hash = '';
  return url;
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret's UTF-8 bytes>`. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'mismatch' | 'too-old' | 'in-future' };

/**
 * What a receiver does (docs/webhooks.md gives the same in plain JS): recompute the HMAC over the
 * raw body with the header's timestamp, compare in constant time, refuse a timestamp outside the
 * tolerance so a captured request cannot be replayed later.
 */
export function verifySignatureHeader(header: string, body: string, secret: string, nowSeconds: number, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): SignatureCheck {
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const at = item.indexOf('=');
    if (at <= 0) continue;
    const key = item.slice(0, at).trim();
    parts.set(key, [...(parts.get(key) ?? []), item.slice(at + 1).trim()]);
  }
  const t = parts.get('t')?.[0];
  const signatures = parts.get('v1') ?? [];
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const timestamp = Number(t);
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  const matches = signatures.some((s) => /^[0-9a-f]{64}$/.test(s) && timingSafeEqual(Buffer.from(s, 'hex'), expected));
  if (!matches) return { ok: false, reason: 'mismatch' };
  if (nowSeconds - timestamp > toleranceSeconds) return { ok: false, reason: 'too-old' };
  if (timestamp - nowSeconds > toleranceSeconds) return { ok: false, reason: 'in-future' };
  return { ok: true, timestamp };
}

export interface RetrySchedule {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

/**
 * The wait after the `attempt`-th failed attempt (1-based): exponential (base·2^(n−1), capped) with
 * "equal jitter": half of it fixed, half random. The fixed half keeps the waits growing from one
 * attempt to the next (until the cap); the random half spreads the retries of many hooks that failed together.
 */
export function retryDelayMs(attempt: number, schedule: Pick<RetrySchedule, 'baseMs' | 'capMs'>, random: () => number = Math.random): number {
  const exponential = Math.min(schedule.capMs, schedule.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 40)));
  const half = exponential / 2;
  return Math.round(half + random() * half);
}

/** After a failed attempt: when to try again, or null when it was the last one (the delivery is failed). */
export function nextAttemptAt(attempts: number, schedule: RetrySchedule, now: Date, random: () => number = Math.random): Date | null {
  if (attempts >= schedule.maxAttempts) return null;
  return new Date(now.getTime() + retryDelayMs(attempts, schedule, random));
}
