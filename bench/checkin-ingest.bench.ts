/**
 * Check-in ingest: the real server on a fresh database takes `POST /api/v1/movements/:id/checkins`
 * from autocannon (loopback, bounded duration), spread over the movements underway and their field
 * officers. Only 201s count as ingested. Afterwards the server process is killed (SIGKILL, no
 * clean shutdown) and the database is opened again: every 201 must be a stored row, and the audit
 * chain must verify.
 *
 *   npx tsx bench/checkin-ingest.bench.ts [--db sqlite|postgres] [--seconds 10] [--connections 50]
 *        [--movements 50] [--users 5] [--warmup 5] [--idempotency] [--json] [--cpu-prof DIR] (the server's measured seconds)
 *        [--scheduler-ms N]   (the overdue watch's interval; default the app's, 0 = off, for analysis)
 *        [--pin auto|off]     (auto: server on the last CPU, autocannon on the first, with taskset)
 *        [--anchor-seconds 3] (raw durable SQLite commits/s measured before and after the load)
 *
 * One autocannon run of warm-up + measured seconds; only responses that arrive in the measured
 * seconds count for the rates and latencies (the warm-up also covers the server accepting the
 * connections, which a busy event loop does slowly).
 * The server runs in a child process (its own event loop and core), autocannon in this one.
 * PostgreSQL: TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; a database of its
 * own is created and dropped.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { createTestDatabase, type TestDatabase } from '../test/helpers/databases.ts';
import { createApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { startWindowProfile } from './window-profile.ts';
import type { DialectName } from '../src/store/database.ts';
import { checkinBody, percentile, seedUnderway, verifyStored } from './underway.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    movements: { type: 'string', default: '50' },
    users: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '5' },
    idempotency: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'scheduler-ms': { type: 'string' },
    pin: { type: 'string', default: 'auto' },
    'anchor-seconds': { type: 'string', default: '3' },
    serve: { type: 'string' },
  },
});

/** Issue 14, "Durable writes at scale": check-ins/s through the API, every one durable and audited. */
const TARGET: Record<DialectName, number> = { sqlite: 3000, postgres: 2000 };

interface Seeded {
  port: number;
  movements: { id: string; token: string }[];
  seedMs: number;
}

type ToServer = { type: 'measure' } | { type: 'stop' };
type FromServer = { type: 'ready'; seeded: Seeded } | { type: 'stopped'; server: ServerStats } | { type: 'failed'; error: string };

interface ServerStats {
  /** Share of the load window the server's event loop was busy (1 = saturated). */
  eventLoopUtilization: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Time for the live hub to work through the refreshes the check-ins queued. */
  liveBacklogMs: number;
  rssMb: number;
  eventLoopDelayMs: { p99: number; max: number };
  connectionsAcceptedWithinMs: number;
}

// ── The server (child process) ──────────────────────────────────────────────

async function serve(databaseUrl: string): Promise<void> {
  const send = (message: FromServer) => process.send?.(message);
  try {
    const config: Config = { ...loadConfig({}), databaseUrl, logLevel: 'warn', serverKey: randomBytes(32).toString('base64') };
    if (args['scheduler-ms'] !== undefined) config.schedulerIntervalMs = Number(args['scheduler-ms']);
    const app = await createApp(config);
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const accepted: number[] = [];
    app.server.server.on('connection', () => accepted.push(performance.now()));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const started = performance.now();
    const movements = await seedUnderway(app.ctx, { users: Number(args.users), movements: Number(args.movements) });
    send({ type: 'ready', seeded: { port: address.port, movements, seedMs: performance.now() - started } });
    let elu = performance.eventLoopUtilization();
    let cpu = process.cpuUsage();
    let profile: Awaited<ReturnType<typeof startWindowProfile>> | undefined;
    process.on('message', (message: ToServer) => {
      if (message.type === 'measure') {
        if (args['cpu-prof']) void startWindowProfile().then((started) => (profile = started));
        elu = performance.eventLoopUtilization();
        cpu = process.cpuUsage();
        delay.enable();
        return;
      }
      if (message.type !== 'stop') return;
      const used = performance.eventLoopUtilization(elu);
      const cpuUsed = process.cpuUsage(cpu);
      const drainStart = performance.now();
      const profiled = profile ? profile.stop(args['cpu-prof']!, `checkin-ingest-${app.ctx.dialect}`) : Promise.resolve(undefined);
      void Promise.all([app.live.idle(), profiled]).then(([, file]) => {
        if (file) process.stderr.write(`server: CPU profile of the measured seconds in ${file}\n`);
        send({
          type: 'stopped',
          server: {
            eventLoopUtilization: used.utilization,
            cpuUserMs: cpuUsed.user / 1000,
            cpuSystemMs: cpuUsed.system / 1000,
            liveBacklogMs: performance.now() - drainStart,
            rssMb: process.memoryUsage().rss / 2 ** 20,
            eventLoopDelayMs: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
            // When the load's connections were accepted, from the first: a saturated loop accepts slowly.
            connectionsAcceptedWithinMs: accepted.length > 0 ? accepted[accepted.length - 1]! - accepted[0]! : 0,
          },
        });
        // No clean shutdown: the parent kills this process, as a power cut or OOM kill would.
      });
    });
  } catch (error) {
    send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  }
}

