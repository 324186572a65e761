import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { openSse } from '../helpers/sse.ts';

const NGINX = '/usr/sbin/nginx';
const LIMITS = { LOGIN_ATTEMPTS_PER_MINUTE: '3', TRACING_REQUESTS_PER_MINUTE: '3' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/** docs/nginx-instances.conf as an operator gets it, pointed at the two instances. */
function nginxConfig(dir: string, listen: number, upstreams: number[]): string {
  const site = fs
    .readFileSync(new URL('../../docs/nginx-instances.conf', import.meta.url), 'utf8')
    .replace(/ {4}server 127\.0\.0\.1:8081;\n {4}server 127\.0\.0\.1:8082;\n/, upstreams.map((p) => `    server 127.0.0.1:${p};\n`).join(''))
    .replace('listen 80;', `listen 127.0.0.1:${listen};`);
  if (!site.includes(`127.0.0.1:${upstreams[1]}`)) throw new Error('docs/nginx-instances.conf changed shape');
  return `worker_processes 1;\ndaemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n  client_body_temp_path ${dir};\n  proxy_temp_path ${dir};\n${site}\n}\n`;
}

// Two real `safe-passage serve` processes on one PostgreSQL database, behind nginx as operators
// run them (docs/operations.md, "Several instances").
describe.runIf(DIALECTS.includes('postgres'))('two instances on one PostgreSQL behind nginx', () => {
  let database: TestDatabase;
  let first: ServerProcess;
  let second: ServerProcess;
  let nginx: ChildProcess;
  let front: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-passage-nginx-'));

  beforeAll(async () => {
    if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install nginx-light`);
    database = await createTestDatabase('postgres');
    const env = { DATABASE_URL: database.url, SERVER_KEY: Buffer.alloc(32, 7).toString('base64'), TRUST_PROXY: 'true', ...LIMITS };
    // The first loads the demo; the second starts on the database the first made.
    first = await startServerProcess(['--demo'], env);
    second = await startServerProcess([], env);
    const listen = await freePort();
    fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, listen, [first.port, second.port]));
    execFileSync(NGINX, ['-t', '-q', '-c', path.join(dir, 'nginx.conf'), '-p', dir]);
    nginx = spawn(NGINX, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
    front = `http://127.0.0.1:${listen}`;
    for (let i = 0; i < 100; i += 1) {
      if (await fetch(`${front}/api/health`).then((r) => r.ok, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 120_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await Promise.all([first?.stop(), second?.stop()]);
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const login = async (base: string, email: string, password = DEMO_PASSWORD) =>
    fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

  it('spreads requests over both instances', async () => {
    const upstreams = new Set<string>();
    for (let i = 0; i < 6; i += 1) upstreams.add((await fetch(`${front}/api/health`)).headers.get('x-upstream') ?? '');
    expect([...upstreams].sort()).toEqual([`127.0.0.1:${first.port}`, `127.0.0.1:${second.port}`].sort());
  });

  it('streams and serves on one instance a suspension made on the other', async () => {
    const token = ((await (await login(first.url, 'coordinator@mediator.demo')).json()) as { token: string }).token;
    const list = async (base: string) => ((await (await fetch(`${base}/api/v1/public/corridors`)).json()) as { items: { id: string; status: string }[] }).items;
    const open = (await list(second.url)).find((c) => c.status === 'open');
    expect(open, 'the demo has a corridor open now').toBeDefined();
    const stream = await openSse(`${second.url}/api/v1/public/stream`);
    try {
      const answer = await fetch(`${first.url}/api/v1/corridors/${open!.id}/suspend`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'Shelling reported near the gathering point' }),
      });
      expect(answer.status).toBe(200);
      const event = await stream.waitFor((e) => e.event === 'corridor' && (e.data as { id?: string }).id === open!.id && (e.data as { status?: string }).status === 'suspended', 10_000);
      expect(event.data).toMatchObject({ id: open!.id, status: 'suspended' });
      await expect.poll(async () => (await list(second.url)).find((c) => c.id === open!.id)?.status, { timeout: 10_000 }).toBe('suspended');
      // The staff view on the other instance reads the same row.
      const seen = await fetch(`${second.url}/api/v1/corridors/${open!.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await seen.json()) as { status: string }).status).toBe('suspended');
    } finally {
      stream.close();
    }
  });

  it('shares the sign-in limit: attempts alternating between the instances through nginx are counted together', async () => {
    const statuses: number[] = [];
    const upstreams = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      const answer = await login(front, 'liaison@ua.demo', 'guessing-wrong-1');
      statuses.push(answer.status);
      upstreams.add(answer.headers.get('x-upstream') ?? '');
    }
    expect(upstreams.size).toBe(2);
    // Three a minute per account, however many instances answer.
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('shares the public tracing limit per address across the instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const answer = await fetch(`${front}/api/v1/public/tracing`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Petrenko Ivan ${'abcde'[i]}`, birthDate: '1950' }),
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
