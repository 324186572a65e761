/**
 * Mixed load (issue 14): public reads, check-ins, registrations and a crowd on the public event
 * stream, all at once, against the real server on a fresh database. During the measured seconds
 * the mediator's coordinator suspends and resumes the open corridor through the API a few times;
 * each time the bench counts the subscribers that received the `corridor` event and the delay from
 * just before the request. Afterwards the server is killed (SIGKILL) and the database opened again:
 * every 201 check-in and registration must be stored and audited, and the audit chain must verify.
 *
 *   npx tsx bench/mixed-load.bench.ts [--db sqlite|postgres] [--seconds 60] [--warmup 5] [--sse 1000]
 *        [--reads 20] [--checkins 20] [--registrations 5]   (autocannon connections per load)
 *        [--control-every 15] [--movements 50] [--users 5]
 *
 * The server runs in a child process (its own event loop), autocannon and the subscribers (raw
 * sockets) in this one. PostgreSQL: TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test;
 * a database of its own is created and dropped. Exit status 1 unless "errors: 0".
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Request } from 'autocannon';
import { createTestDatabase, type TestDatabase } from '../test/helpers/databases.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ensureOrg, ensureUser, login } from '../src/services/identity.service.ts';
import type { DialectName } from '../src/store/database.ts';
import { openSubscribers } from './mixed-load-sse.ts';
import { BENCH_PASSWORD, checkinBody, percentile, seedUnderway, verifyStored } from './underway.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
    sse: { type: 'string', default: '1000' },
    reads: { type: 'string', default: '20' },
    checkins: { type: 'string', default: '20' },
    registrations: { type: 'string', default: '5' },
    'control-every': { type: 'string', default: '15' },
    movements: { type: 'string', default: '50' },
    users: { type: 'string', default: '5' },
    serve: { type: 'string' },
  },
});

interface Seeded {
  port: number;
  movements: { id: string; token: string }[];
  registrarToken: string;
}
type FromServer = { type: 'ready'; seeded: Seeded } | { type: 'idle' } | { type: 'failed'; error: string };

// ── The server (child process) ──────────────────────────────────────────────

async function serve(databaseUrl: string): Promise<void> {
  const send = (message: FromServer) => process.send?.(message);
  try {
    const app = await createApp({ ...loadConfig({}), databaseUrl, logLevel: 'warn', serverKey: randomBytes(32).toString('base64') });
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const movements = await seedUnderway(app.ctx, { users: Number(args.users), movements: Number(args.movements) });
    // The seed's agency also registers people: a registrar of its own (person.register, own org).
    const agency = (await ensureOrg(app.ctx, { name: 'Bench Agency', kind: 'agency' })).row;
    const email = 'registrar@agency.bench';
    await ensureUser(app.ctx, agency, { email, name: 'registrar (bench)', password: BENCH_PASSWORD, role: 'registrar' });
    const registrarToken = (await login(app.ctx, { email, password: BENCH_PASSWORD })).token;
    await app.live.idle();
    send({ type: 'ready', seeded: { port: address.port, movements, registrarToken } });
    // Told to stop: let the live hub finish what the load queued, then wait for SIGKILL (no clean shutdown).
    process.on('message', () => void app.live.idle().then(() => send({ type: 'idle' })));
  } catch (error) {
    send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  }
}

// ── The load (this process) ─────────────────────────────────────────────────

function startServer(databaseUrl: string): { child: ChildProcess; next: () => Promise<FromServer> } {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', databaseUrl, '--users', String(args.users), '--movements', String(args.movements)], {
    execArgv: [...process.execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inbox: FromServer[] = [];
  const waiting: ((m: FromServer) => void)[] = [];
  child.on('message', (m: FromServer) => (waiting.shift() ?? ((queued: FromServer) => inbox.push(queued)))(m));
  const next = () =>
    new Promise<FromServer>((resolve, reject) => {
      const queued = inbox.shift();
      if (queued) return resolve(queued);
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
  return { child, next };
}

const GIVEN = ['Олена', 'Іван', 'Марія', 'Петро', 'Оксана', 'Андрій', 'Наталія', 'Сергій', 'Тетяна', 'Максим', 'Ірина', 'Василь', 'Юлія', 'Олександр', 'Галина', 'Дмитро', 'Світлана', 'Богдан', 'Людмила', 'Тарас', 'Ганна', 'Юрій', 'Софія', 'Роман'];
const FAMILY = ['Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Олійник', 'Шевчук', 'Поліщук', 'Бойко', 'Мельник', 'Лисенко', 'Руденко', 'Савченко', 'Петренко', 'Марченко', 'Мороз', 'Гончаренко', 'Клименко', 'Павленко', 'Левченко', 'Кузьменко', 'Нестеренко', 'Гриценко', 'Кушнір', 'Тимошенко', 'Федоренко', 'Романенко', 'Харченко', 'Данилюк', 'Литвиненко'];
/** The father's name as a patronymic: [his son's, his daughter's]. */
const PATRONYMIC = [
  ['Іванович', 'Іванівна'], ['Петрович', 'Петрівна'], ['Миколайович', 'Миколаївна'], ['Васильович', 'Василівна'], ['Андрійович', 'Андріївна'], ['Сергійович', 'Сергіївна'],
  ['Олександрович', 'Олександрівна'], ['Юрійович', 'Юріївна'], ['Богданович', 'Богданівна'], ['Романович', 'Романівна'], ['Дмитрович', 'Дмитрівна'], ['Тарасович', 'Тарасівна'],
  ['Степанович', 'Степанівна'], ['Григорович', 'Григорівна'], ['Михайлович', 'Михайлівна'], ['Павлович', 'Павлівна'],
] as const;
/** Registration n: a name not registered yet (24 × 16 × 30 combinations, then each again with another birth date), a plausible birth date. */
function registrationBody(n: number): string {
  const givenName = GIVEN[n % GIVEN.length]!;
  const female = /[ая]$/.test(givenName);
  const patronymic = PATRONYMIC[Math.floor(n / GIVEN.length) % PATRONYMIC.length]![female ? 1 : 0];
  const familyName = FAMILY[Math.floor(n / (GIVEN.length * PATRONYMIC.length)) % FAMILY.length]!;
  const cycle = Math.floor(n / (GIVEN.length * PATRONYMIC.length * FAMILY.length));
  const birthDate = `${1940 + ((n * 7 + cycle) % 80)}-${String(((n + cycle) % 12) + 1).padStart(2, '0')}-${String(((n + cycle) % 28) + 1).padStart(2, '0')}`;
  return JSON.stringify({ givenName, familyName, patronymic, birthDate, sex: female ? 'female' : 'male' });
}

