import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  cosignatureKeyId,
  cosignCheckpoint,
  formatCheckpoint,
  formatSignedNote,
  fromBase64,
  parseCheckpoint,
  parseSignedNote,
  parseVerifierKey,
  signNote,
  verifierKey,
  verifyCosignature,
  verifyNote,
  type Ed25519Sign,
} from '../../src/domain/checkpoint.ts';
import { bytesToHex, hexToBytes } from '../../src/domain/merkle.ts';

// The signed-note example of Go's sumdb/note package (also the C2SP signed-note reference):
// its signer key is "PRIVATE+KEY+PeterNeumann+c74f20a3+" + base64(0x01 ‖ 32-byte seed).
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SEED = fromBase64('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz')!.slice(1);
const PETER_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_NOTE = `${PETER_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

function signerOfSeed(seed: Uint8Array): Ed25519Sign {
  const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  return (message) => Promise.resolve(new Uint8Array(sign(null, message, key)));
}

function newKey(): { raw: Uint8Array; sign: Ed25519Sign } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    raw: new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')),
    sign: (message) => Promise.resolve(new Uint8Array(sign(null, message, privateKey))),
  };
}

describe('signed notes (C2SP signed-note)', () => {
  it('verifies and reproduces the reference note byte for byte', async () => {
    const key = await parseVerifierKey(PETER_VKEY);
    expect(key.ok).toBe(true);
    if (!key.ok) return;
    expect(await verifierKey(key.value.name, key.value.rawPublicKey)).toBe(PETER_VKEY);
    const note = parseSignedNote(PETER_NOTE);
    expect(note.ok && note.value.body).toBe(PETER_TEXT);
    if (!note.ok) return;
    expect(await verifyNote(note.value, 'PeterNeumann', key.value.rawPublicKey)).toBe(true);
    const line = await signNote(PETER_TEXT, 'PeterNeumann', key.value.rawPublicKey, signerOfSeed(PETER_SEED));
    expect(formatSignedNote(PETER_TEXT, [line])).toBe(PETER_NOTE);
    const edited = parseSignedNote(PETER_NOTE.replace('cryptography', 'cryptographY'));
    expect(edited.ok && (await verifyNote(edited.value, 'PeterNeumann', key.value.rawPublicKey))).toBe(false);
    expect(await verifyNote(note.value, 'PaulNeumann', key.value.rawPublicKey)).toBe(false);
  });

  it('refuses malformed notes and verifier keys', async () => {
    expect(parseSignedNote(PETER_TEXT).ok).toBe(false);
    expect(parseSignedNote(PETER_NOTE.slice(0, -1)).ok).toBe(false);
    expect(parseSignedNote(`${PETER_TEXT}\n- PeterNeumann AAAA\n`).ok).toBe(false);
    expect((await parseVerifierKey(PETER_VKEY.replace('c74f20a3', 'c74f20a4'))).ok).toBe(false);
    expect((await parseVerifierKey('PeterNeumann+c74f20a3')).ok).toBe(false);
  });

  it("parses a verifier key whose base64 holds '+' (only the first two '+' separate)", async () => {
    // About half of all keys have a '+' in their base64; draw until one does.
    let key = newKey();
    let text = await verifierKey('log.example/audit', key.raw);
    while (!text.split('+').slice(2).join('+').includes('+')) {
      key = newKey();
      text = await verifierKey('log.example/audit', key.raw);
    }
    const parsed = await parseVerifierKey(text);
    expect(parsed.ok && parsed.value.name).toBe('log.example/audit');
    expect(parsed.ok && bytesToHex(parsed.value.rawPublicKey)).toBe(bytesToHex(key.raw));
    expect((await parseVerifierKey(text.replace(/\+[0-9a-f]{8}\+/, '+zz+'))).ok).toBe(false);
  });
});

describe('checkpoints (C2SP tlog-checkpoint) and cosignatures (tlog-cosignature/v1)', () => {
  const root = hexToBytes('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');

  it('formats and parses the three lines', () => {
    const body = formatCheckpoint({ origin: 'example.org/safe-passage/audit', size: 8, rootHash: root, extensions: [] });
    expect(body).toBe('example.org/safe-passage/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n');
    const parsed = parseCheckpoint(body);
    expect(parsed.ok && { ...parsed.value, rootHash: bytesToHex(parsed.value.rootHash) }).toEqual({
      origin: 'example.org/safe-passage/audit',
      size: 8,
      rootHash: bytesToHex(root),
      extensions: [],
    });
    for (const bad of ['o\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n', 'o\n8\nXcna\n', '\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n', 'o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=']) {
      expect(parseCheckpoint(bad).ok).toBe(false);
    }
  });

  it('computes the reference cosignature key id (type 0x04)', async () => {
    const raw = fromBase64('BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2')!.slice(1);
    expect(bytesToHex(await cosignatureKeyId('remora.n621.de', raw))).toBe('da77ade7');
  });

  it('signs a checkpoint, cosigns it, and checks both; a changed body or time fails', async () => {
    const log = newKey();
    const witness = newKey();
    const body = formatCheckpoint({ origin: 'example.org/safe-passage/audit', size: 8, rootHash: root, extensions: [] });
    const logLine = await signNote(body, 'example.org/safe-passage/audit', log.raw, log.sign);
    const cosig = await cosignCheckpoint(body, 'witness.example/party-a', witness.raw, 1_700_000_000, witness.sign);
    const note = parseSignedNote(formatSignedNote(body, [logLine, cosig]));
    expect(note.ok).toBe(true);
    if (!note.ok) return;
    expect(await verifyNote(note.value, 'example.org/safe-passage/audit', log.raw)).toBe(true);
    expect(await verifyNote(note.value, 'example.org/safe-passage/audit', witness.raw)).toBe(false);
    const line = note.value.signatures[1]!;
    expect(line.value.length).toBe(72);
    expect(await verifyCosignature(body, line, 'witness.example/party-a', witness.raw)).toEqual({ ok: true, timestamp: 1_700_000_000 });
    expect((await verifyCosignature(body.replace('\n8\n', '\n9\n'), line, 'witness.example/party-a', witness.raw)).ok).toBe(false);
    expect((await verifyCosignature(body, line, 'witness.example/party-a', log.raw)).ok).toBe(false);
    const later = { ...line, value: line.value.slice() };
    later.value[7]! ^= 1;
    expect((await verifyCosignature(body, later, 'witness.example/party-a', witness.raw)).ok).toBe(false);
  });
});
