/**
 * Subscribers of the public event stream for the SSE benches (started by bench/sse-readers.ts), in their own process so
 * the server's process is measured alone. Told (IPC) how many, from which loopback address, to
 * which port; says 'ready' once every stream is open, then for each round the wall-clock time each
 * subscriber received the first corridor event of that round.
 */
import net from 'node:net';
import { now } from './sse-readers.ts';

interface Start {
  port: number;
  count: number;
  localAddress: string;
}

const sockets: net.Socket[] = [];
const scratch = Buffer.alloc(64 * 1024);
const CORRIDOR_EVENT = Buffer.from('event: corridor');
/** Per subscriber: the round whose event it still waits for (-1: not yet listening) and when it got it. */
let round = -1;
let arrivals: Float64Array = new Float64Array(0);
let waiting = 0;

function open({ port, count, localAddress }: Start): void {
  arrivals = new Float64Array(count);
  let opened = 0;
  let started = 0;
  // Connect a few hundred at a time: a burst of tens of thousands overflows the listen backlog.
  const next = (): void => {
    while (started < count && started - opened < 256) {
      connect(started);
      started += 1;
    }
  };
  const connect = (index: number): void => {
    let headers = false;
    // Every read lands in one shared buffer: no Buffer per event, so a reader costs the measured
    // server as little CPU as it can on the same cores.
    const onRead = (bytes: number): boolean => {
      const chunk = scratch.subarray(0, bytes);
      if (!headers) {
        headers = true;
        socket.setTimeout(0);
        opened += 1;
        if (opened === count) process.send?.({ type: 'ready' });
        else next();
      }
      if (round >= 0 && arrivals[index] === 0 && chunk.includes(CORRIDOR_EVENT)) {
        arrivals[index] = now();
        waiting -= 1;
        if (waiting === 0) report();
      }
      return true;
    };
    const socket = net.connect({ port, host: '127.0.0.1', localAddress, onread: { buffer: scratch, callback: onRead } });
    socket.setNoDelay(true);
    socket.on('connect', () => socket.write(`GET /api/v1/public/stream HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n`));
    // A connection refused, reset, closed or left unanswered for 10 s while the crowd connects is
    // tried again (a crowd of 50,000 loses a few to full accept queues); once open, a loss is reported.
    socket.setTimeout(10_000, () => {
      if (!headers) socket.destroy();
    });
    socket.on('close', () => {
      if (!headers) setTimeout(() => connect(index), 50);
    });
    socket.on('error', (error) => {
      if (headers) process.send?.({ type: 'error', message: `${index}: ${error.message}` });
    });
    sockets.push(socket);
  };
  next();
}

function report(): void {
  process.send?.({ type: 'arrivals', round, arrivals: [...arrivals] });
  round = -1;
}

process.on('message', (message: { type: 'start'; start: Start } | { type: 'listen'; round: number } | { type: 'flush' } | { type: 'stop' }) => {
  if (message.type === 'start') open(message.start);
  else if (message.type === 'listen') {
    arrivals.fill(0);
    waiting = arrivals.length;
    round = message.round;
  } else if (message.type === 'flush') {
    // Time is up: report who got it; the rest count as never.
    if (round >= 0) report();
  } else {
    for (const socket of sockets) socket.destroy();
    process.exit(0);
  }
});
