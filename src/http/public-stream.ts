import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { LiveHub, PublicCorridorEvent } from '../services/live.service.ts';
import type { PublicSnapshotService } from '../services/public-snapshot.service.ts';

export const PUBLIC_STREAM_PATH = '/api/v1/public/stream';

export interface PublicStreamOptions {
  /** Comment lines this often keep proxies from closing a quiet stream. */
  heartbeatMs?: number;
  /** A reader with more than this still unsent is too slow: it is dropped, never buffered for. */
  maxBufferedBytes?: number;
  /** Events kept to replay to a reader that comes back with Last-Event-ID. */
  replayEvents?: number;
}

export interface PublicStream {
  attach(req: IncomingMessage, res: ServerResponse, extraHeaders?: OutgoingHttpHeaders): void;
  /**
   * A reader the wire front read the request of: the stream writes the answer's head and then
   * each event straight to the socket, already chunk-framed, with no response object between.
   */
  attachSocket(socket: Socket, lastEventId: string | undefined, head: (headers: OutgoingHttpHeaders) => Buffer): void;
  setBaseHeaders(headers: OutgoingHttpHeaders): void;
  readonly subscribers: number;
  /** Slow readers dropped since start (for tests and metrics). */
  readonly dropped: number;
  close(): void;
}

/** An event's bytes, and the same as one HTTP/1.1 chunk for readers written to on the socket. */
interface Frame {
  plain: Buffer;
  chunked: Buffer;
}
const frame = (text: string): Frame => {
  const plain = Buffer.from(text);
  return { plain, chunked: Buffer.concat([Buffer.from(`${plain.length.toString(16)}\r\n`), plain, Buffer.from('\r\n')]) };
};

/** Where events go: a node:http response, or a socket the wire front handed over. */
interface Reader {
  send(frame: Frame): void;
  /** What waits unsent for this reader, in bytes. */
  readonly backlog: number;
  destroy(): void;
}

const HEARTBEAT = frame(': keep-alive\n\n');
const RETRY = frame('retry: 5000\n\n');
const STREAM_HEADERS: OutgoingHttpHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/**
 * The public event stream for any number of readers: each event is serialised once into one
 * buffer written to every reader; readers that fall behind are dropped; event ids let a reader
 * that reconnects get what it missed from a short ring (or the current state when it is too old).
 */
export function createPublicStream(
  live: Pick<LiveHub, 'subscribePublic'>,
  snapshot: Pick<PublicSnapshotService, 'current' | 'fresh'> | null,
  options: PublicStreamOptions = {},
): PublicStream {
  const maxBuffered = options.maxBufferedBytes ?? 256 * 1024;
  const ringSize = options.replayEvents ?? 256;
  // Ids from another instance or an earlier run carry another epoch: those readers get the state.
  const epoch = Date.now().toString(36);
  const readers = new Set<Reader>();
  const ring: { seq: number; frame: Frame }[] = [];
  let seq = 0;
  let dropped = 0;
  let baseHeaders: OutgoingHttpHeaders = {};

  const frameOf = (n: number, event: PublicCorridorEvent): Frame => frame(`id: ${epoch}-${n}\nevent: corridor\ndata: ${JSON.stringify(event)}\n\n`);

  const broadcast = (next: Frame): void => {
    for (const reader of readers) {
      // A bound on memory per reader: one that does not read is dropped, never buffered for.
      if (reader.backlog > maxBuffered) {
        readers.delete(reader);
        dropped += 1;
        reader.destroy();
      } else reader.send(next);
    }
  };

  const unsubscribe = live.subscribePublic((event) => {
    seq += 1;
    const frame = frameOf(seq, event);
    ring.push({ seq, frame });
    if (ring.length > ringSize) ring.shift();
    broadcast(frame);
  });
  const heartbeat = setInterval(() => broadcast(HEARTBEAT), options.heartbeatMs ?? 20_000);
  heartbeat.unref();

  /** What a reader coming back missed, or null when the ring no longer holds it. */
  const missedSince = (lastEventId: string): Frame[] | null => {
    const [idEpoch, n] = lastEventId.split('-');
    const last = Number(n);
    if (idEpoch !== epoch || !Number.isInteger(last) || last > seq) return null;
    const oldest = ring[0]?.seq ?? seq + 1;
    if (last < oldest - 1) return null;
    return ring.filter((entry) => entry.seq > last).map((entry) => entry.frame);
  };

  /** Starts a reader: the retry hint, what it missed (or the current state), then every event. */
  const join = (reader: Reader, lastEventId: string | undefined, onGone: (leave: () => void) => void): void => {
    reader.send(RETRY);
    if (lastEventId) {
      const missed = missedSince(lastEventId);
      if (missed) for (const f of missed) reader.send(f);
      else if (snapshot) {
        // The stream tells a change before the snapshot is rebuilt for it: the state this reader
        // catches up with is the rebuilt one. Events meanwhile reach it too; the state, written
        // after them, holds them all.
        void snapshot.fresh().then(() => {
          if (!readers.has(reader)) return;
          for (const view of snapshot.current()?.corridors ?? []) reader.send(frameOf(seq, view));
        });
      }
    }
    readers.add(reader);
    onGone(() => readers.delete(reader));
  };

  return {
    attach(req, res, extraHeaders = {}) {
      res.writeHead(200, { ...baseHeaders, ...extraHeaders, ...STREAM_HEADERS });
      const lastEventId = req.headers['last-event-id'];
      const reader: Reader = {
        send: (f) => res.write(f.plain),
        get backlog() {
          return res.writableLength;
        },
        destroy: () => res.destroy(),
      };
      join(reader, typeof lastEventId === 'string' ? lastEventId : undefined, (leave) => {
        res.on('close', leave);
        res.on('error', leave);
      });
    },
    attachSocket(socket, lastEventId, head) {
      socket.write(head({ ...baseHeaders, ...STREAM_HEADERS, 'transfer-encoding': 'chunked' }));
      const reader: Reader = {
        send: (f) => socket.write(f.chunked),
        get backlog() {
          return socket.writableLength;
        },
        destroy: () => socket.destroy(),
      };
      join(reader, lastEventId, (leave) => {
        socket.on('close', leave);
        socket.on('error', leave);
      });
    },
    setBaseHeaders(headers) {
      baseHeaders = headers;
    },
    get subscribers() {
      return readers.size;
    },
    get dropped() {
      return dropped;
    },
    close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const reader of readers) reader.destroy();
      readers.clear();
    },
  };
}