interface RouteRun {
  route: string;
  /** Responses to requests sent in the measured seconds, and their latencies. */
  measured: number;
  latenciesMs: number[];
  /** Over the whole run, warm-up included. */
  non2xx: number;
  created: number;
  errors: number;
}

/** One autocannon load for warm-up + measured seconds; only requests sent in the measured seconds count for rates and latencies. */
async function load(route: string, port: number, connections: number, request: Request, windowStart: number, windowEnd: number): Promise<RouteRun> {
  const run: RouteRun = { route, measured: 0, latenciesMs: [], non2xx: 0, created: 0, errors: 0 };
  const instance = autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: (windowEnd - performance.now()) / 1000, timeout: 30, requests: [request] });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    if (statusCode === 201) run.created++;
    if (statusCode < 200 || statusCode >= 300) run.non2xx++;
    const sentAt = performance.now() - responseTimeMs;
    if (sentAt < windowStart || sentAt > windowEnd) return;
    run.measured++;
    run.latenciesMs.push(responseTimeMs);
  });
  const result = await instance;
  run.errors = result.errors + result.timeouts;
  return run;
}

async function main(): Promise<void> {
  const dialect = args.db as DialectName;
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error('--db sqlite|postgres');
  if (dialect === 'postgres') process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  const [seconds, warmup, sse, every] = [Number(args.seconds), Number(args.warmup), Number(args.sse), Math.min(Number(args['control-every']), Number(args.seconds) / 2)];
  const limit = Number(spawnSync('bash', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
  if (Number.isFinite(limit) && sse + 200 > limit) throw new Error(`${sse} subscribers need more than ${limit} descriptors (ulimit -n)`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let database: TestDatabase | undefined;
  let server: ReturnType<typeof startServer> | undefined;
  try {
    database = await createTestDatabase(dialect);
    server = startServer(database.url);
    const ready = await server.next();
    if (ready.type !== 'ready') throw new Error(ready.type === 'failed' ? ready.error : 'unexpected message');
    const { port, movements, registrarToken } = ready.seeded;
    const origin = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${origin}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'coordinator@mediator.bench', password: BENCH_PASSWORD }) });
    const { token: mediatorToken } = (await signIn.json()) as { token: string };
    const listed = (await (await fetch(`${origin}/api/v1/public/corridors`)).json()) as { items: { id: string; status: string }[] };
    const corridor = listed.items.find((c) => c.status === 'open');
    if (!corridor) throw new Error('the seed has no open corridor');

    const subscribers = await openSubscribers(port, sse);
    log(`${dialect}: ${movements.length} movements underway, ${sse} subscribers open; ${warmup} s warm-up + ${seconds} s measured; the corridor suspended/resumed every ${every} s`);

    const windowStart = performance.now() + warmup * 1000;
    const windowEnd = windowStart + seconds * 1000;
    const json = { 'content-type': 'application/json' };
    let checkin = 0;
    let registration = 0;
    const readConnections = Math.max(1, Math.round(Number(args.reads) / 2));
    const runs = Promise.all([
      load('GET /api/v1/public/corridors', port, readConnections, { method: 'GET', path: '/api/v1/public/corridors' }, windowStart, windowEnd),
      load('GET / (public page)', port, readConnections, { method: 'GET', path: '/', headers: { 'accept-language': 'uk' } }, windowStart, windowEnd),
      load('POST /api/v1/movements/:id/checkins', port, Number(args.checkins), {
        method: 'POST',
        setupRequest: (request) => {
          const n = checkin++;
          const m = movements[n % movements.length]!;
          return { ...request, path: `/api/v1/movements/${m.id}/checkins`, headers: { ...json, authorization: `Bearer ${m.token}` }, body: checkinBody(n) };
        },
      }, windowStart, windowEnd),
      load('POST /api/v1/people', port, Number(args.registrations), {
        method: 'POST',
        setupRequest: (request) => ({ ...request, path: '/api/v1/people', headers: { ...json, authorization: `Bearer ${registrarToken}` }, body: registrationBody(registration++) }),
      }, windowStart, windowEnd),
    ]);

    // The controls, in the measured seconds: suspend, resume, … one at a time, each waited for.
    const rounds: { action: string; status: number; received: number; delaysMs: number[] }[] = [];
    for (let k = 0, at = windowStart + (every * 1000) / 2; at < windowEnd - 1000; k++, at += every * 1000) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
      const action = k % 2 === 0 ? 'suspend' : 'resume';
      const heard = subscribers.listen(10_000);
      const sent = performance.now();
      const answer = await fetch(`${origin}/api/v1/corridors/${corridor.id}/${action}`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${mediatorToken}` },
        body: JSON.stringify({ reason: 'Bench: shelling reported near the route' }),
      });
      await answer.arrayBuffer();
      const arrivals = await heard;
      const delaysMs = arrivals.filter((t) => t > 0).map((t) => t - sent).sort((a, b) => a - b);
      rounds.push({ action, status: answer.status, received: delaysMs.length, delaysMs });
    }
    const routes = await runs;
    const lost = subscribers.lost();
    subscribers.close();

    server.child.send({ type: 'stop' });
    if ((await server.next()).type !== 'idle') throw new Error('unexpected message');
    server.child.kill('SIGKILL');
    await new Promise((resolve) => (server!.child.exitCode !== null || server!.child.signalCode !== null ? resolve(undefined) : server!.child.once('exit', resolve)));
    const check = await verifyStored(database.url);
    const checkins = routes[2]!.created;
    const registrations = routes[3]!.created;
    const stored = check.rows >= checkins && check.auditCheckins === check.rows && check.people >= registrations && check.auditRegistrations === check.people;

    const f = (x: number, digits = 1) => x.toFixed(digits);
    const lines = [
      `| route | requests | non-2xx | errors/timeouts | req/s | p50 ms | p99 ms |`,
      `|---|---:|---:|---:|---:|---:|---:|`,
      ...routes.map((r) => {
        const sorted = [...r.latenciesMs].sort((a, b) => a - b);
        return `| ${r.route} | ${r.measured} | ${r.non2xx} | ${r.errors} | ${f(r.measured / seconds, 0)} | ${f(percentile(sorted, 0.5))} | ${f(percentile(sorted, 0.99))} |`;
      }),
      '',
      `| SSE (GET /api/v1/public/stream) | events | received/subscribers | p50 delay ms | p99 delay ms |`,
      `|---|---:|---:|---:|---:|`,
      ...rounds.map((r, i) => `| ${i + 1}: POST /api/v1/corridors/:id/${r.action} → ${r.status} | 1 | ${r.received}/${sse} | ${f(percentile(r.delaysMs, 0.5), 0)} | ${f(percentile(r.delaysMs, 0.99), 0)} |`),
      '',
      `Measured ${seconds} s after ${warmup} s warm-up (non-2xx and errors over both). Stored after SIGKILL: ${check.rows} check-ins (${checkins} acknowledged, ${check.auditCheckins} audited), ${check.people} people (${registrations} acknowledged, ${check.auditRegistrations} audited): ${stored ? 'all' : 'NOT ALL'}; audit chain ${check.audit.ok ? `intact (${check.audit.count})` : `BROKEN: ${check.audit.reason}`}; SQLite integrity: ${check.integrity}; subscribers lost: ${lost}.`,
    ];
    const errors =
      routes.reduce((n, r) => n + r.non2xx + r.errors, 0) +
      rounds.reduce((n, r) => n + (r.status === 200 ? 0 : 1) + (sse - r.received), 0) +
      (rounds.length === 0 ? 1 : 0) +
      lost +
      (stored ? 0 : 1) +
      (check.audit.ok ? 0 : 1);
    process.stdout.write(`${lines.join('\n')}\nerrors: ${errors}\n`);
    process.exitCode = errors === 0 ? 0 : 1;
  } finally {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await database?.drop();
  }
}

if (args.serve) await serve(args.serve);
else await main();
