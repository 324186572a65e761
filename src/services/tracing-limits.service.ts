import { createHmac } from 'node:crypto';
import { prepareName } from '../domain/names/prepare.ts';
import { countBuckets, countHit, deleteWindowsBefore } from '../store/rate-windows.repository.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** The event staff streams turn into an alert: many birth dates asked about one name. */
export const TRACING_PROBING = 'tracing.probing';

export interface TracingAsk {
  /** The caller's address (behind a proxy: the one it forwarded, with TRUST_PROXY). */
  address: string;
  name: string;
  birthDate: string;
}

/**
 * Buckets hold keyed digests, never a name, a date or an address: a copy of the table tells
 * nobody who was looked for. The key is the server key, the same on every instance.
 */
function digest(ctx: ServiceContext, text: string): string {
  return createHmac('sha256', ctx.serverKey).update(`tracing:${text}`, 'utf8').digest('hex').slice(0, 32);
}

/**
 * Who is asked about: the name's words without the patronymic, in any order, and the birth
 * year, so neither reordering the words nor adding a patronymic nor trying each day of a year
 * gets a fresh count.
 */
function nameKeyOf(name: string): string {
  return [...prepareName(name).words.map((w) => w.text)].sort().join(' ');
}

const windowOf = (nowMs: number, length: number): number => Math.floor(nowMs / length);
const secondsLeft = (nowMs: number, length: number): number => Math.max(1, Math.ceil(((windowOf(nowMs, length) + 1) * length - nowMs) / 1000));

/**
 * Counts one public tracing request against its limits, in the database so that every instance
 * shares them: per target (name + birth year, per hour), per address (per minute) and for
 * everyone (per minute). Also notices many different dates asked about one name within an
 * hour, and alerts the tracing desk once. Returns null when the request may go on, else how
 * many seconds to wait.
 */
export async function admitTracing(ctx: ServiceContext, ask: TracingAsk): Promise<{ retryAfterSeconds: number } | null> {
  const now = ctx.now().getTime();
  const minute = windowOf(now, MINUTE);
  const hour = windowOf(now, HOUR);
  const nameKey = digest(ctx, nameKeyOf(ask.name));
  const limits = [
    { bucket: `tracing:target:${digest(ctx, `${nameKeyOf(ask.name)}|${ask.birthDate.slice(0, 4)}`)}`, length: HOUR, max: ctx.config.tracingTargetRequestsPerHour },
    { bucket: `tracing:addr:${digest(ctx, ask.address)}`, length: MINUTE, max: ctx.config.tracingRequestsPerMinute },
    { bucket: 'tracing:all', length: MINUTE, max: ctx.config.tracingGlobalRequestsPerMinute },
  ];
  let wait = 0;
  for (const limit of limits) {
    const count = await countHit(ctx.db, limit.bucket, windowOf(now, limit.length));
    if (count > limit.max) wait = Math.max(wait, secondsLeft(now, limit.length));
    // Once a minute or so, someone sweeps the windows that have ended.
    if (limit.bucket === 'tracing:all' && count === 1) await sweep(ctx, minute, hour);
  }
  await watchNearMisses(ctx, nameKey, ask.birthDate, hour);
  return wait > 0 ? { retryAfterSeconds: wait } : null;
}

async function watchNearMisses(ctx: ServiceContext, nameKey: string, birthDate: string, hour: number): Promise<void> {
  const prefix = `tracing:date:${nameKey}:`;
  const first = (await countHit(ctx.db, `${prefix}${digest(ctx, birthDate)}`, hour)) === 1;
  if (!first) return;
  const dates = await countBuckets(ctx.db, prefix, hour);
  if (dates < ctx.config.tracingNearMissDates) return;
  // Only the request that claims the alert raises it, on whichever instance it runs.
  if ((await countHit(ctx.db, `tracing:alerted:${nameKey}`, hour)) !== 1) return;
  const ref = nameKey.slice(0, 16);
  await runCommand(ctx, null, async () => ({
    result: undefined,
    audit: { action: TRACING_PROBING, subjectType: 'tracing', subjectId: ref, payload: { dates } },
    event: { type: TRACING_PROBING, subjectType: 'tracing', subjectId: ref, orgId: null, data: { dates } },
  }));
}

async function sweep(ctx: ServiceContext, minute: number, hour: number): Promise<void> {
  await deleteWindowsBefore(ctx.db, 'tracing:addr:', minute - 1);
  await deleteWindowsBefore(ctx.db, 'tracing:all', minute - 1);
  for (const kind of ['target', 'date', 'alerted']) await deleteWindowsBefore(ctx.db, `tracing:${kind}:`, hour - 1);
}
