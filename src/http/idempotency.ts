import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashCanonical, sha256Hex } from '../domain/hashing.ts';
import { DomainError } from '../domain/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  deleteIdempotencyKeysBefore,
  findIdempotencyKey,
  releaseIdempotencyKey,
} from '../store/idempotency.repository.ts';
import { requireAuth, tokenOf } from './auth.ts';

/** How long a key is remembered: long enough for a field office whose link drops for a day. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route accepts the header but never stores its response (login: it holds a token). */
    idempotency?: boolean;
  }
  interface FastifyRequest {
    idempotencyClaim: { scope: string; key: string } | null;
  }
}

function scopeOf(request: FastifyRequest): string {
  const token = tokenOf(request);
  // Keys are per caller: one user's key can never replay another's response.
  return token ? `t:${sha256Hex(token)}` : 'anonymous';
}

/** Statuses after which a retry may legitimately turn out differently, so the key is released. */
function isRetryable(status: number): boolean {
  return status >= 500 || status === 409 || status === 429 || status === 401;
}

/**
 * `Idempotency-Key` on every POST: the first response is stored and a retry with the same key
 * and the same request gets it again, changing nothing; the same key with another request is 422.
 */
export function installIdempotency(app: FastifyInstance, ctx: ServiceContext): void {
  app.decorateRequest('idempotencyClaim', null);

  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST') return;
    const header = request.headers['idempotency-key'];
    if (header === undefined || request.routeOptions.config.idempotency === false) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !KEY_PATTERN.test(key)) {
      throw new DomainError('invalid', 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 200 visible ASCII characters.', [
        { path: 'headers/idempotency-key', message: '1 to 200 visible ASCII characters' },
      ]);
    }
    // A stored answer is the caller's: a revoked or expired token must not replay it (401 first).
    if (tokenOf(request)) await requireAuth(ctx, request);
    const scope = scopeOf(request);
    const requestHash = hashCanonical({ method: request.method, url: request.url, body: request.body ?? null });
    const now = ctx.now();
    const claimed = await claimIdempotencyKey(ctx.db, { scope, key, request_hash: requestHash, created_at: now.toISOString() });
    if (claimed) {
      request.idempotencyClaim = { scope, key };
      const cutoff = new Date(now.getTime() - IDEMPOTENCY_RETENTION_HOURS * 3_600_000).toISOString();
      await deleteIdempotencyKeysBefore(ctx.db, cutoff);
      return;
    }
    const stored = await findIdempotencyKey(ctx.db, scope, key);
    if (!stored) {
      throw new DomainError('conflict', 'IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key just ended; retry.');
    }
    if (stored.request_hash !== requestHash) {
      throw new DomainError('rule', 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request.');
    }
    if (stored.status_code === null || stored.response_body === null) {
      throw new DomainError('conflict', 'IDEMPOTENCY_KEY_IN_USE', 'The first request with this Idempotency-Key is still running.');
    }
    reply.code(stored.status_code).header('idempotent-replayed', 'true');
    if (stored.content_type) reply.header('content-type', stored.content_type);
    return reply.send(stored.response_body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    if (typeof payload === 'string' && !isRetryable(reply.statusCode)) {
      const contentType = reply.getHeader('content-type');
      await completeIdempotencyKey(ctx.db, claim.scope, claim.key, {
        statusCode: reply.statusCode,
        contentType: typeof contentType === 'string' ? contentType : null,
        body: payload,
      });
    } else {
      await releaseIdempotencyKey(ctx.db, claim.scope, claim.key);
    }
    return payload;
  });
}
