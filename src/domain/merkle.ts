/**
 * The RFC 6962 / RFC 9162 Merkle tree over the audit log: leaf = SHA-256(0x00 ‖ data),
 * node = SHA-256(0x01 ‖ left ‖ right), the tree of n leaves split at the largest power of two
 * below n. Proofs follow RFC 9162 §2.1.3 (inclusion, PATH) and §2.1.4 (consistency, PROOF).
 *
 * Pure and without node: imports, hashing through WebCrypto by default, so the console, the
 * static `/verify` page and the server run the same code. The hash function can be injected
 * (the server passes node's, which is faster for building a large tree); the algorithm is one.
 */

export type Hash = Uint8Array;
export type Sha256 = (data: Uint8Array) => Promise<Uint8Array>;

// `new Uint8Array(data)`: WebCrypto's types take only views of a plain ArrayBuffer.
export const webCryptoSha256: Sha256 = async (data) => new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(data)));

/** SHA-256 of no bytes: the root of the empty tree. */
export const EMPTY_ROOT_HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

// ── bytes ────────────────────────────────────────────────────────────────────

export function hexToBytes(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error('not an even-length hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ── hashes ───────────────────────────────────────────────────────────────────

/** RFC 6962 leaf hash of arbitrary leaf data. */
export function leafHashOfData(data: Uint8Array, sha: Sha256 = webCryptoSha256): Promise<Hash> {
  return sha(concat(Uint8Array.of(0), data));
}

/** The leaf of one audit event: its 32-byte chain hash (given as hex) is the leaf data. */
export function leafHash(eventHashHex: string, sha: Sha256 = webCryptoSha256): Promise<Hash> {
  return leafHashOfData(hexToBytes(eventHashHex), sha);
}

export function nodeHash(left: Hash, right: Hash, sha: Sha256 = webCryptoSha256): Promise<Hash> {
  return sha(concat(Uint8Array.of(1), left, right));
}

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The hash of the subtree over leaves [start, end), for the ranges RFC 6962's recursion makes.
 * A proof asks for each sibling through this; the store behind it decides how fast it is.
 */
export type SubtreeHash = (start: number, end: number) => Promise<Hash>;

/** A SubtreeHash over leaf hashes in memory, memoised (a proof asks for nested right-edge ranges). */
export function subtreeOfLeaves(leafHashes: readonly Hash[], sha: Sha256 = webCryptoSha256): SubtreeHash {
  const memo = new Map<string, Promise<Hash>>();
  const mth = (start: number, end: number): Promise<Hash> => {
    if (end - start === 1) return Promise.resolve(leafHashes[start]!);
    const key = `${start}:${end}`;
    let found = memo.get(key);
    if (!found) {
      const k = splitPoint(end - start);
      found = Promise.all([mth(start, start + k), mth(start + k, end)]).then(([l, r]) => nodeHash(l, r, sha));
      memo.set(key, found);
    }
    return found;
  };
  return mth;
}

/** The Merkle tree hash of the given leaf hashes (SHA-256 of nothing for none). */
export async function rootFromLeaves(leafHashes: readonly Hash[], sha: Sha256 = webCryptoSha256): Promise<Hash> {
  if (leafHashes.length === 0) return sha(new Uint8Array());
  return subtreeOfLeaves(leafHashes, sha)(0, leafHashes.length);
}

// ── proofs: generation ───────────────────────────────────────────────────────

function checkSize(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer`);
}

/** RFC 9162 §2.1.3.1 PATH(index, D[size]): the sibling hashes from the leaf up to the root. */
export async function inclusionPathFrom(index: number, size: number, subtree: SubtreeHash): Promise<Hash[]> {
  checkSize('size', size);
  checkSize('index', index);
  if (index >= size) throw new RangeError('index must be below the tree size');
  // Walk down from the root, remembering each sibling; the proof lists them bottom-up.
  let start = 0;
  let end = size;
  const siblings: Promise<Hash>[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      siblings.push(subtree(start + k, end));
      end = start + k;
    } else {
      siblings.push(subtree(start, start + k));
      start += k;
    }
  }
  return (await Promise.all(siblings)).reverse();
}

/** RFC 9162 §2.1.4.1 PROOF(size1, D[size2]). Empty when size1 is 0 or equals size2. */
export async function consistencyPathFrom(size1: number, size2: number, subtree: SubtreeHash): Promise<Hash[]> {
  checkSize('size1', size1);
  checkSize('size2', size2);
  if (size1 > size2) throw new RangeError('size1 must not exceed size2');
  if (size1 === 0 || size1 === size2) return [];
  const parts: Promise<Hash>[] = [];
  let m = size1;
  let start = 0;
  let end = size2;
  let whole = true; // SUBPROOF's b: is this subtree the old tree itself (its hash the verifier knows)?
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      parts.push(subtree(start + k, end));
      end = start + k;
    } else {
      parts.push(subtree(start, start + k));
      start += k;
      m -= k;
      whole = false;
    }
  }
  if (!whole) parts.push(subtree(start, end));
  return (await Promise.all(parts)).reverse();
}

/** Inclusion proof of leaf `index` in the tree of the first `size` leaf hashes (all of them by default). */
export function inclusionProof(index: number, leafHashes: readonly Hash[], size = leafHashes.length, sha: Sha256 = webCryptoSha256): Promise<Hash[]> {
  if (size > leafHashes.length) throw new RangeError('size exceeds the leaves given');
  return inclusionPathFrom(index, size, subtreeOfLeaves(leafHashes, sha));
}

/** Consistency proof from the tree of the first `size1` leaf hashes to that of the first `size2`. */
export function consistencyProof(size1: number, leafHashes: readonly Hash[], size2 = leafHashes.length, sha: Sha256 = webCryptoSha256): Promise<Hash[]> {
  if (size2 > leafHashes.length) throw new RangeError('size2 exceeds the leaves given');
  return consistencyPathFrom(size1, size2, subtreeOfLeaves(leafHashes, sha));
}

// ── proofs: verification ─────────────────────────────────────────────────────

const isHash = (h: Uint8Array): boolean => h.length === 32;

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or null when the proof is malformed for that index and size. */
export async function rootFromInclusion(leaf: Hash, index: number, size: number, proof: readonly Hash[], sha: Sha256 = webCryptoSha256): Promise<Hash | null> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  if (!isHash(leaf) || !proof.every(isHash)) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r, sha);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p, sha);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** RFC 9162 §2.1.3.2: does `proof` show leaf `leaf` at `index` in the tree of `size` with `root`? */
export async function verifyInclusion(leaf: Hash, index: number, size: number, proof: readonly Hash[], root: Hash, sha: Sha256 = webCryptoSha256): Promise<boolean> {
  const computed = await rootFromInclusion(leaf, index, size, proof, sha);
  return computed !== null && bytesEqual(computed, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `size1` with `root1` is a prefix of the
 * tree of `size2` with `root2`? Equal sizes need equal roots and an empty proof; any tree extends
 * the empty one (size1 = 0, empty proof).
 */
export async function verifyConsistency(size1: number, size2: number, proof: readonly Hash[], root1: Hash, root2: Hash, sha: Sha256 = webCryptoSha256): Promise<boolean> {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0 || !proof.every(isHash)) return false;
  const path = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr, sha);
      sr = await nodeHash(c, sr, sha);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = await nodeHash(sr, c, sha);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
