import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CompactMerkleTree } from '../../src/domain/merkle-tree.ts';
import {
  bytesToHex,
  consistencyProof,
  EMPTY_ROOT_HEX,
  hexToBytes,
  inclusionProof,
  leafHash,
  leafHashOfData,
  rootFromLeaves,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type Sha256,
} from '../../src/domain/merkle.ts';

// The reference vectors of Certificate Transparency's Merkle tree tests (RFC 6962): eight leaf
// inputs, the root of the tree of the first n of them, and known inclusion and consistency proofs.
const INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  { index: 0, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { index: 1, size: 5, proof: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];
const CONSISTENCY: { size1: number; size2: number; proof: string[] }[] = [
  { size1: 1, size2: 1, proof: [] },
  { size1: 1, size2: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { size1: 6, size2: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { size1: 2, size2: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { size1: 3, size2: 8, proof: ['0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7', '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7', 'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
];

const hex = (hs: Hash[]): string[] => hs.map(bytesToHex);
const nodeSha: Sha256 = (data) => Promise.resolve(new Uint8Array(createHash('sha256').update(data).digest()));
const leaves = (): Promise<Hash[]> => Promise.all(INPUTS.map((i) => leafHashOfData(hexToBytes(i))));

describe('the RFC 6962 Merkle tree', () => {
  it('has SHA-256 of nothing as the empty root', async () => {
    expect(bytesToHex(await rootFromLeaves([]))).toBe(EMPTY_ROOT_HEX);
    expect(bytesToHex(await new CompactMerkleTree().root())).toBe(EMPTY_ROOT_HEX);
  });

  it('gives the reference root for each size from 1 to 8, in memory and in the compact tree', async () => {
    const all = await leaves();
    const tree = new CompactMerkleTree(nodeSha);
    for (let n = 1; n <= 8; n += 1) {
      expect(bytesToHex(await rootFromLeaves(all.slice(0, n)))).toBe(ROOTS[n - 1]);
      await tree.append(all[n - 1]!);
      expect(bytesToHex(await tree.root())).toBe(ROOTS[n - 1]);
    }
  });

  it('makes a leaf of an audit event from its hash bytes with the 0x00 prefix', async () => {
    const eventHash = 'ab'.repeat(32);
    expect(bytesToHex(await leafHash(eventHash))).toBe(createHash('sha256').update(Buffer.from(`00${eventHash}`, 'hex')).digest('hex'));
  });

  it('produces and verifies the reference inclusion proofs, and rejects altered ones', async () => {
    const all = await leaves();
    const tree = new CompactMerkleTree();
    for (const l of all) await tree.append(l);
    for (const v of INCLUSION) {
      const root = hexToBytes(ROOTS[v.size - 1]!);
      const proof = await inclusionProof(v.index, all, v.size);
      expect(hex(proof)).toEqual(v.proof);
      expect(hex(await tree.inclusionProof(v.index, v.size))).toEqual(v.proof);
      const leaf = all[v.index]!;
      expect(await verifyInclusion(leaf, v.index, v.size, proof, root)).toBe(true);
      expect(await verifyInclusion(leaf, v.index + 1, v.size, proof, root)).toBe(false);
      expect(await verifyInclusion(leaf, v.index, v.size * 2, proof, root)).toBe(false);
      expect(await verifyInclusion(all[(v.index + 1) % 8]!, v.index, v.size, proof, root)).toBe(false);
      expect(await verifyInclusion(leaf, v.index, v.size, [...proof, root], root)).toBe(false);
      if (proof.length > 0) {
        expect(await verifyInclusion(leaf, v.index, v.size, proof.slice(0, -1), root)).toBe(false);
        const bent = proof.map((p) => p.slice());
        bent[0]![0]! ^= 1;
        expect(await verifyInclusion(leaf, v.index, v.size, bent, root)).toBe(false);
      }
    }
    expect(await verifyInclusion(all[0]!, 0, 0, [], hexToBytes(EMPTY_ROOT_HEX))).toBe(false);
  });

  it('produces and verifies the reference consistency proofs, and rejects altered ones', async () => {
    const all = await leaves();
    const tree = new CompactMerkleTree();
    for (const l of all) await tree.append(l);
    for (const v of CONSISTENCY) {
      const [r1, r2] = [hexToBytes(ROOTS[v.size1 - 1]!), hexToBytes(ROOTS[v.size2 - 1]!)];
      const proof = await consistencyProof(v.size1, all, v.size2);
      expect(hex(proof)).toEqual(v.proof);
      expect(hex(await tree.consistencyProof(v.size1, v.size2))).toEqual(v.proof);
      expect(await verifyConsistency(v.size1, v.size2, proof, r1, r2)).toBe(true);
      if (proof.length === 0) continue;
      expect(await verifyConsistency(v.size1, v.size2, proof, r2, r1)).toBe(false);
      expect(await verifyConsistency(v.size1 + 1, v.size2, proof, r1, r2)).toBe(false);
      expect(await verifyConsistency(v.size1, v.size2 * 2, proof, r1, r2)).toBe(false);
      expect(await verifyConsistency(v.size1, v.size2, proof.slice(0, -1), r1, r2)).toBe(false);
      expect(await verifyConsistency(v.size1, v.size2, [...proof, r1], r1, r2)).toBe(false);
      expect(await verifyConsistency(v.size1, v.size2, [], r1, r2)).toBe(false);
    }
    const r = hexToBytes(ROOTS[0]!);
    expect(await verifyConsistency(0, 5, [], r, r)).toBe(true);
    expect(await verifyConsistency(1, 1, [], r, hexToBytes(ROOTS[1]!))).toBe(false);
    expect(await verifyConsistency(1, 1, [r], r, r)).toBe(false);
    expect(await verifyConsistency(2, 1, [], r, r)).toBe(false);
  });

  it('agrees with the in-memory reference for every index and pair of sizes up to 40 leaves', async () => {
    const all: Hash[] = [];
    for (let i = 0; i < 40; i += 1) all.push(await leafHash(createHash('sha256').update(String(i)).digest('hex'), nodeSha));
    const tree = new CompactMerkleTree(nodeSha);
    for (const l of all) await tree.append(l);
    for (let size = 1; size <= 40; size += 1) {
      const root = await rootFromLeaves(all.slice(0, size), nodeSha);
      expect(bytesToHex(await tree.root(size))).toBe(bytesToHex(root));
      for (let index = 0; index < size; index += 1) {
        const proof = await tree.inclusionProof(index, size);
        expect(await verifyInclusion(all[index]!, index, size, proof, root, nodeSha)).toBe(true);
      }
      for (let size1 = 0; size1 <= size; size1 += 1) {
        const proof = await tree.consistencyProof(size1, size);
        expect(await verifyConsistency(size1, size, proof, await tree.root(size1), root, nodeSha)).toBe(true);
      }
    }
  });
});
