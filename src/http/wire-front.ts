import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { HotCounts } from './metrics.ts';
import type { PublicAnswer, PublicQuestion } from './public-hot-path.ts';
import { PUBLIC_STREAM_PATH, type PublicStream } from './public-stream.ts';
import { answerBytes, streamHeadBytes } from './wire-head.ts';

/**
 * A front on the listening socket itself, for the public artefacts a crowd asks for: a request it
 * reads completely and strictly, and that the snapshot answers, is answered from ready bytes
 * without node:http's request and response objects, which cost more than the work. Anything else
 * (another path, a body, a header it does not know how to read safely, a head in parts, an odd
 * request) is handed, with every byte read so far, to node:http at a request boundary, before a
 * byte of its answer is written; from then on node:http owns the connection as if it had accepted
 * it. So the front never decides what a request means where node:http might decide otherwise.
 */

/** Longer heads go to node:http, which answers 431 past its own limit. */
const MAX_HEAD_BYTES = 8 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');
const HTTP11 = ' HTTP/1.1';

/** The answer, null for one that is not the front's, or a rebuild to wait for before asking again. */
type Answerer = (question: PublicQuestion) => PublicAnswer | null | Promise<void>;

/**
 * The request head as the front reads it: null unless every line is exactly as RFC 9112 writes
 * it (no bare LF, no folding, no whitespace before a colon), the target is origin-form, and no
 * header says there is a body, a protocol change or anything else the front leaves to node:http.
 */
export function readHead(head: string): (PublicQuestion & { close: boolean; lastEventId: string | undefined }) | null {
  const lines = head.split('\r\n');
  const requestLine = lines[0]!;
  const space = requestLine.indexOf(' ');
  const method = requestLine.slice(0, space);
  if (method !== 'GET' && method !== 'HEAD') return null;
  if (!requestLine.endsWith(HTTP11)) return null;
  const url = requestLine.slice(space + 1, requestLine.length - HTTP11.length);
  if (!/^\/[\x21-\x7e]*$/.test(url)) return null;
  let host = 0;
  let close = false;
  let ifNoneMatch: string | undefined;
  let acceptEncoding: string | undefined;
  let acceptLanguage: string | undefined;
  let lastEventId: string | undefined;
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) return null;
    const value = line.slice(colon + 1).trim();
    if (!FIELD_VALUE.test(value)) return null;
    switch (name.toLowerCase()) {
      case 'host':
        host += 1;
        break;
      case 'connection': {
        const v = value.toLowerCase();
        if (v === 'close') close = true;
        else if (v !== 'keep-alive') return null;
        break;
      }
      case 'if-none-match':
        if (ifNoneMatch !== undefined) return null;
        ifNoneMatch = value;
        break;
      case 'accept-encoding':
        if (acceptEncoding !== undefined) return null;
        acceptEncoding = value;
        break;
      case 'accept-language':
        if (acceptLanguage !== undefined) return null;
        acceptLanguage = value;
        break;
      case 'last-event-id':
        if (lastEventId !== undefined) return null;
        lastEventId = value;
        break;
      case 'content-length':
      case 'transfer-encoding':
      case 'upgrade':
      case 'expect':
        return null;
      default:
    }
  }
  if (host !== 1) return null;
  return { method, url, ifNoneMatch, acceptEncoding, acceptLanguage, close, lastEventId };
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII, space and tab inside, and obs-text; never CR, LF, NUL or other controls.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Puts the front on `server`'s connections. `answer` decides from the snapshot; `stream` takes the
 * public event stream's readers. Every answer sent is counted in `counts` as the node:http hot
 * path counts it.
 */
