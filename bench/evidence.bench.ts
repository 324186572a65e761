/**
 * The evidence bundle of one corridor with about 1,000 audit events: both parties' signed
 * approvals, movements each acknowledged by both parties, incidents on the route each with both
 * parties' signed statements, and suspensions and resumptions. Made through the API on a real
 * SQLite file (keys enrolled and approved, statements signed here as a liaison's device would),
 * then timed:
 *   1. building: `corridorEvidence(ctx, actor, id)`, the service the route calls, plus the
 *      canonical JSON the route sends;
 *   2. verifying: `verifyEvidenceBundle(text, { logKey })`, the pure WebCrypto verifier the CLI
 *      and /verify run (every hash, signature, inclusion proof and the checkpoint).
 *
 *   npx tsx bench/evidence.bench.ts [--movements 200] [--incidents 100] [--controls 50] [--runs 20] [--out file] [--json]
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { InjectOptions } from 'fastify';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { canonicalJson } from '../src/domain/canonical-json.ts';
import type { EvidenceBundle } from '../src/domain/evidence/format.ts';
import { verifyEvidenceBundle } from '../src/domain/evidence/verify.ts';
import type { Actor } from '../src/domain/identity.ts';
import { corridorEvidence } from '../src/services/evidence.service.ts';
import { initMediator } from '../src/services/identity.service.ts';

const { values: args } = parseArgs({
  options: {
    movements: { type: 'string', default: '200' },
    incidents: { type: 'string', default: '100' },
    controls: { type: 'string', default: '50' },
    runs: { type: 'string', default: '20' },
    // Keeps the bundle's file, e.g. to profile the verifier on it alone.
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const log = (line: string): void => {
  if (!args.json) process.stderr.write(`${line}\n`);
};
const hoursFromNow = (h: number): string => new Date(Date.now() + h * 3_600_000).toISOString();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-evidence-bench-'));
const app = await createApp(
  { ...loadConfig({}), databaseUrl: `sqlite:${path.join(dir, 'bench.db')}`, serverKeyFile: path.join(dir, 'server.key'), logLevel: 'warn', schedulerIntervalMs: 0, webhookPollMs: 0, loginAttemptsPerMinute: 10_000 },
  { logger: false },
);
try {
  await initMediator(app.ctx, { orgName: 'Bench Mediator', email: 'bench@mediator.test', password: 'bench-password-1' });
  const call = async (token: string | null, options: InjectOptions, expected: number) => {
    const response = await app.server.inject({ ...options, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    if (response.statusCode !== expected) throw new Error(`${options.method} ${options.url}: ${response.statusCode} ${response.body}`);
    return response.json() as Record<string, unknown>;
  };
  const login = async (email: string, password: string) => (await call(null, { method: 'POST', url: '/api/v1/auth/login', payload: { email, password } }, 200)).token as string;
  const admin = await login('bench@mediator.test', 'bench-password-1');

  // Two parties, each with a liaison whose key its own admin approved.
  const liaisons: { token: string; keyId: string; key: KeyObject }[] = [];
  const parties: string[] = [];
  for (const side of ['ua', 'ru']) {
    const orgId = (await call(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: `Bench ${side}`, kind: 'party' } }, 201)).id as string;
    parties.push(orgId);
    for (const role of ['liaison', 'admin']) {
      await call(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email: `${role}@${side}.bench`, name: role, password: 'bench-password-1', role } }, 201);
    }
    const token = await login(`liaison@${side}.bench`, 'bench-password-1');
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64');
    const keyId = (await call(token, { method: 'POST', url: '/api/v1/keys', payload: { publicKey: raw, label: 'bench laptop' } }, 201)).id as string;
    await call(await login(`admin@${side}.bench`, 'bench-password-1'), { method: 'POST', url: `/api/v1/keys/${keyId}/approve` }, 200);
    liaisons.push({ token, keyId, key: privateKey });
  }
  const signed = async (l: (typeof liaisons)[number], statementUrl: string, post?: Record<string, unknown>) => {
    const signedAt = new Date().toISOString();
    const body = post
      ? await call(l.token, { method: 'POST', url: statementUrl, payload: { ...post, signedAt } }, 200)
      : await call(l.token, { method: 'GET', url: `${statementUrl}&signedAt=${encodeURIComponent(signedAt)}` }, 200);
    return { keyId: l.keyId, signedAt, signature: sign(null, Buffer.from(body.statement as string, 'utf8'), l.key).toString('base64') };
  };

  const route = { type: 'LineString', coordinates: [[34.7981, 50.9077], [33.2667, 50.3667], [32.9869, 50.0186], [34.5514, 49.5883]] };
  const corridorId = (
    await call(admin, {
      method: 'POST',
      url: '/api/v1/corridors',
      payload: {
        name: 'Sumy – Poltava (bench)', purpose: ['evacuation'], origin: { name: 'Sumy', lat: 50.9077, lon: 34.7981 }, destination: { name: 'Poltava', lat: 49.5883, lon: 34.5514 },
        route, bufferMeters: 2000, gatheringPoints: [{ name: 'Sumy State University', lat: 50.8926, lon: 34.8415, address: 'Rymskoho-Korsakova St 2' }], checkpoints: [],
        windows: [{ start: hoursFromNow(72), end: hoursFromNow(120) }], parties, allowedTraffic: ['bus'], eligibility: 'Everyone', maxVehicles: 1000, conditions: 'Buses marked with the Red Cross emblem.',
        publicText: Object.fromEntries(['uk', 'ru', 'en'].map((l) => [l, { title: 'Sumy → Poltava', eligibility: 'Everyone', conditions: 'Red Cross buses', whatToBring: 'Documents', gatheringPoints: [{ name: 'SSU', address: 'Rymskoho-Korsakova St 2' }] }])),
      },
    }, 201)
  ).id as string;
  await call(admin, { method: 'POST', url: `/api/v1/corridors/${corridorId}/propose` }, 200);
  for (const l of liaisons) await call(l.token, { method: 'POST', url: `/api/v1/corridors/${corridorId}/approvals`, payload: { version: 1, decision: 'approve', ...(await signed(l, `/api/v1/corridors/${corridorId}/versions/1/statement?decision=approve`)) } }, 201);

  // Movements are an agency's: its coordinator notifies them.
  const agency = (await call(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Bench agency', kind: 'agency' } }, 201)).id as string;
  await call(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId: agency, email: 'c@agency.bench', name: 'Coordinator', password: 'bench-password-1', role: 'coordinator' } }, 201);
  const coordinator = await login('c@agency.bench', 'bench-password-1');
  const t0 = performance.now();
  for (let i = 0; i < Number(args.movements); i += 1) {
    const id = (await call(coordinator, { method: 'POST', url: '/api/v1/movements', payload: { kind: 'evacuation', corridorId, departAt: hoursFromNow(73 + (i % 40)), arriveBy: hoursFromNow(79 + (i % 40)), vehicles: [{ type: 'bus', markings: 'Red Cross' }], personnel: 2, passengers: 40 } }, 201)).id as string;
    for (const l of liaisons) await call(l.token, { method: 'POST', url: `/api/v1/movements/${id}/acknowledgements`, payload: { decision: 'acknowledge', ...(await signed(l, `/api/v1/movements/${id}/statement?decision=acknowledge`)) } }, 201);
  }
  for (let i = 0; i < Number(args.incidents); i += 1) {
    const id = (await call(admin, { method: 'POST', url: '/api/v1/incidents', payload: { type: 'shelling', lat: 50.3667 + (i % 10) * 0.001, lon: 33.2667, occurredAt: hoursFromNow(-1), severity: 'high' } }, 201)).id as string;
    for (const [k, l] of liaisons.entries()) {
      const text = k === 0 ? `Обстріл біля Лохвиці, звіт ${i + 1}.` : `Обстрел у Лохвицы, сообщение ${i + 1}.`;
      await call(l.token, { method: 'POST', url: `/api/v1/incidents/${id}/statements`, payload: { text, ...(await signed(l, `/api/v1/incidents/${id}/statement`, { text })) } }, 201);
    }
  }
  for (let i = 0; i < Number(args.controls); i += 1) {
    await call(admin, { method: 'POST', url: `/api/v1/corridors/${corridorId}/suspend`, payload: { reason: `Shelling near Lokhvytsia (${i + 1})` } }, 200);
    await call(admin, { method: 'POST', url: `/api/v1/corridors/${corridorId}/resume`, payload: { reason: 'Both sides confirm the ceasefire' } }, 200);
  }
  log(`made the corridor's record through the API in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const me = await call(admin, { method: 'GET', url: '/api/v1/me' }, 200);
  const actor: Actor = { userId: me.id as string, orgId: me.orgId as string, orgKind: 'mediator', role: 'admin' };
  const logKey = (await app.server.inject({ method: 'GET', url: '/api/v1/public/log/key' })).body.trim();
  const stats = (ms: number[]) => {
    const s = [...ms].sort((a, b) => a - b);
    const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
    return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1]! };
  };

  const builds: number[] = [];
  const verifies: number[] = [];
  let text = '';
  for (let run = 0; run <= Number(args.runs); run += 1) {
    const b0 = performance.now();
    text = canonicalJson(await corridorEvidence(app.ctx, actor, corridorId));
    const b1 = performance.now();
    const report = await verifyEvidenceBundle(text, { logKey });
    const b2 = performance.now();
    if (!report.ok) throw new Error(`the bundle does not verify: ${report.failures.slice(0, 3).map((f) => f.message).join('; ')}`);
    if (run === 0) continue; // the first run warms the tree and the JIT
    builds.push(b1 - b0);
    verifies.push(b2 - b1);
  }
  const bundle = JSON.parse(text) as EvidenceBundle;
  if (args.out) fs.writeFileSync(args.out, `${text}`);
  if (args.out) fs.writeFileSync(`${args.out}.log-key`, logKey);
  const result = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, load: os.loadavg().map((l) => Number(l.toFixed(2))), node: process.version },
    bundle: { events: bundle.log.events.length, bytes: Buffer.byteLength(text), decisions: bundle.decisions.length, movements: bundle.movements.length, incidents: bundle.incidents.length, controls: bundle.controls.length },
    build: stats(builds),
    verify: stats(verifies),
  };
  if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    log(`machine: ${result.machine.cpus} cpus ${result.machine.model}, load ${result.machine.load.join(' ')}, node ${result.machine.node}`);
    log(`bundle: ${result.bundle.events} audit events, ${(result.bundle.bytes / 1024).toFixed(0)} KB; ${result.bundle.decisions} decisions, ${result.bundle.movements} movements, ${result.bundle.incidents} incidents, ${result.bundle.controls} controls`);
    for (const [label, s] of [['build (service + canonical JSON)', result.build], ['verify (WebCrypto verifier)', result.verify]] as const) {
      log(`${label.padEnd(34)} n=${s.n} p50=${s.p50.toFixed(1)} p99=${s.p99.toFixed(1)} max=${s.max.toFixed(1)} ms`);
    }
  }
} finally {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
