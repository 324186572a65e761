/**
 * Public event stream at a crowd: `npx tsx bench/public-sse.bench.ts [--subscribers 10000] [--rounds 3]`.
 * This process is the server (one Node process, demo data, SQLite); the subscribers live in
 * separate processes (bench/public-sse-clients.ts), each from its own loopback address so 50,000
 * fit in the ephemeral port range. Each round a coordinator suspends (then resumes) the open
 * corridor through the API; the delay is from just before that request to each subscriber's
 * receipt of the event. 50,000 subscribers in this one process need a hard descriptor limit above
 * 50,000 (bench/descriptor-limit.ts); bench/public-sse-instances.bench.ts spreads them over several.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { descriptorLimit, raiseToHardLimit } from './descriptor-limit.ts';
import { changeCorridorStatus, delaysSince, now, pct, startReaders } from './sse-readers.ts';

raiseToHardLimit();

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '3' }, processes: { type: 'string', default: '4' } } });
const total = Number(values.subscribers);
const rounds = Number(values.rounds);
const processes = Number(values.processes);
const limit = descriptorLimit();
if (total + 200 > limit) {
  console.error(`${total} subscribers need more than this process's ${limit} descriptors (ulimit -n); raise the hard limit first`);
  process.exit(2);
}

const { createApp } = await import('../src/app.ts');
const { loadConfig } = await import('../src/config.ts');
const { seedDemo, DEMO_PASSWORD } = await import('../src/demo/demo.service.ts');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-sse-bench-'));
const config = { ...loadConfig({}), databaseUrl: `sqlite:${path.join(dir, 'demo.db')}`, serverKeyFile: path.join(dir, 'server.key'), logLevel: 'warn' };
const app = await createApp(config);
const logins = await seedDemo(app.ctx);
await app.live.idle();
await app.publicSnapshot.fresh();
const origin = await app.server.listen({ port: 0, host: '127.0.0.1' });
const port = Number(new URL(origin).port);

const coordinator = logins.find((l) => l.kind === 'mediator' && l.role === 'coordinator');
if (!coordinator) throw new Error('no demo coordinator');
const login = await fetch(`${origin}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: coordinator.email, password: DEMO_PASSWORD }) });
const { token } = (await login.json()) as { token: string };
const list = (await (await fetch(`${origin}/api/v1/public/corridors`)).json()) as { items: { id: string; status: string }[] };
const open = list.items.find((c) => c.status === 'open');
if (!open) throw new Error('the demo has no open corridor');

const rssBefore = process.memoryUsage().rss;
const readers = startReaders([port], [total], processes);

const connectStart = now();
await readers.ready();
const subscribers = app.publicStream.subscribers;
const rssAfter = process.memoryUsage().rss;
console.log(
  `node ${process.version}, ${os.cpus().length} cores; ${subscribers} subscribers open in ${((now() - connectStart) / 1000).toFixed(1)} s (${processes} client processes); ` +
    `server RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB: ${((rssAfter - rssBefore) / subscribers / 1024).toFixed(1)} KiB per subscriber`,
);

// Subscribed after the public stream, so this runs once the stream has written the event to every socket.
let writtenAt = 0;
app.live.subscribePublic(() => {
  writtenAt = now();
});

for (let round = 1; round <= rounds; round += 1) {
  const { arrived } = await readers.listen(round);
  const { action, sent, answered } = await changeCorridorStatus(origin, open.id, token, round);
  const all = [...(await arrived).values()].flat();
  const delays = delaysSince(all, sent);
  console.log(
    `round ${round} (${action}): ${delays.length}/${all.length} received; API answered in ${answered.toFixed(0)} ms; written to every socket at ${(writtenAt - sent).toFixed(0)} ms; first heard at ${delays[0]!.toFixed(0)} ms; delay p50 ${pct(delays, 50).toFixed(0)} ms, ` +
      `p95 ${pct(delays, 95).toFixed(0)} ms, p99 ${pct(delays, 99).toFixed(0)} ms, max ${delays[delays.length - 1]!.toFixed(0)} ms; dropped so far ${app.publicStream.dropped}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

readers.stop();
await app.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
