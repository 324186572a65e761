/**
 * The transparency log at 100,000 events: appending them to the tree, then serving inclusion
 * proofs at that size, three ways:
 *   1. the pure CompactMerkleTree (src/domain/merkle-tree.ts), node's SHA-256;
 *   2. the service `inclusionProof(ctx, index, size)`: each call first catches the tree up from
 *      the database (one indexed query that finds nothing new), on a real SQLite file;
 *   3. `GET /api/v1/public/log/inclusion` through Fastify (app.server.inject, no socket).
 * Every proof of the measured runs is checked with merkle.ts's verifyInclusion afterwards.
 *
 *   npx tsx bench/tlog.bench.ts [--events 100000] [--proofs 5000] [--scheduler-ms 5000] [--json]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.ts';
import { chainNext, type AuditEvent } from '../src/domain/audit-chain.ts';
import { hexToBytes, leafHash, verifyInclusion } from '../src/domain/merkle.ts';
import { CompactMerkleTree } from '../src/domain/merkle-tree.ts';
import { loadConfig } from '../src/config.ts';
import { initMediator } from '../src/services/identity.service.ts';
import { caughtUpTree, forgetTree, inclusionProof, latestCheckpoint, nodeSha256 } from '../src/services/transparency-log.service.ts';
import { readAuditHead } from '../src/store/audit.repository.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    proofs: { type: 'string', default: '5000' },
    warmup: { type: 'string', default: '500' },
    // The app's scheduler shares the event loop with the requests; 0 turns it off, for analysis.
    'scheduler-ms': { type: 'string', default: '5000' },
    json: { type: 'boolean', default: false },
  },
});
const N = Number(args.events);
const PROOFS = Number(args.proofs);
const WARMUP = Number(args.warmup);
const log = (line: string): void => {
  if (!args.json) process.stderr.write(`${line}\n`);
};

function stats(ms: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

// A fixed sequence of indices: the same proofs each run.
let seed = 42;
const nextIndex = (size: number): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed % size;
};

async function timeProofs(label: string, size: number, prove: (index: number) => Promise<{ proof: Uint8Array[]; root: Uint8Array; leaf: Uint8Array }>) {
  for (let i = 0; i < WARMUP; i += 1) await prove(nextIndex(size));
  const times: number[] = [];
  const made: { index: number; proof: Uint8Array[]; root: Uint8Array; leaf: Uint8Array }[] = [];
  for (let i = 0; i < PROOFS; i += 1) {
    const index = nextIndex(size);
    const started = performance.now();
    const result = await prove(index);
    times.push(performance.now() - started);
    made.push({ index, ...result });
  }
  let bad = 0;
  for (const m of made) if (!(await verifyInclusion(m.leaf, m.index, size, m.proof, m.root))) bad += 1;
  const s = stats(times);
  log(`${label}: p50 ${s.p50.toFixed(3)} ms, p95 ${s.p95.toFixed(3)}, p99 ${s.p99.toFixed(3)}, max ${s.max.toFixed(3)} (${s.n} proofs, ${bad} failed verification)`);
  return { label, ...s, bad };
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = { events: N, node: process.version, cpus: os.cpus().length };

  // 1. The pure tree.
  const eventHashes: string[] = [];
  let previous: Pick<AuditEvent, 'seq' | 'hash'> | undefined;
  const events: AuditEvent[] = [];
  for (let i = 0; i < N; i += 1) {
    const event = chainNext(previous, { at: new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString(), actorUserId: null, actorOrgId: null, action: 'bench.event', subjectType: 'bench', subjectId: `b${i}`, payloadHash: '0'.repeat(64) });
    events.push(event);
    eventHashes.push(event.hash);
    previous = event;
  }
  // In a function of its own, so this tree is garbage before the server's part is timed.
  await (async () => {
    const tree = new CompactMerkleTree(nodeSha256);
    const started = performance.now();
    for (const h of eventHashes) await tree.append(await leafHash(h, nodeSha256));
    const appendMs = performance.now() - started;
    log(`append ${N} leaves to CompactMerkleTree: ${appendMs.toFixed(0)} ms (${((appendMs * 1000) / N).toFixed(2)} µs each)`);
    results.appendMs = appendMs;
    results.pure = await timeProofs(`pure tree, inclusion proof at size ${N}`, N, async (index) => ({
      proof: await tree.inclusionProof(index, N),
      root: await tree.root(N),
      leaf: tree.leaf(index),
    }));
  })();
  let started = performance.now();

  // 2 and 3. The server on a SQLite file holding N audit events.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-tlog-bench-'));
  const app = await createApp({ ...loadConfig({}), databaseUrl: `sqlite:${path.join(dir, 'bench.db')}`, serverKeyFile: path.join(dir, 'server.key'), logLevel: 'warn', schedulerIntervalMs: Number(args['scheduler-ms']), webhookPollMs: 0 }, { logger: false });
  try {
    await initMediator(app.ctx, { orgName: 'Bench Mediator', email: 'bench@mediator.test', password: 'bench-password-1' });
    // The events go in behind the mediator's own, chained on from its head, in big transactions.
    const head = await readAuditHead(app.ctx.db);
    let prev: Pick<AuditEvent, 'seq' | 'hash'> | undefined = head;
    const rows = events.map((e) => {
      const next = chainNext(prev, { at: e.at, actorUserId: null, actorOrgId: null, action: e.action, subjectType: e.subjectType, subjectId: e.subjectId, payloadHash: e.payloadHash });
      prev = next;
      return { seq: next.seq, at: next.at, actor_user_id: null, actor_org_id: null, action: next.action, subject_type: next.subjectType, subject_id: next.subjectId, payload_hash: next.payloadHash, prev_hash: next.prevHash, hash: next.hash };
    });
    started = performance.now();
    await app.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('audit_events').values(rows.slice(i, i + 500)).execute();
      await trx.updateTable('audit_head').set({ seq: prev!.seq, hash: prev!.hash }).where('id', '=', 1).execute();
    });
    log(`inserted ${N} audit events in ${(performance.now() - started).toFixed(0)} ms`);
    // Only the database holds them now: the heap the requests run in is the server's own.
    events.length = 0;
    eventHashes.length = 0;
    rows.length = 0;
    const size = prev!.seq;

    forgetTree(app.ctx.db);
    started = performance.now();
    await caughtUpTree(app.ctx);
    const catchUpMs = performance.now() - started;
    log(`cold start: the tree of ${size} events built from the database in ${catchUpMs.toFixed(0)} ms`);
    results.coldCatchUpMs = catchUpMs;
    started = performance.now();
    const checkpoint = await latestCheckpoint(app.ctx, { fresh: true });
    log(`signed checkpoint at size ${checkpoint?.size}: ${(performance.now() - started).toFixed(1)} ms`);

    results.service = await timeProofs(`service inclusionProof(ctx, index, ${size}) incl. catch-up query`, size, async (index) => {
      const p = await inclusionProof(app.ctx, index, size);
      return { proof: p.proof.map(hexToBytes), root: hexToBytes(p.rootHex), leaf: hexToBytes(p.leafHex) };
    });
    results.http = await timeProofs(`GET /api/v1/public/log/inclusion?size=${size} (inject)`, size, async (index) => {
      const response = await app.server.inject({ method: 'GET', url: `/api/v1/public/log/inclusion?index=${index}&size=${size}` });
      const p = response.json() as { proof: string[]; rootHex: string; leafHex: string };
      return { proof: p.proof.map(hexToBytes), root: hexToBytes(p.rootHex), leaf: hexToBytes(p.leafHex) };
    });
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (args.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();
