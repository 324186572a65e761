import { createHash, createPrivateKey, sign } from 'node:crypto';
import type { Kysely } from 'kysely';
import { formatCheckpoint, formatSignedNote, signNote, verifierKey } from '../domain/checkpoint.ts';
import { DomainError } from '../domain/errors.ts';
import { bytesToHex, leafHash, type Sha256 } from '../domain/merkle.ts';
import { CompactMerkleTree } from '../domain/merkle-tree.ts';
import { rawFromSpki } from '../domain/signature.ts';
import {
  findCheckpointRow,
  insertCheckpoint,
  latestCheckpointRow,
  latestCosignedCheckpointRow,
  listCosignatures,
  readAuditHashesAfter,
  type CheckpointRow,
} from '../store/checkpoints.repository.ts';
import type { Schema } from '../store/schema.ts';
import type { ServiceContext } from './context.ts';
import { mediatorSigningKey } from './feeds.service.ts';

/**
 * The server side of the transparency log (docs/transparency-log.md): the RFC 6962 tree over the
 * audit events, the signed checkpoints, and proofs. Leaf i is the audit event with seq i + 1.
 *
 * Each process keeps one CompactMerkleTree per database in memory and, before every answer,
 * appends the events committed since (by any instance): the log is append-only, so catching up
 * is reading the rows after the tree's size. Checkpoints are stored, one per size.
 */

export interface CosignatureView {
  /** The witness's key name, as in its cosignature line. */
  name: string;
  /** Hex of the 4-byte cosignature/v1 key id. */
  keyId: string;
  /** base64 of the witness's raw 32-byte Ed25519 public key. */
  publicKey: string;
  /** The party whose approved key it is; null for a WITNESS_KEYS key. */
  orgId: string | null;
  /** When the witness cosigned: Unix seconds (the cosignature's own time) and ISO. */
  timestamp: number;
  cosignedAt: string;
  /** The cosignature line (C2SP tlog-cosignature), without "\n". */
  line: string;
}

export interface CheckpointView {
  origin: string;
  size: number;
  /** Hex of the 32-byte root hash (the body carries it as base64). */
  rootHex: string;
  /** The C2SP checkpoint body: origin, size, base64 root, each line ending in "\n". */
  body: string;
  /** The log's signature line, without "\n". */
  signature: string;
  /** The signed note: body, blank line, the log's signature line, then each stored cosignature line. */
  note: string;
  cosignatures: CosignatureView[];
  /** When the server signed it, ISO. */
  createdAt: string;
}

export interface InclusionProofView {
  index: number;
  size: number;
  /** Hex leaf hash: SHA-256(0x00 ‖ event hash). */
  leafHex: string;
  rootHex: string;
  /** RFC 9162 PATH, hex, from the leaf up. */
  proof: string[];
}

export interface ConsistencyProofView {
  from: number;
  to: number;
  fromRootHex: string;
  toRootHex: string;
  /** RFC 9162 PROOF, hex. */
  proof: string[];
}

/** Node's SHA-256: the same algorithm as WebCrypto's, without a promise hop per hash. */
export const nodeSha256: Sha256 = (data) => Promise.resolve(new Uint8Array(createHash('sha256').update(data).digest()));

/** The leaf index of an audit event. */
export const leafIndexOfSeq = (seq: number): number => seq - 1;

interface TreeState {
  tree: CompactMerkleTree;
  /** Catch-ups run one after another, so two requests never append the same events twice. */
  queue: Promise<unknown>;
}

const trees = new WeakMap<Kysely<Schema>, TreeState>();
const PAGE = 5000;

