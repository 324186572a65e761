import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers helmet sets (CSP, nosniff, frame and referrer policies…) on every answer.
 *
 * They depend only on the options, so helmet runs once, here, against a recording response, and
 * each request then gets the recorded headers set on its response, as helmet would set them.
 * Why: @fastify/helmet builds helmet's middleware again on every request, re-parsing the CSP
 * directives each time: 4 % of the server's CPU under the check-in bench (bench/README.md).
 */
export function securityHeadersFor(options: Readonly<HelmetOptions>): [string, string][] {
  const recorded = new Map<string, string>();
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      recorded.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader(name: string) {
      recorded.delete(name.toLowerCase());
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return [...recorded];
}

/** Sets {@link securityHeadersFor} `options` on every answer Fastify sends, before the route runs. */
export function installSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const headers = securityHeadersFor(options);
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers) raw.setHeader(name, value);
    done();
  });
}
