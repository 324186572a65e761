import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Counts of the answers sent in front of Fastify (the public hot path): a plain tally per label
 * set, added to the request counter when Prometheus reads it, so counting costs a map lookup.
 */
export class HotCounts {
  private readonly counts = new Map<string, { method: string; route: string; status: string; n: number }>();

  add(method: string, route: string, status: number): void {
    const key = `${method} ${status} ${route}`;
    const entry = this.counts.get(key);
    if (entry) entry.n += 1;
    else this.counts.set(key, { method, route, status: String(status), n: 1 });
  }

  /** The tallies since the last drain, then zero. */
  drain(): { method: string; route: string; status: string; n: number }[] {
    const entries = [...this.counts.values()].filter((e) => e.n > 0).map((e) => ({ ...e }));
    for (const entry of this.counts.values()) entry.n = 0;
    return entries;
  }
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
function carriesToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * Prometheus metrics per server instance; labels use route patterns, never raw URLs (no ids, no names).
 * Per-route counts of registrations and boardings tell the tempo of an evacuation, so `/metrics`
 * answers only a scraper with METRICS_TOKEN; with no token set it is not served at all (404).
 */
export function installMetrics(app: FastifyInstance, hot?: HotCounts, token: string | null = null): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'safe_passage_' });
  const requests = new Counter({
    name: 'safe_passage_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
    collect() {
      for (const { n, ...labels } of hot?.drain() ?? []) this.inc(labels, n);
    },
  });
  const duration = new Histogram({
    name: 'safe_passage_http_request_duration_seconds',
    help: 'HTTP request duration by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  if (token === null) return registry;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!carriesToken(request.headers.authorization, token)) {
      throw new DomainError('unauthenticated', 'METRICS_TOKEN_REQUIRED', 'Metrics need the METRICS_TOKEN as a bearer token.');
    }
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
