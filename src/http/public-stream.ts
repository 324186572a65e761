import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
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
  setBaseHeaders(headers: OutgoingHttpHeaders): void;
  readonly subscribers: number;
  /** Slow readers dropped since start (for tests and metrics). */
  readonly dropped: number;
  close(): void;
}

const HEARTBEAT = Buffer.from(': keep-alive\n\n');
const RETRY = Buffer.from('retry: 5000\n\n');

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
  const readers = new Set<ServerResponse>();
  const ring: { seq: number; frame: Buffer }[] = [];
  let seq = 0;
  let dropped = 0;
  let baseHeaders: OutgoingHttpHeaders = {};

  const frameOf = (n: number, event: PublicCorridorEvent): Buffer =>
    Buffer.from(`id: ${epoch}-${n}\nevent: corridor\ndata: ${JSON.stringify(event)}\n\n`);

  const drop = (res: ServerResponse): void => {
    readers.delete(res);
    dropped += 1;
    res.destroy();
  };

  const send = (res: ServerResponse, frame: Buffer): void => {
    // writableLength counts what waits in the response and its socket: a bound on memory per reader.
    if (res.writableLength > maxBuffered) drop(res);
    else res.write(frame);
  };

  const broadcast = (frame: Buffer): void => {
    for (const res of readers) send(res, frame);
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
  const missedSince = (lastEventId: string): Buffer[] | null => {
    const [idEpoch, n] = lastEventId.split('-');
    const last = Number(n);
    if (idEpoch !== epoch || !Number.isInteger(last) || last > seq) return null;
    const oldest = ring[0]?.seq ?? seq + 1;
    if (last < oldest - 1) return null;
    return ring.filter((entry) => entry.seq > last).map((entry) => entry.frame);
  };

  return {
    attach(req, res, extraHeaders = {}) {
      res.writeHead(200, {
        ...baseHeaders,
        ...extraHeaders,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(RETRY);
      const lastEventId = req.headers['last-event-id'];
      if (typeof lastEventId === 'string' && lastEventId !== '') {
        const missed = missedSince(lastEventId);
        if (missed) for (const frame of missed) res.write(frame);
        else if (snapshot) {
          // The stream tells a change before the snapshot is rebuilt for it: the state this reader
          // catches up with is the rebuilt one. Events meanwhile reach it too; the state, written
          // after them, holds them all.
          void snapshot.fresh().then(() => {
            if (res.destroyed || !readers.has(res)) return;
            for (const view of snapshot.current()?.corridors ?? []) res.write(frameOf(seq, view));
          });
        }
      }
      readers.add(res);
      const leave = (): void => {
        readers.delete(res);
      };
      res.on('close', leave);
      res.on('error', leave);
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
      for (const res of readers) res.destroy();
      readers.clear();
    },
  };
}
