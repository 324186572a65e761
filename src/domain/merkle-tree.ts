import {
  consistencyPathFrom,
  inclusionPathFrom,
  nodeHash,
  splitPoint,
  webCryptoSha256,
  type Hash,
  type Sha256,
} from './merkle.ts';

/** One level of complete subtree hashes, 32 bytes each, in one growing buffer (no object per node). */
class Level {
  private bytes = new Uint8Array(32 * 1024);
  count = 0;

  push(hash: Hash): void {
    if ((this.count + 1) * 32 > this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    this.bytes.set(hash, this.count * 32);
    this.count += 1;
  }

  get(i: number): Hash {
    return this.bytes.slice(i * 32, i * 32 + 32);
  }
}

/**
 * An append-only Merkle tree that keeps the hash of every complete (power-of-two, aligned)
 * subtree: level L holds the hashes of leaves [i·2^L, (i+1)·2^L). Appending costs one leaf and,
 * on average, one node hash; any subtree RFC 6962 asks for is either one stored hash or a chain of
 * at most log2(n) of them along the right edge, so a proof at 100,000 leaves costs a few dozen
 * hashes at most. Right-edge hashes are remembered: the tree only grows, so they never change.
 */
export class CompactMerkleTree {
  private readonly levels: Level[] = [new Level()];
  private readonly edge = new Map<string, Promise<Hash>>();

  constructor(private readonly sha: Sha256 = webCryptoSha256) {}

  get size(): number {
    return this.levels[0]!.count;
  }

  /** Appends a leaf hash; the hashes of the subtrees it completes are computed now. */
  async append(leaf: Hash): Promise<void> {
    if (leaf.length !== 32) throw new RangeError('a leaf hash is 32 bytes');
    this.levels[0]!.push(leaf);
    let index = this.size - 1;
    let level = 0;
    let right = leaf;
    // While the node just completed is a right child, its parent is complete too.
    while (index % 2 === 1) {
      const left = this.levels[level]!.get(index - 1);
      right = await nodeHash(left, right, this.sha);
      level += 1;
      index = (index - 1) / 2;
      (this.levels[level] ??= new Level()).push(right);
    }
  }

  /** The hash of leaves [start, end) (end ≤ size), for the ranges RFC 6962's recursion produces. */
  readonly subtree = (start: number, end: number): Promise<Hash> => {
    if (end > this.size || start < 0 || end <= start) return Promise.reject(new RangeError(`no subtree [${start}, ${end}) in a tree of ${this.size}`));
    const n = end - start;
    if ((n & (n - 1)) === 0 && start % n === 0) {
      const level = Math.log2(n);
      return Promise.resolve(this.levels[level]!.get(start / n));
    }
    const key = `${start}:${end}`;
    let found = this.edge.get(key);
    if (!found) {
      const k = splitPoint(n);
      found = Promise.all([this.subtree(start, start + k), this.subtree(start + k, end)]).then(([l, r]) => nodeHash(l, r, this.sha));
      // Enough for every right edge a busy log is asked about; past that, start again.
      if (this.edge.size > 50_000) this.edge.clear();
      this.edge.set(key, found);
    }
    return found;
  };

  /** The root of the tree of the first `size` leaves (the whole tree by default). */
  root(size = this.size): Promise<Hash> {
    if (size === 0) return this.sha(new Uint8Array());
    return this.subtree(0, size);
  }

  inclusionProof(index: number, size = this.size): Promise<Hash[]> {
    if (size > this.size) return Promise.reject(new RangeError('size exceeds the tree'));
    return inclusionPathFrom(index, size, this.subtree);
  }

  consistencyProof(size1: number, size2 = this.size): Promise<Hash[]> {
    if (size2 > this.size) return Promise.reject(new RangeError('size2 exceeds the tree'));
    return consistencyPathFrom(size1, size2, this.subtree);
  }

  leaf(index: number): Hash {
    if (index < 0 || index >= this.size) throw new RangeError('no such leaf');
    return this.levels[0]!.get(index);
  }
}