/** The process's tree of this database, extended with every event committed since the last call. */
export async function caughtUpTree(ctx: Pick<ServiceContext, 'db'>): Promise<CompactMerkleTree> {
  let state = trees.get(ctx.db);
  if (!state) {
    state = { tree: new CompactMerkleTree(nodeSha256), queue: Promise.resolve() };
    trees.set(ctx.db, state);
  }
  const { tree } = state;
  const run = state.queue.then(async () => {
    for (;;) {
      const rows = await readAuditHashesAfter(ctx.db, tree.size, PAGE);
      for (const row of rows) {
        // Appends commit in seq order (one writer, or PostgreSQL's advisory lock), so a gap means
        // a row was removed behind the system's back: refuse to build a tree over it.
        if (row.seq !== tree.size + 1) throw new Error(`audit event ${tree.size + 1} is missing: the log cannot be extended`);
        await tree.append(await leafHash(row.hash, nodeSha256));
      }
      if (rows.length < PAGE) return tree;
    }
  });
  state.queue = run.catch(() => undefined);
  return run;
}

/** Forgets this process's tree (after a restore, or a test that rewrites the audit table). */
export function forgetTree(db: Kysely<Schema>): void {
  trees.delete(db);
}

interface LogKey {
  rawPublicKey: Uint8Array;
  sign: (message: Uint8Array) => Promise<Uint8Array>;
}

async function logKey(ctx: ServiceContext): Promise<LogKey | null> {
  const key = await mediatorSigningKey(ctx);
  if (!key) return null;
  const spki = Buffer.from(key.publicKey, 'base64');
  const rawPublicKey = new Uint8Array(spki.length === 32 ? spki : rawFromSpki(spki));
  const privateKey = createPrivateKey({ key: key.privateKey, format: 'der', type: 'pkcs8' });
  return { rawPublicKey, sign: (message) => Promise.resolve(new Uint8Array(sign(null, message, privateKey))) };
}

/** The log's signed-note verifier key (`<origin>+<key id>+<base64>`), what a witness pins; null before a mediator exists. */
export async function logVerifierKey(ctx: ServiceContext): Promise<string | null> {
  const key = await logKey(ctx);
  return key ? verifierKey(ctx.config.logOrigin, key.rawPublicKey) : null;
}

const listeners = new WeakMap<Kysely<Schema>, Set<(size: number) => void>>();

/** Calls `listener` after this process signs a checkpoint (the public snapshot re-renders the Atom feed); returns the unsubscribe. */
export function onNewCheckpoint(db: Kysely<Schema>, listener: (size: number) => void): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

async function signCheckpoint(ctx: ServiceContext, tree: CompactMerkleTree, size: number): Promise<CheckpointRow | undefined> {
  const key = await logKey(ctx);
  if (!key) return undefined;
  const root = await tree.root(size);
  const body = formatCheckpoint({ origin: ctx.config.logOrigin, size, rootHash: root, extensions: [] });
  const signature = await signNote(body, ctx.config.logOrigin, key.rawPublicKey, key.sign);
  await insertCheckpoint(ctx.db, { size, root_hash: bytesToHex(root), body, signature, created_at: ctx.now().toISOString() });
  for (const listener of listeners.get(ctx.db) ?? []) listener(size);
  return findCheckpointRow(ctx.db, size);
}

async function present(ctx: ServiceContext, row: CheckpointRow): Promise<CheckpointView> {
  const cosignatures = (await listCosignatures(ctx.db, row.size)).map((c) => ({
    name: c.name,
    keyId: c.key_id,
    publicKey: c.public_key,
    orgId: c.org_id,
    timestamp: Math.floor(Date.parse(c.cosigned_at) / 1000),
    cosignedAt: c.cosigned_at,
    line: c.line,
  }));
  return {
    origin: row.body.slice(0, row.body.indexOf('\n')),
    size: row.size,
    rootHex: row.root_hash,
    body: row.body,
    signature: row.signature,
    note: formatSignedNote(row.body, [row.signature, ...cosignatures.map((c) => c.line)]),
    cosignatures,
    createdAt: row.created_at,
  };
}

