import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { BlockList } from 'node:net';
import { DomainError } from '../domain/errors.ts';

/**
 * Sends one webhook request, guarded against server-side request forgery: unless private targets
 * are allowed (tests), the address actually connected to must be public. The check runs on the
 * resolved address at connect time (a custom DNS lookup), so a name that resolves to a public
 * address when registered and to 127.0.0.1 later (DNS rebinding) is still refused. Redirects are
 * not followed: a 3xx is an answer, and a failure.
 */

const NOT_PUBLIC = new BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(prefix, bits, 'ipv6');
}

/** Is this IP address one a webhook may not reach by default (loopback, private, link-local, reserved)? */
export function isNonPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return NOT_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return true;
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) reaches the IPv4 host: judge that.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return NOT_PUBLIC.check(mapped[1], 'ipv4');
  return NOT_PUBLIC.check(address, 'ipv6');
}

function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * At registration: a literal address or a local name that can only be private is refused at once
 * (422); names are checked again, resolved, on every attempt.
 */
export function assertTargetAllowed(url: URL, allowPrivate: boolean): void {
  if (allowPrivate) return;
  const host = hostOf(url).toLowerCase();
  const local = host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal');
  if (local || (net.isIP(host) !== 0 && isNonPublicAddress(host))) {
    const message = 'The URL points at a loopback, private or reserved address; webhooks call public addresses only.';
    throw new DomainError('rule', 'WEBHOOK_URL_PRIVATE', message, [{ path: '/url', message }]);
  }
}

export interface SendResult {
  /** The HTTP status, when the receiver answered. */
  statusCode: number | null;
  /** Why the attempt failed (no personal data: codes and statuses only), or null on a 2xx. */
  error: string | null;
  aborted: boolean;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses;
      const refused = allowPrivate ? undefined : list.find((a) => isNonPublicAddress(a.address));
      if (refused || list.length === 0) {
        const blocked: NodeJS.ErrnoException = new Error(`${hostname} resolves to a non-public address`);
        blocked.code = 'EBLOCKED';
        return callback(blocked, []);
      }
      if (options.all) return callback(null, list);
      const first = list[0] as dns.LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}

const MAX_ANSWER_BYTES = 64 * 1024;

/** POSTs `body` to `url` with `headers`; never throws. */
export function sendWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean; signal: AbortSignal },
): Promise<SendResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: SendResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const host = hostOf(url);
    if (!options.allowPrivate && net.isIP(host) !== 0 && isNonPublicAddress(host)) {
      done({ statusCode: null, error: 'EBLOCKED: the address is not public', aborted: false });
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options.allowPrivate),
      timeout: options.timeoutMs,
      signal: options.signal,
      agent: false,
    });
    // The whole attempt, not only idle time, is bounded.
    const timer = setTimeout(() => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), options.timeoutMs);
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    request.on('response', (response) => {
      let seen = 0;
      // The answer's body is read (so the connection ends cleanly) and dropped: it is not ours to keep.
      response.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > MAX_ANSWER_BYTES) response.destroy();
      });
      const finish = (): void => {
        clearTimeout(timer);
        const status = response.statusCode ?? 0;
        done({ statusCode: status, error: status >= 200 && status < 300 ? null : `HTTP ${status}`, aborted: false });
      };
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (options.signal.aborted) return done({ statusCode: null, error: 'interrupted: the server stopped', aborted: true });
      const code = error.code ?? 'ERROR';
      done({ statusCode: null, error: code === 'ETIMEDOUT' ? `ETIMEDOUT: no answer within ${options.timeoutMs} ms` : `${code}: ${error.message}`.slice(0, 300), aborted: false });
    });
    request.end(body);
  });
}
