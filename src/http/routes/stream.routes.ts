import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import type { LiveHub } from '../../services/live.service.ts';
import type { PublicStream } from '../public-stream.ts';
import { requireAuth } from '../auth.ts';
import { sessionRefOf } from '../../services/identity.service.ts';

/** Proxies drop quiet connections; a comment line this often keeps the stream open. */
export const KEEP_ALIVE_MS = 25_000;

/**
 * Opens a server-sent event stream on the raw response (Fastify steps aside), and hands the
 * caller a `send`; returns when the client goes away.
 */
function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  subscribe: (send: (event: string, data: unknown) => void, end: () => void) => () => void,
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
    'x-request-id': request.id,
  });
  // Browsers reconnect by themselves; ask them to wait a few seconds, not hammer a busy server.
  res.write('retry: 5000\n\n');
  let keepAlive: NodeJS.Timeout | undefined;
  // The source ends the stream (the session was logged out or expired): the browser reconnects,
  // gets 401 and signs in again.
  const end = (): void => {
    clearInterval(keepAlive);
    res.end();
  };
  const unsubscribe = subscribe((event, data) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }, end);
  keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  request.raw.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

export const streamRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext; live: LiveHub; publicStream?: PublicStream }> = async (
  app,
  { ctx, live, publicStream },
) => {
  app.get(
    '/api/v1/public/stream',
    { schema: { tags: ['public'], summary: 'Server-sent events: `corridor` on every public status change, with ids for Last-Event-ID (no login)' }, logLevel: 'warn' },
    async (request, reply) => {
      if (publicStream) {
        reply.hijack();
        publicStream.attach(request.raw, reply.raw, { 'x-request-id': request.id });
        return;
      }
      openEventStream(request, reply, (send) => live.subscribePublic((event) => send('corridor', event)));
    },
  );

  app.get(
    '/api/v1/stream',
    { schema: { tags: ['corridors'], summary: 'Server-sent events for staff: `corridor`, `movement` (incl. overdue alerts) and `incident` events the caller may see' } },
    async (request, reply) => {
      const { actor, token, expiresAt } = await requireAuth(ctx, request);
      const session = { actor, ref: sessionRefOf(token), expiresAt };
      openEventStream(request, reply, (send, end) => live.subscribeStaff(session, (event) => send(event.event, event.data), end));
    },
  );
};
