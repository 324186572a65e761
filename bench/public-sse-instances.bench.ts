/**
 * The public event stream at a national crowd, spread over several instances on one PostgreSQL:
 * `npx tsx bench/public-sse-instances.bench.ts [--instances 3] [--subscribers 50000] [--rounds 3]`
 * (PostgreSQL: TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; a database of its own
 * is made and dropped).
 *
 * For when one process may not hold every subscriber: each instance (bench/public-sse-instance.ts)
 * and each reader process holds its share of the descriptors. A coordinator suspends (then
 * resumes) the open corridor through the first instance; the others learn of it through
 * PostgreSQL, as they do in production. The delay is from just before that request to each
 * subscriber's receipt, over all instances and per instance; memory is each instance's RSS growth
 * divided by its subscribers.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { descriptorLimit, raiseToHardLimit } from './descriptor-limit.ts';
import { changeCorridorStatus, delaysSince, now, pct, startReaders } from './sse-readers.ts';

raiseToHardLimit();

const { values } = parseArgs({
  options: { instances: { type: 'string', default: '3' }, subscribers: { type: 'string', default: '50000' }, rounds: { type: 'string', default: '3' }, readers: { type: 'string', default: '2' } },
});
const instances = Number(values.instances);
const total = Number(values.subscribers);
const rounds = Number(values.rounds);
const readersPerInstance = Number(values.readers);
const counts = Array.from({ length: instances }, (_, i) => Math.floor(total / instances) + (i < total % instances ? 1 : 0));
const limit = descriptorLimit();
if (counts[0]! + 200 > limit) {
  console.error(`${counts[0]} subscribers per instance need more than a process's ${limit} descriptors (ulimit -n): add instances`);
  process.exit(2);
}

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
const { createTestDatabase } = await import('../test/helpers/databases.ts');
const { DEMO_PASSWORD } = await import('../src/demo/demo.service.ts');
const database = await createTestDatabase('postgres');
const serverKey = randomBytes(32).toString('base64');

interface Measured {
  subscribers: number;
  dropped: number;
  rssBefore: number;
  rss: number;
  writtenAt: number;
}
const reply = <T>(child: ChildProcess, type: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const on = (message: { type: string; message?: string }): void => {
      if (message.type === 'error') reject(new Error(message.message));
      if (message.type !== type) return;
      child.off('message', on);
      resolve(message as T);
    };
    child.on('message', on);
  });
const startInstance = async (demo: boolean): Promise<{ child: ChildProcess; port: number }> => {
  const child = fork(new URL('./public-sse-instance.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  child.send({ type: 'start', start: { databaseUrl: database.url, serverKey, demo } });
  const { port } = await reply<{ port: number }>(child, 'listening');
  return { child, port };
};
const measure = (): Promise<Measured[]> =>
  Promise.all(
    servers.map(({ child }) => {
      const measured = reply<Measured>(child, 'measured');
      child.send({ type: 'measure' });
      return measured;
    }),
  );

// The first makes the schema and loads the demo; the rest start on what it made.
const servers = [await startInstance(true)];
for (let i = 1; i < instances; i += 1) servers.push(await startInstance(false));
const origin = `http://127.0.0.1:${servers[0]!.port}`;

const login = await fetch(`${origin}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'coordinator@mediator.demo', password: DEMO_PASSWORD }) });
const { token } = (await login.json()) as { token: string };
const list = (await (await fetch(`${origin}/api/v1/public/corridors`)).json()) as { items: { id: string; status: string }[] };
const open = list.items.find((c) => c.status === 'open');
if (!open) throw new Error('the demo has no open corridor');

const readers = startReaders(
  servers.map((s) => s.port),
  counts,
  readersPerInstance,
);
const connectStart = now();
await readers.ready();
const opened = await measure();
const MiB = 2 ** 20;
console.log(
  `node ${process.version}, ${os.cpus().length} cores, descriptor limit ${limit} a process; ${opened.reduce((n, m) => n + m.subscribers, 0)} subscribers on ${instances} instances ` +
    `open in ${((now() - connectStart) / 1000).toFixed(1)} s (${instances * readersPerInstance} reader processes)`,
);
opened.forEach((m, i) =>
  console.log(
    `  instance ${i + 1}: ${m.subscribers} subscribers, RSS ${(m.rssBefore / MiB).toFixed(0)} → ${(m.rss / MiB).toFixed(0)} MiB: ${((m.rss - m.rssBefore) / m.subscribers / 1024).toFixed(1)} KiB per subscriber`,
  ),
);
const grown = opened.reduce((n, m) => n + m.rss - m.rssBefore, 0);
console.log(`  all: ${(grown / MiB).toFixed(0)} MiB for ${total} subscribers, ${(grown / total / 1024).toFixed(1)} KiB per subscriber`);

const ms = (n: number): string => `${n.toFixed(0)} ms`;
for (let round = 1; round <= rounds; round += 1) {
  const { arrived } = await readers.listen(round);
  const { action, sent, answered } = await changeCorridorStatus(origin, open.id, token, round);
  const byPort = await arrived;
  const after = await measure();
  const all = [...byPort.values()].flat();
  const delays = delaysSince(all, sent);
  console.log(
    `round ${round} (${action}): ${delays.length}/${all.length} received; API answered in ${ms(answered)}; first heard at ${ms(delays[0]!)}; ` +
      `delay p50 ${ms(pct(delays, 50))}, p95 ${ms(pct(delays, 95))}, p99 ${ms(pct(delays, 99))}, max ${ms(delays[delays.length - 1]!)}; dropped so far ${after.reduce((n, m) => n + m.dropped, 0)}`,
  );
  servers.forEach(({ port }, i) => {
    const own = delaysSince(byPort.get(port) ?? [], sent);
    console.log(`  instance ${i + 1}: first ${ms(own[0]!)}, p50 ${ms(pct(own, 50))}, p99 ${ms(pct(own, 99))}; written to every socket at ${ms(after[i]!.writtenAt - sent)}`);
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

readers.stop();
await Promise.all(servers.map(({ child }) => new Promise((resolve) => child.once('exit', resolve).send({ type: 'stop' }))));
await database.drop();
process.exit(0);