/**
 * The latest signed checkpoint, with its cosignatures. Cadence: when the tree has grown past the
 * latest stored checkpoint and that one is at least CHECKPOINT_INTERVAL_MS old (or there is none),
 * a new one is signed and stored now; in between, the latest stored one is answered, so a burst of
 * changes gets one checkpoint and witnesses polling meanwhile cosign the same one. `fresh` skips
 * the wait (the evidence bundle, which must cover its newest events). Null only before a mediator
 * organisation (the log's key) exists.
 */
export async function latestCheckpoint(ctx: ServiceContext, options: { fresh?: boolean } = {}): Promise<CheckpointView | null> {
  const tree = await caughtUpTree(ctx);
  let row = await latestCheckpointRow(ctx.db);
  // A clock set back (a restored host, a test's moved clock) counts as time passed, not as a wait.
  const age = row ? ctx.now().getTime() - Date.parse(row.created_at) : 0;
  const stale = !row || (tree.size > row.size && (options.fresh || age >= ctx.config.checkpointIntervalMs || age < 0));
  if (stale) row = (await signCheckpoint(ctx, tree, tree.size)) ?? row;
  return row ? present(ctx, row) : null;
}

/** The stored checkpoint of exactly this size, or null when the log never signed one. */
export async function checkpointAt(ctx: ServiceContext, size: number): Promise<CheckpointView | null> {
  const row = await findCheckpointRow(ctx.db, size);
  return row ? present(ctx, row) : null;
}

/** The newest stored checkpoint that a witness cosigned, or null. */
export async function latestCosignedCheckpoint(ctx: ServiceContext): Promise<CheckpointView | null> {
  const row = await latestCosignedCheckpointRow(ctx.db);
  return row ? present(ctx, row) : null;
}

const invalid = (code: string, param: string, message: string) => new DomainError('invalid', code, message, [{ path: `/${param}`, message }]);
const rule = (code: string, param: string, message: string) => new DomainError('rule', code, message, [{ path: `/${param}`, message }]);

function checkCount(value: number, param: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw invalid('LOG_PARAMETER_INVALID', param, `${param} must be a non-negative whole number.`);
}

function checkWithinTree(value: number, param: string, treeSize: number): void {
  if (value > treeSize) throw rule('LOG_SIZE_BEYOND_TREE', param, `${param} is beyond the tree, which has ${treeSize} leaves.`);
}

/** Inclusion proof of leaf `index` (audit event seq index + 1) in the tree of `size` leaves. */
export async function inclusionProof(ctx: ServiceContext, index: number, size: number): Promise<InclusionProofView> {
  checkCount(index, 'index');
  checkCount(size, 'size');
  if (index >= size) throw rule('LOG_INDEX_OUT_OF_RANGE', 'index', 'index must be below size.');
  const tree = await caughtUpTree(ctx);
  checkWithinTree(size, 'size', tree.size);
  const [proof, root] = await Promise.all([tree.inclusionProof(index, size), tree.root(size)]);
  return { index, size, leafHex: bytesToHex(tree.leaf(index)), rootHex: bytesToHex(root), proof: proof.map(bytesToHex) };
}

/** Consistency proof that the tree of `from` leaves is a prefix of the tree of `to` leaves. */
export async function consistencyProof(ctx: ServiceContext, from: number, to: number): Promise<ConsistencyProofView> {
  checkCount(from, 'from');
  checkCount(to, 'to');
  if (from > to) throw rule('LOG_RANGE_REVERSED', 'from', 'from must not exceed to.');
  const tree = await caughtUpTree(ctx);
  checkWithinTree(to, 'to', tree.size);
  const [proof, fromRoot, toRoot] = await Promise.all([tree.consistencyProof(from, to), tree.root(from), tree.root(to)]);
  return { from, to, fromRootHex: bytesToHex(fromRoot), toRootHex: bytesToHex(toRoot), proof: proof.map(bytesToHex) };
}
