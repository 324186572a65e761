import { createHmac } from 'node:crypto';
import { normaliseEmail } from '../domain/identity.ts';
import { countHit, deleteWindowsBefore, readCount } from '../store/rate-windows.repository.ts';
import type { ServiceContext } from './context.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** An office behind one NAT address signs in many colleagues; one account gets far fewer tries. */
const ADDRESS_FACTOR = 5;
/** Failures per account and hour, in multiples of the per-minute limit, before the hour-long wait. */
const FAILURE_FACTOR = 3;

export interface SignInAsk {
  /** The caller's address (behind a proxy: the one it forwarded, with TRUST_PROXY). */
  address: string;
  email: string;
}

/** Buckets hold keyed digests: a copy of the table names no account and no address. */
function digest(ctx: ServiceContext, text: string): string {
  return createHmac('sha256', ctx.serverKey).update(`sign-in:${text}`, 'utf8').digest('hex').slice(0, 32);
}

const windowOf = (nowMs: number, length: number): number => Math.floor(nowMs / length);
const secondsLeft = (nowMs: number, length: number): number => Math.max(1, Math.ceil(((windowOf(nowMs, length) + 1) * length - nowMs) / 1000));

/**
 * The account is keyed exactly as the user is looked up (NFKC, lower case), so no spelling of an
 * address gets a bucket of its own.
 */
const accountOf = (ctx: ServiceContext, email: string): string => digest(ctx, normaliseEmail(email));

/**
 * Counts one sign-in attempt, in the database so that every instance shares the counts: per
 * account from all addresses (per minute), per address (per minute), and, as a backoff, an
 * account that failed too often this hour waits until the hour ends. Returns null when the
 * attempt may go on, else how many seconds to wait.
 */
export async function admitSignIn(ctx: ServiceContext, ask: SignInAsk): Promise<{ retryAfterSeconds: number } | null> {
  const now = ctx.now().getTime();
  const minute = windowOf(now, MINUTE);
  const account = accountOf(ctx, ask.email);
  const max = ctx.config.loginAttemptsPerMinute;
  let wait = 0;
  if ((await readCount(ctx.db, `sign-in:fail:${account}`, windowOf(now, HOUR))) >= max * FAILURE_FACTOR) wait = secondsLeft(now, HOUR);
  const accountCount = await countHit(ctx.db, `sign-in:acct:${account}`, minute);
  if (accountCount > max) wait = Math.max(wait, secondsLeft(now, MINUTE));
  const addressCount = await countHit(ctx.db, `sign-in:addr:${digest(ctx, ask.address)}`, minute);
  if (addressCount > max * ADDRESS_FACTOR) wait = Math.max(wait, secondsLeft(now, MINUTE));
  // Once a minute or so, someone sweeps the windows that have ended.
  if (accountCount === 1) await sweep(ctx, minute, windowOf(now, HOUR));
  return wait > 0 ? { retryAfterSeconds: wait } : null;
}

/** A wrong password or unknown account: counts towards the account's hourly backoff. */
export async function noteSignInFailure(ctx: ServiceContext, email: string): Promise<void> {
  await countHit(ctx.db, `sign-in:fail:${accountOf(ctx, email)}`, windowOf(ctx.now().getTime(), HOUR));
}

async function sweep(ctx: ServiceContext, minute: number, hour: number): Promise<void> {
  await deleteWindowsBefore(ctx.db, 'sign-in:acct:', minute - 1);
  await deleteWindowsBefore(ctx.db, 'sign-in:addr:', minute - 1);
  await deleteWindowsBefore(ctx.db, 'sign-in:fail:', hour - 1);
}
