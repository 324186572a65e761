/**
 * The crowd of public-stream readers the SSE benches share: reader processes
 * (bench/public-sse-clients.ts), each from its own loopback address so tens of thousands fit in
 * the ephemeral port range, each connected to one server port.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';

type Message = { type: 'ready' } | { type: 'error'; message: string } | { type: 'arrivals'; round: number; arrivals: number[] };

/** Wall-clock milliseconds, comparable across this machine's processes. */
export const now = (): number => performance.timeOrigin + performance.now();

/** The p-th percentile of an ascending list. */
export const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Each heard arrival's delay after `sent`, ascending; a reader that never heard (0) is left out. */
export const delaysSince = (arrivals: number[], sent: number): number[] => arrivals.filter((t) => t > 0).map((t) => t - sent).sort((a, b) => a - b);

/**
 * Round `round`'s status change through the API, as a coordinator makes it: odd rounds suspend the
 * corridor, even rounds resume it. `sent` is taken just before the request, the start of every delay.
 */
export async function changeCorridorStatus(origin: string, corridorId: string, token: string, round: number): Promise<{ action: string; sent: number; answered: number }> {
  const action = round % 2 === 1 ? 'suspend' : 'resume';
  const sent = now();
  const answer = await fetch(`${origin}/api/v1/corridors/${corridorId}/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'Bench: shelling reported near the route' }),
  });
  if (answer.status !== 200) throw new Error(`${action}: ${answer.status} ${await answer.text()}`);
  return { action, sent, answered: now() - sent };
}

export interface Readers {
  /** Resolves once every reader's stream is open. */
  ready(): Promise<void>;
  /**
   * Starts listening for round `round`'s corridor event and resolves with each reader's arrival
   * time (0: never heard within 15 s), grouped per server port.
   */
  listen(round: number): Promise<{ arrived: Promise<Map<number, number[]>> }>;
  stop(): void;
}

/** `counts[i]` readers on `ports[i]`, split over `perPort` processes each. */
export function startReaders(ports: number[], counts: number[], perPort: number): Readers {
  let errors = 0;
  const children: { child: ChildProcess; port: number }[] = [];
  ports.forEach((port, p) => {
    for (let i = 0; i < perPort; i += 1) {
      const child = fork(new URL('./public-sse-clients.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
      const count = Math.floor(counts[p]! / perPort) + (i < counts[p]! % perPort ? 1 : 0);
      child.send({ type: 'start', start: { port, count, localAddress: `127.0.0.${10 + children.length}` } });
      children.push({ child, port });
    }
  });
  const next = (type: 'ready' | 'arrivals'): Promise<Message[]> =>
    Promise.all(
      children.map(
        ({ child }) =>
          new Promise<Message>((resolve) => {
            const on = (message: Message): void => {
              if (message.type === 'error') {
                if (errors++ < 5) console.error(message.message);
                return;
              }
              if (message.type !== type) return;
              child.off('message', on);
              resolve(message);
            };
            child.on('message', on);
          }),
      ),
    );
  return {
    async ready() {
      await next('ready');
    },
    async listen(round) {
      for (const { child } of children) child.send({ type: 'listen', round });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const messages = next('arrivals');
      const timeout = setTimeout(() => children.forEach(({ child }) => child.send({ type: 'flush' })), 15_000);
      const arrived = messages.then((all) => {
        clearTimeout(timeout);
        const byPort = new Map<number, number[]>();
        all.forEach((m, i) => {
          const port = children[i]!.port;
          byPort.set(port, [...(byPort.get(port) ?? []), ...(m.type === 'arrivals' ? m.arrivals : [])]);
        });
        return byPort;
      });
      return { arrived };
    },
    stop() {
      for (const { child } of children) child.send({ type: 'stop' });
    },
  };
}
