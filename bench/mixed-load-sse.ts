/**
 * Raw subscribers of the public event stream for bench/mixed-load.bench.ts, in the bench's own
 * process (one socket each, as bench/public-sse-clients.ts opens them): open them all, then for
 * each control, when each subscriber received the first `corridor` event after it.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface Subscribers {
  /** Arrival times (performance.now(); 0: never) of the next `corridor` event, once all have it or after timeoutMs. */
  listen(timeoutMs: number): Promise<number[]>;
  /** Streams that closed or failed after they opened. */
  lost(): number;
  close(): void;
}

export async function openSubscribers(port: number, count: number): Promise<Subscribers> {
  const sockets: net.Socket[] = [];
  const arrivals = new Float64Array(count);
  let listening = false;
  let waiting = 0;
  let done: (() => void) | undefined;
  let lost = 0;
  let closing = false;
  await new Promise<void>((resolve) => {
    let opened = 0;
    let started = 0;
    // A few hundred at a time: a burst of connections overflows the listen backlog.
    const next = (): void => {
      for (; started < count && started - opened < 256; started++) connect(started);
    };
    const connect = (index: number): void => {
      const socket = net.connect({ port, host: '127.0.0.1' });
      let headers = false;
      socket.setNoDelay(true);
      socket.on('connect', () => socket.write(`GET /api/v1/public/stream HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n`));
      socket.on('data', (chunk: Buffer) => {
        if (!headers) {
          headers = true;
          opened++;
          if (opened === count) resolve();
          else next();
        }
        if (listening && arrivals[index] === 0 && chunk.includes('event: corridor')) {
          arrivals[index] = performance.now();
          if (--waiting === 0) done?.();
        }
      });
      // Refused while the crowd connects: try again. Once open, any end is a lost subscriber.
      socket.on('error', () => {
        if (!headers) setTimeout(() => connect(index), 50);
      });
      socket.on('close', () => {
        if (headers && !closing) lost++;
      });
      sockets[index] = socket;
    };
    next();
  });
  return {
    listen(timeoutMs) {
      arrivals.fill(0);
      waiting = count;
      listening = true;
      return new Promise((resolve) => {
        const finish = (): void => {
          clearTimeout(timer);
          listening = false;
          done = undefined;
          resolve([...arrivals]);
        };
        const timer = setTimeout(finish, timeoutMs);
        done = finish;
      });
    },
    lost: () => lost,
    close() {
      closing = true;
      for (const socket of sockets) socket.destroy();
    },
  };
}
