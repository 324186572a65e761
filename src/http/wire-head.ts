import type { OutgoingHttpHeaders } from 'node:http';
import type { PublicAnswer } from './public-hot-path.ts';

/**
 * The bytes of an answer's status line and headers, as node:http writes them for the same
 * headers: latin1, one line per value, then Date and the connection's own lines. An answer's
 * headers are an object the snapshot builds once per change, so its lines are kept by identity.
 */
const linesOf = new WeakMap<OutgoingHttpHeaders, string>();

const STATUS_LINE: Record<PublicAnswer['status'], string> = { 200: 'HTTP/1.1 200 OK\r\n', 304: 'HTTP/1.1 304 Not Modified\r\n' };

function headerLines(headers: OutgoingHttpHeaders): string {
  let lines = linesOf.get(headers);
  if (lines === undefined) {
    lines = '';
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) lines += `${name}: ${one}\r\n`;
    }
    linesOf.set(headers, lines);
  }
  return lines;
}

/** The Date line changes once a second; every answer in that second shares it. */
let dateSecond = -1;
let dateLine = '';
function currentDateLine(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateLine = `Date: ${new Date(now).toUTCString()}\r\n`;
  }
  return dateLine;
}

/**
 * The last keep-alive answer made for a headers object, good for the second it was made in: one
 * buffer, head and body, so an answer is one write. With and without the body (GET and HEAD share
 * the headers).
 */
const ready = { full: new WeakMap<OutgoingHttpHeaders, Made>(), headOnly: new WeakMap<OutgoingHttpHeaders, Made>() };
interface Made {
  dateLine: string;
  keepAliveMs: number;
  body: Buffer | null;
  bytes: Buffer;
}

/** Status line, headers, Date and Connection lines, the blank line and the body, ready for the socket. */
export function answerBytes(answer: PublicAnswer, close: boolean, keepAliveMs: number): Buffer {
  const date = currentDateLine();
  const cache = answer.body ? ready.full : ready.headOnly;
  const cached = close ? undefined : cache.get(answer.headers);
  if (cached && cached.dateLine === date && cached.keepAliveMs === keepAliveMs && cached.body === answer.body) return cached.bytes;
  const connection = close ? 'Connection: close\r\n' : `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(keepAliveMs / 1000)}\r\n`;
  const head = Buffer.from(STATUS_LINE[answer.status] + headerLines(answer.headers) + date + connection + '\r\n', 'latin1');
  const bytes = answer.body ? Buffer.concat([head, answer.body]) : head;
  if (!close) cache.set(answer.headers, { dateLine: date, keepAliveMs, body: answer.body, bytes });
  return bytes;
}

/** The head of an answer whose headers say all (a stream's), with the Date line added. */
export function streamHeadBytes(headers: OutgoingHttpHeaders): Buffer {
  return Buffer.from(STATUS_LINE[200] + headerLines(headers) + currentDateLine() + '\r\n', 'latin1');
}
