/**
 * GET /api/v1/public/corridors from the public snapshot against nginx serving the same bytes as a
 * static file, side by side: `npx tsx bench/public-list.bench.ts [--rounds 3] [--seconds 10]`.
 * Needs /usr/sbin/nginx and /usr/bin/wrk. Our server is this one Node process; nginx gets one worker.
 * Ours answers these from the wire front (src/http/wire-front.ts). A third column is a bare `node:http` server in this process answering the same bytes and
 * headers from one ready buffer: the ceiling of anything built on node:http's request cycle.
 * Another port is nginx as a shared cache in front of our server: the bench counts what reaches us.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/demo.service.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '10' } } });
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const LIST = '/api/v1/public/corridors';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-public-bench-'));
const METRICS = 'public-list-bench';
const config = { ...loadConfig({}), metricsToken: METRICS, databaseUrl: `sqlite:${path.join(dir, 'demo.db')}`, serverKeyFile: path.join(dir, 'server.key'), logLevel: 'warn' };
const app = await createApp(config);
await seedDemo(app.ctx);
await app.live.idle();
await app.publicSnapshot.fresh();
const origin = await app.server.listen({ port: 0, host: '127.0.0.1' });
const originPort = Number(new URL(origin).port);

// wrk sends no Accept-Encoding: both answer identity bytes.
const identity = { headers: { 'accept-encoding': 'identity' } };
const first = await fetch(`${origin}${LIST}`, identity);
const body = Buffer.from(await first.arrayBuffer());
// nginx sends the same security and caching headers, so both answers weigh about the same.
const OWN = new Set(['content-type', 'content-length', 'etag', 'last-modified', 'date', 'connection', 'keep-alive', 'content-encoding', 'x-request-id']);
const addHeaders = [...first.headers]
  .filter(([name]) => !OWN.has(name))
  .map(([name, value]) => `    add_header ${name} '${value.replace(/'/g, "\\'")}';`)
  .join('\n');
const root = path.join(dir, 'www');
fs.mkdirSync(path.join(root, 'api/v1/public'), { recursive: true });
fs.writeFileSync(path.join(root, 'api/v1/public/corridors'), body);
const nginxPort = originPort + 1;
const cachePort = originPort + 2;
// The cache in front is docs/nginx-public-cache.conf as operators get it: only the origin, the
// port and the cache directory are replaced.
const cacheConf = fs
  .readFileSync(new URL('../docs/nginx-public-cache.conf', import.meta.url), 'utf8')
  .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${originPort};`)
  .replace('listen 80;', `listen 127.0.0.1:${cachePort};`)
  .replace('/var/cache/nginx/safe-passage', path.join(dir, 'cache'));
fs.writeFileSync(path.join(dir, 'safe-passage.conf'), cacheConf);
fs.writeFileSync(
  path.join(dir, 'nginx.conf'),
  `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server {
    listen 127.0.0.1:${nginxPort};
    root ${root};
    default_type application/json;
${addHeaders}
  }
  include ${dir}/safe-passage.conf;
}
`,
);
fs.mkdirSync(path.join(dir, 'tmp'));
fs.mkdirSync(path.join(dir, 'cache'));
// nginx's workers run as nobody: they must read the file and write the cache.
for (const d of [dir, root, path.join(root, 'api'), path.join(root, 'api/v1'), path.join(root, 'api/v1/public')]) fs.chmodSync(d, 0o755);
fs.chmodSync(path.join(root, 'api/v1/public/corridors'), 0o644);
for (const d of ['tmp', 'cache']) fs.chmodSync(path.join(dir, d), 0o777);
execFileSync('/usr/sbin/nginx', ['-t', '-q', '-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'inherit' });
const nginx = spawn('/usr/sbin/nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'inherit' });
process.on('exit', () => nginx.kill('SIGTERM'));
await new Promise((resolve) => setTimeout(resolve, 500));
const check = Buffer.from(await (await fetch(`http://127.0.0.1:${nginxPort}${LIST}`, identity)).arrayBuffer());
if (!check.equals(body)) throw new Error('nginx does not serve the same bytes');
const headerBytes = async (url: string): Promise<number> => {
  const res = await fetch(url, identity);
  await res.arrayBuffer();
  return [...res.headers].reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
};
// The same status line, headers and body ours sends, written from ready values on every request.
const bareHeaders: http.OutgoingHttpHeaders = {};
for (const [name, value] of first.headers) if (name !== 'date' && name !== 'connection' && name !== 'keep-alive') bareHeaders[name] = value;
bareHeaders['content-length'] = body.length;
const bare = http.createServer((req, res) => {
  res.writeHead(200, bareHeaders);
  res.end(req.method === 'HEAD' ? undefined : body);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}${LIST}`;
console.log(`header bytes: ours ${await headerBytes(`${origin}${LIST}`)}, nginx ${await headerBytes(`http://127.0.0.1:${nginxPort}${LIST}`)}`);

function wrk(url: string, duration = seconds): Promise<number> {
  // wrk blocks; run it as a child so this process (the server) keeps serving.
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/wrk', ['-t1', '-c50', `-d${duration}s`, url]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const match = /Requests\/sec:\s+([\d.]+)/.exec(out);
      if (!match) reject(new Error(out));
      else resolve(Number(match[1]));
    });
  });
}

// Counted by the server's own metrics, whichever front (the wire front, the hot path or Fastify) answered.
const originCount = async (): Promise<number> => {
  const text = await (await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS}` } })).text();
  let n = 0;
  for (const line of text.split('\n')) if (line.startsWith('safe_passage_http_requests_total{') && line.includes(`route="${LIST}"`)) n += Number(line.split(' ').pop());
  return n;
};

console.log(`body ${body.length} bytes, ${JSON.parse(body.toString()).items.length} corridors; node ${process.version}, ${os.cpus().length} cores`);
// One short unmeasured run each first: the JIT warms up, nginx's file is in the page cache.
await wrk(`${origin}${LIST}`, 3);
await wrk(`http://127.0.0.1:${nginxPort}${LIST}`, 3);
await wrk(bareUrl, 3);
type Which = 'ours' | 'nginx' | 'bare';
const urlOf: Record<Which, string> = { ours: `${origin}${LIST}`, nginx: `http://127.0.0.1:${nginxPort}${LIST}`, bare: bareUrl };
const orders: Which[][] = [
  ['ours', 'nginx', 'bare'],
  ['nginx', 'bare', 'ours'],
  ['bare', 'ours', 'nginx'],
];
const rows: Record<Which | 'round', number>[] = [];
for (let round = 1; round <= rounds; round += 1) {
  // Alternate which goes first, so a noisy neighbour spreads over both.
  const results: Record<Which | 'round', number> = { round, ours: 0, nginx: 0, bare: 0 };
  for (const which of orders[(round - 1) % orders.length]!) results[which] = await wrk(urlOf[which]);
  rows.push(results);
  console.log(
    `round ${round}: ours ${results.ours.toFixed(0)} req/s, nginx ${results.nginx.toFixed(0)} req/s, bare node:http ${results.bare.toFixed(0)} req/s; ` +
      `ratio ours ${(results.ours / results.nginx).toFixed(2)}, bare node:http ${(results.bare / results.nginx).toFixed(2)}`,
  );
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const med = (which: Which): number => median(rows.map((r) => r[which]));
console.log(
  `median: ours ${med('ours').toFixed(0)}, nginx ${med('nginx').toFixed(0)}, bare node:http ${med('bare').toFixed(0)}; ratio of medians ours ${(med('ours') / med('nginx')).toFixed(2)}, ` +
    `bare node:http ${(med('bare') / med('nginx')).toFixed(2)}; ratios ours ${rows.map((r) => (r.ours / r.nginx).toFixed(2)).join(', ')}; bare ${rows.map((r) => (r.bare / r.nginx).toFixed(2)).join(', ')}`,
);

const before = await originCount();
const started = Date.now();
const probe = await fetch(`http://127.0.0.1:${cachePort}${LIST}`, identity);
const probed = Buffer.from(await probe.arrayBuffer());
console.log(`through the cache: ${probe.status}, X-Cache-Status ${probe.headers.get('x-cache-status')}, ${probed.length} bytes, cache-control ${probe.headers.get('cache-control')}`);
// Longer than the list's max-age, so the cache has to revalidate at least once.
const cached = await wrk(`http://127.0.0.1:${cachePort}${LIST}`, Math.max(seconds, 20));
const reached = (await originCount()) - before;
const elapsed = (Date.now() - started) / 1000;
console.log(`nginx cache in front: ${cached.toFixed(0)} req/s served, ${reached} requests reached the origin in ${elapsed.toFixed(1)} s (${(reached / elapsed).toFixed(2)}/s)`);

nginx.kill('SIGTERM');
bare.close();
await app.close();
fs.rmSync(dir, { recursive: true, force: true });
execFileSync('true');
process.exit(0);