// ── The load (this process) ─────────────────────────────────────────────────

function startServer(databaseUrl: string): { child: ChildProcess; next: () => Promise<FromServer> } {
  const execArgv = [...process.execArgv];
  const childArgs = ['--serve', databaseUrl, '--users', String(args.users), '--movements', String(args.movements)];
  if (args['scheduler-ms'] !== undefined) childArgs.push('--scheduler-ms', args['scheduler-ms']);
  if (args['cpu-prof']) childArgs.push('--cpu-prof', args['cpu-prof']);
  const child = fork(fileURLToPath(import.meta.url), childArgs, {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  pin(child.pid, os.cpus().length - 1);
  pin(process.pid, 0);
  const inbox: FromServer[] = [];
  const waiting: ((m: FromServer) => void)[] = [];
  child.on('message', (m: FromServer) => {
    const waiter = waiting.shift();
    if (waiter) waiter(m);
    else inbox.push(m);
  });
  const next = () =>
    new Promise<FromServer>((resolve, reject) => {
      const queued = inbox.shift();
      if (queued) return resolve(queued);
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
  return { child, next };
}

/** One core each for the server and the load, so they do not take turns on both (less noise). */
function pin(pid: number | undefined, cpu: number): void {
  if (args.pin === 'off' || pid === undefined || os.cpus().length < 2) return;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
  } catch {
    // No taskset: run unpinned.
  }
}

interface Measured {
  autocannon: Result;
  /** Responses that arrived in the measured seconds. */
  window: { statuses: Record<string, number>; latenciesMs: number[]; seconds: number; perSecond: number[] };
  /** 201s over the whole run, warm-up included: what the database must hold. */
  created: number;
}

/** warm-up + measured seconds in one run; `onMeasure` is called when the measured seconds begin. */
async function drive(port: number, movements: Seeded['movements'], warmup: number, seconds: number, connections: number, onMeasure: () => void): Promise<Measured> {
  let k = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: warmup + seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const n = k++;
          const m = movements[n % movements.length]!;
          const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${m.token}` };
          if (args.idempotency) headers['idempotency-key'] = randomUUID();
          return { ...request, path: `/api/v1/movements/${m.id}/checkins`, headers, body: checkinBody(n) };
        },
      },
    ],
  });
  const started = performance.now();
  let measuring = false;
  const timer = setTimeout(() => {
    measuring = true;
    windowStart = performance.now();
    onMeasure();
  }, warmup * 1000);
  const statuses: Record<string, number> = {};
  const latenciesMs: number[] = [];
  let created = 0;
  let windowStart = Infinity;
  const perSecond: number[] = [];
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    if (statusCode === 201) created++;
    const now = performance.now();
    const second = Math.floor((now - started) / 1000);
    perSecond[second] = (perSecond[second] ?? 0) + 1;
    if (!measuring) return;
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    // Latency of requests sent in the measured seconds only: one queued on a connection the server
    // had not yet accepted would count the warm-up's accept backlog.
    if (now - responseTimeMs >= windowStart) latenciesMs.push(responseTimeMs);
  });
  const result = await instance;
  clearTimeout(timer);
  const measuredSeconds = Math.max(0.001, (performance.now() - started) / 1000 - warmup);
  return { autocannon: result, window: { statuses, latenciesMs, seconds: Math.min(measuredSeconds, seconds), perSecond: perSecond.map((n) => n ?? 0) }, created };
}

/**
 * The anchor: raw durable single-row commits per second on this disk right now (WAL,
 * synchronous=FULL, as the app sets; one prepared insert of a 300-byte row per transaction, no
 * server, no HTTP), for `seconds` on one core. Measured just before and just after the load in the
 * same run, so the ingest rate can be read as a share of what the disk and SQLite allow.
 */
function commitAnchor(seconds: number): { perSecond: number; medianMicros: number; p99Micros: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-passage-fsync-'));
  const db = new SqliteDatabase(path.join(dir, 'probe.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table t (id integer primary key, v text)');
    const insert = db.prepare('insert into t (v) values (?)');
    const begin = db.prepare('begin');
    const commit = db.prepare('commit');
    const micros: number[] = [];
    const started = performance.now();
    const until = started + seconds * 1000;
    for (let now = started; now < until; ) {
      begin.run();
      insert.run('x'.repeat(300));
      commit.run();
      const end = performance.now();
      micros.push((end - now) * 1000);
      now = end;
    }
    const elapsed = (performance.now() - started) / 1000;
    const perSecond = micros.length / elapsed;
    micros.sort((a, b) => a - b);
    return { perSecond, medianMicros: percentile(micros, 0.5), p99Micros: percentile(micros, 0.99) };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dialect = args.db as DialectName;
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error('--db sqlite|postgres');
  if (dialect === 'postgres') process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  const seconds = Number(args.seconds);
  const connections = Number(args.connections);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let database: TestDatabase | undefined;
  let server: ReturnType<typeof startServer> | undefined;
  try {
    const anchorBefore = commitAnchor(Number(args['anchor-seconds']));
    database = await createTestDatabase(dialect);
    server = startServer(database.url);
    const ready = await server.next();
    if (ready.type !== 'ready') throw new Error(ready.type === 'failed' ? ready.error : 'unexpected message');
    const { port, movements, seedMs } = ready.seeded;
    log(`${dialect}: ${movements.length} movements underway (seeded in ${(seedMs / 1000).toFixed(1)} s); ${args.warmup} s warm-up + ${seconds} s measured, ${connections} connections${args.idempotency ? ', with Idempotency-Key' : ''}`);
    const child = server.child;
    const run = await drive(port, movements, Number(args.warmup), seconds, connections, () => child.send({ type: 'measure' } satisfies ToServer));
    child.send({ type: 'stop' } satisfies ToServer);
    const stopped = await server.next();
    if (stopped.type !== 'stopped') throw new Error('unexpected message');
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));

    const anchorAfter = commitAnchor(Number(args['anchor-seconds']));
    const anchorPerSecond = (anchorBefore.perSecond + anchorAfter.perSecond) / 2;
    const check = await verifyStored(database.url);
    const w = run.window;
    const sorted = [...w.latenciesMs].sort((a, b) => a - b);
    const inWindow = (code: number) => w.statuses[String(code)] ?? 0;
    const answered = Object.values(w.statuses).reduce((a, b) => a + b, 0);
    const result = {
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString() },
      setup: { db: dialect, seconds, connections, movements: movements.length, users: Number(args.users), warmupSeconds: Number(args.warmup), idempotencyKey: args.idempotency, schedulerMs: args['scheduler-ms'] ?? 'default', pinned: args.pin !== 'off' && os.cpus().length >= 2 },
      load: {
        ingestedPerSecond: inWindow(201) / w.seconds,
        responsesPerSecond: answered / w.seconds,
        latencyMs: { mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length), p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0 },
        responses: w.statuses,
        responsesPerSecondIncludingWarmup: w.perSecond,
        created: inWindow(201),
        non2xx: answered - Object.entries(w.statuses).filter(([code]) => code.startsWith('2')).reduce((a, [, n]) => a + n, 0),
        errors: run.autocannon.errors,
        timeouts: run.autocannon.timeouts,
      },
      server: stopped.server,
      // The same loop before and after the load; the ratio is check-ins/s over their mean.
      anchor: { before: anchorBefore, after: anchorAfter, perSecond: anchorPerSecond, ratio: inWindow(201) / w.seconds / anchorPerSecond },
      durability: {
        acknowledged: run.created,
        rowsAfterKill: check.rows,
        auditCheckinEvents: check.auditCheckins,
        // In flight when autocannon stopped: committed, but the 201 was never read (≤ connections).
        unacknowledgedCommits: check.rows - run.created,
        nothingAcknowledgedLost: check.rows >= run.created && check.auditCheckins === check.rows,
        auditChain: check.audit,
        sqliteIntegrity: check.integrity,
      },
      target: { checkinsPerSecond: TARGET[dialect], met: inWindow(201) / w.seconds >= TARGET[dialect] },
    };
    const acknowledged = run.created;
    if (args.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const f = (x: number, digits = 1) => x.toFixed(digits);
      const l = result.load;
      process.stdout.write(
        [
          `| db | conn | s | check-ins/s (201) | responses/s | p50 ms | p99 ms | max ms | 201 | non-2xx | errors | loop busy | live backlog | rows ≥ 201s | audit |`,
          `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|`,
          `| ${dialect}${args.idempotency ? ' + Idempotency-Key' : ''} | ${connections} | ${seconds} | **${f(l.ingestedPerSecond, 0)}** | ${f(l.responsesPerSecond, 0)} | ${f(l.latencyMs.p50)} | ${f(l.latencyMs.p99)} | ${f(l.latencyMs.max)} | ${l.created} | ${l.non2xx} | ${l.errors + l.timeouts} | ${f(result.server.eventLoopUtilization * 100, 0)} % | ${f(result.server.liveBacklogMs / 1000)} s | ${result.durability.nothingAcknowledgedLost ? 'yes' : 'NO'}: ${check.rows} rows, ${acknowledged} acknowledged (+${result.durability.unacknowledgedCommits} in flight) | ${check.audit.ok ? `intact (${check.audit.count})` : `BROKEN: ${check.audit.reason}`} |`,
          '',
          `Measured ${f(w.seconds)} s, responses ${JSON.stringify(l.responses)}; server CPU user ${f(result.server.cpuUserMs / 1000)} s, system ${f(result.server.cpuSystemMs / 1000)} s in them (${f(((result.server.cpuUserMs + result.server.cpuSystemMs) * 1000) / Math.max(1, answered), 0)} µs per answer); RSS ${f(result.server.rssMb, 0)} MB; SQLite integrity: ${check.integrity}.`,
          `Anchor, raw durable single-row SQLite commits on this disk: ${f(anchorBefore.perSecond, 0)}/s before the load (median ${f(anchorBefore.medianMicros, 0)} µs, p99 ${f(anchorBefore.p99Micros, 0)} µs), ${f(anchorAfter.perSecond, 0)}/s after (median ${f(anchorAfter.medianMicros, 0)} µs); check-ins/s are ${f(result.anchor.ratio * 100, 1)} % of their mean (${f(anchorPerSecond, 0)}/s).`,
          `Responses per second, warm-up included: ${w.perSecond.join(' ')}; event-loop delay p99 ${f(result.server.eventLoopDelayMs.p99)} ms, max ${f(result.server.eventLoopDelayMs.max)} ms; the ${connections} connections were accepted within ${f(result.server.connectionsAcceptedWithinMs / 1000)} s.`,
          `Target ≥ ${TARGET[dialect].toLocaleString('en')} check-ins/s: ${result.target.met ? 'met' : 'MISSED'}.`,
        ].join('\n') + '\n',
      );
    }
  } finally {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await database?.drop();
  }
}

if (args.serve) await serve(args.serve);
else await main();