export function installWireFront(server: Server, answer: Answerer, stream: PublicStream | null, counts: HotCounts): void {
  const [httpConnection] = server.listeners('connection') as ((socket: Socket) => void)[];
  if (!httpConnection) throw new Error('the HTTP server has no connection listener to hand over to');
  server.removeAllListeners('connection');
  const held = new Set<Socket>();

  /** The front lets go of a connection: nothing of its reading or timing stays on it. */
  const release = (socket: Socket): void => {
    held.delete(socket);
    socket.removeAllListeners('data');
    socket.removeAllListeners('timeout');
    socket.setTimeout(0);
  };

  const handOver = (socket: Socket, unread: Buffer): null => {
    release(socket);
    socket.removeAllListeners('error');
    // Paused, the bytes put back wait in the socket for node:http's parser; it reads them first.
    socket.pause();
    if (unread.length > 0) socket.unshift(unread);
    httpConnection.call(server, socket);
    socket.resume();
    return null;
  };

  /** Answers each request in `buffer` in turn, until one is not the front's to answer. */
  const answerAll = (socket: Socket, buffer: Buffer): null => {
    let start = 0;
    for (;;) {
      const end = buffer.indexOf(HEAD_END, start);
      if (end < 0) {
        // Clients write a head in one piece; one that arrives in parts is node:http's, with its
        // header timeouts, so the front never holds a connection waiting on a slow head.
        return start === buffer.length ? null : handOver(socket, buffer.subarray(start));
      }
      if (end - start > MAX_HEAD_BYTES) return handOver(socket, buffer.subarray(start));
      const question = readHead(buffer.toString('latin1', start, end));
      if (question && stream && question.method === 'GET' && question.url === PUBLIC_STREAM_PATH && !question.close) {
        toStream(socket, question.lastEventId, stream);
        return null;
      }
      const reply = question && answer(question);
      if (!question || !reply) return handOver(socket, buffer.subarray(start));
      if (reply instanceof Promise) return waitFor(reply, socket, buffer.subarray(start));
      socket.write(answerBytes(reply, question.close, server.keepAliveTimeout));
      counts.add(question.method, reply.route, reply.status);
      start = end + HEAD_END.length;
      if (question.close) {
        // Its idle timeout stays: a client that never closes its side is still cut off.
        held.delete(socket);
        socket.removeAllListeners('data');
        socket.end();
        return null;
      }
    }
  };

  /** The socket is the stream's from now on; a reader has nothing more to say, so what it sends is read and dropped. */
  const toStream = (socket: Socket, lastEventId: string | undefined, to: PublicStream): void => {
    release(socket);
    socket.on('data', () => {});
    to.attachSocket(socket, lastEventId, streamHeadBytes);
    counts.add('GET', PUBLIC_STREAM_PATH, 200);
  };

  /** Pipelined answers leave in one write. */
  const answerCorked = (socket: Socket, buffer: Buffer): void => {
    socket.cork();
    try {
      answerAll(socket, buffer);
    } finally {
      socket.uncork();
    }
  };

  /**
   * Holds the connection (nothing more is read meanwhile) until the snapshot is rebuilt, then
   * answers from the new one: a change is read at once by whoever asks after it, and the
   * connection stays the front's.
   */
  const waitFor = (rebuilt: Promise<void>, socket: Socket, rest: Buffer): null => {
    socket.pause();
    const again = (): void => {
      if (socket.destroyed || !held.has(socket)) return;
      socket.resume();
      answerCorked(socket, rest);
    };
    rebuilt.then(again, () => handOver(socket, rest));
    return null;
  };

  server.on('connection', (socket: Socket) => {
    held.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(server.keepAliveTimeout || 5000);
    socket.on('timeout', () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => held.delete(socket));
    socket.on('data', (chunk: Buffer) => answerCorked(socket, chunk));
  });

  // Fastify closes the server with these; the front's connections must end with node:http's.
  const closeAll = server.closeAllConnections.bind(server);
  const closeIdle = server.closeIdleConnections.bind(server);
  const endHeld = (): void => {
    for (const socket of held) socket.destroy();
    held.clear();
  };
  server.closeAllConnections = () => {
    endHeld();
    closeAll();
  };
  // The front answers each request whole before it reads the next, so its connections are idle.
  server.closeIdleConnections = () => {
    endHeld();
    closeIdle();
  };
}
