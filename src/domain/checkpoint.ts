/**
 * Checkpoints of the transparency log in the C2SP formats, so any tlog tool can read them:
 * - tlog-checkpoint: the body is the origin line, the tree size in decimal and the base64 root
 *   hash, each ending in "\n" (extension lines may follow);
 * - signed-note: the body, a blank line, then one line per signature,
 *   "— <key name> <base64(4-byte key id ‖ 64-byte Ed25519 signature)>", where the key id is the
 *   first 4 bytes of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key);
 * - tlog-cosignature (cosignature/v1): a witness's line has the same shape, its key id uses 0x04,
 *   and its value is key id ‖ 8-byte big-endian Unix time ‖ Ed25519 signature over
 *   "cosignature/v1\ntime <seconds>\n" + the checkpoint body.
 *
 * Pure and without node: imports: signatures are checked with WebCrypto, so the browser verifier
 * runs the same code. Signing takes a function, since the private key lives in the caller.
 */

import { bytesEqual, webCryptoSha256 } from './merkle.ts';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Extension lines after the root hash, without their "\n". None from this log. */
  extensions: string[];
}

export interface NoteSignature {
  name: string;
  keyId: Uint8Array;
  /** The bytes after the key id: a 64-byte signature, or for a cosignature 8-byte time ‖ signature. */
  value: Uint8Array;
  /** The whole line, without its "\n". */
  line: string;
}

export interface SignedNote {
  /** The signed text, ending in "\n". */
  body: string;
  signatures: NoteSignature[];
}

/** Signs a message with the caller's Ed25519 private key; returns the 64-byte signature. */
export type Ed25519Sign = (message: Uint8Array) => Promise<Uint8Array>;

export const SIGNATURE_DASH = '\u2014';
const ED25519_SIGNATURE_TYPE = 0x01;
const COSIGNATURE_V1_TYPE = 0x04;
const utf8 = new TextEncoder();

// ── base64 without Buffer ────────────────────────────────────────────────────

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Strict standard base64 (padding required, no whitespace); null when it is not. */
export function fromBase64(text: string): Uint8Array | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

// ── the checkpoint body ──────────────────────────────────────────────────────

export function formatCheckpoint(checkpoint: Checkpoint): string {
  return [checkpoint.origin, String(checkpoint.size), toBase64(checkpoint.rootHash), ...checkpoint.extensions].map((l) => `${l}\n`).join('');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export function parseCheckpoint(body: string): Parsed<Checkpoint> {
  if (!body.endsWith('\n')) return { ok: false, reason: 'the checkpoint does not end with a newline' };
  const lines = body.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (!origin) return { ok: false, reason: 'the origin line is empty' };
  if (sizeText === undefined || !/^(?:0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    return { ok: false, reason: 'the tree size is not a decimal number' };
  }
  const rootHash = rootText === undefined ? null : fromBase64(rootText);
  if (!rootHash || rootHash.length !== 32) return { ok: false, reason: 'the root hash is not base64 of 32 bytes' };
  if (extensions.some((l) => l === '')) return { ok: false, reason: 'an extension line is empty' };
  return { ok: true, value: { origin, size: Number(sizeText), rootHash, extensions } };
}

// ── signed notes ─────────────────────────────────────────────────────────────

/** A key name: non-empty, no whitespace, no "+" (signed-note). */
export function isKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

async function keyIdOf(type: number, name: string, rawPublicKey: Uint8Array): Promise<Uint8Array> {
  const n = utf8.encode(name);
  const data = new Uint8Array(n.length + 2 + rawPublicKey.length);
  data.set(n, 0);
  data[n.length] = 0x0a;
  data[n.length + 1] = type;
  data.set(rawPublicKey, n.length + 2);
  return (await webCryptoSha256(data)).slice(0, 4);
}

/** signed-note key id of an Ed25519 key: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4]. */
export const noteKeyId = (name: string, rawPublicKey: Uint8Array): Promise<Uint8Array> => keyIdOf(ED25519_SIGNATURE_TYPE, name, rawPublicKey);
/** tlog-cosignature/v1 key id of a witness's Ed25519 key: SHA-256(name ‖ 0x0A ‖ 0x04 ‖ key)[:4]. */
export const cosignatureKeyId = (name: string, rawPublicKey: Uint8Array): Promise<Uint8Array> => keyIdOf(COSIGNATURE_V1_TYPE, name, rawPublicKey);

/** The signed-note verifier key text: "<name>+<hex key id>+<base64(0x01 ‖ key)>". */
export async function verifierKey(name: string, rawPublicKey: Uint8Array): Promise<string> {
  const id = await noteKeyId(name, rawPublicKey);
  const hex = [...id].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${name}+${hex}+${toBase64(Uint8Array.of(ED25519_SIGNATURE_TYPE, ...rawPublicKey))}`;
}

export async function parseVerifierKey(text: string): Promise<Parsed<{ name: string; rawPublicKey: Uint8Array }>> {
  // Only the first two '+' separate: the name and the hex id hold none, but base64 may.
  const trimmed = text.trim();
  const first = trimmed.indexOf('+');
  const second = first < 0 ? -1 : trimmed.indexOf('+', first + 1);
  if (second < 0) return { ok: false, reason: 'a verifier key is <name>+<key id>+<key>' };
  const name = trimmed.slice(0, first);
  const hex = trimmed.slice(first + 1, second);
  const b64 = trimmed.slice(second + 1);
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) return { ok: false, reason: 'the key id is not 8 hex digits' };
  const key = fromBase64(b64);
  if (!isKeyName(name) || !key || key.length !== 33 || key[0] !== ED25519_SIGNATURE_TYPE) return { ok: false, reason: 'not an Ed25519 verifier key' };
  const rawPublicKey = key.slice(1);
  const id = await noteKeyId(name, rawPublicKey);
  if ([...id].map((b) => b.toString(16).padStart(2, '0')).join('') !== hex.toLowerCase()) return { ok: false, reason: 'the key id does not match the key' };
  return { ok: true, value: { name, rawPublicKey } };
}

export function signatureLine(name: string, keyId: Uint8Array, value: Uint8Array): string {
  const bytes = new Uint8Array(keyId.length + value.length);
  bytes.set(keyId, 0);
  bytes.set(value, keyId.length);
  return `${SIGNATURE_DASH} ${name} ${toBase64(bytes)}`;
}

/** body + blank line + one line per signature, each ending in "\n". */
export function formatSignedNote(body: string, signatureLines: readonly string[]): string {
  return `${body}\n${signatureLines.map((l) => `${l}\n`).join('')}`;
}

export function parseSignatureLine(line: string): Parsed<NoteSignature> {
  const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
  if (!m) return { ok: false, reason: `not a signature line: ${JSON.stringify(line.slice(0, 80))}` };
  const [, name, b64] = m as unknown as [string, string, string];
  const bytes = fromBase64(b64);
  if (!isKeyName(name) || !bytes || bytes.length < 5) return { ok: false, reason: `malformed signature line for ${name}` };
  return { ok: true, value: { name, keyId: bytes.slice(0, 4), value: bytes.slice(4), line } };
}

/** Splits a signed note at its last blank line; every line after it must be a signature line. */
export function parseSignedNote(text: string): Parsed<SignedNote> {
  if (!text.endsWith('\n')) return { ok: false, reason: 'the note does not end with a newline' };
  const split = text.lastIndexOf('\n\n');
  if (split < 0) return { ok: false, reason: 'the note has no signature block' };
  const body = text.slice(0, split + 1);
  const lines = text.slice(split + 2, -1).split('\n');
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const parsed = parseSignatureLine(line);
    if (!parsed.ok) return parsed;
    signatures.push(parsed.value);
  }
  if (signatures.length === 0) return { ok: false, reason: 'the note has no signature' };
  return { ok: true, value: { body, signatures } };
}

// ── signing and verifying ────────────────────────────────────────────────────

async function ed25519Verify(rawPublicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  if (rawPublicKey.length !== 32 || signature.length !== 64) return false;
  try {
    // Copies: WebCrypto's types take only views of a plain ArrayBuffer.
    const key = await globalThis.crypto.subtle.importKey('raw', new Uint8Array(rawPublicKey), { name: 'Ed25519' }, false, ['verify']);
    return await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(signature), new Uint8Array(message));
  } catch {
    return false;
  }
}

/** The log's signature line over a note body. */
export async function signNote(body: string, name: string, rawPublicKey: Uint8Array, sign: Ed25519Sign): Promise<string> {
  return signatureLine(name, await noteKeyId(name, rawPublicKey), await sign(utf8.encode(body)));
}

/** Finds the signature of the key (name, public key) on the note and checks it; false when absent or wrong. */
export async function verifyNote(note: SignedNote, name: string, rawPublicKey: Uint8Array): Promise<boolean> {
  const id = await noteKeyId(name, rawPublicKey);
  const mine = note.signatures.filter((s) => s.name === name && bytesEqual(s.keyId, id));
  if (mine.length === 0) return false;
  const message = utf8.encode(note.body);
  for (const s of mine) if (!(await ed25519Verify(rawPublicKey, s.value, message))) return false;
  return true;
}

/** The message a cosignature/v1 signs. */
export function cosignedMessage(body: string, timestamp: number): string {
  return `cosignature/v1\ntime ${timestamp}\n${body}`;
}

function u64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

/** A witness's cosignature line over a checkpoint body at `timestamp` (Unix seconds). */
export async function cosignCheckpoint(body: string, name: string, rawPublicKey: Uint8Array, timestamp: number, sign: Ed25519Sign): Promise<string> {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('the timestamp is Unix seconds');
  const signature = await sign(utf8.encode(cosignedMessage(body, timestamp)));
  const value = new Uint8Array(72);
  value.set(u64(timestamp), 0);
  value.set(signature, 8);
  return signatureLine(name, await cosignatureKeyId(name, rawPublicKey), value);
}

/** Checks one cosignature line against the witness key (name, public key); its time when good. */
export async function verifyCosignature(body: string, signature: NoteSignature, name: string, rawPublicKey: Uint8Array): Promise<{ ok: true; timestamp: number } | { ok: false; reason: string }> {
  if (signature.name !== name) return { ok: false, reason: `the cosignature is by ${signature.name}, not ${name}` };
  if (!bytesEqual(signature.keyId, await cosignatureKeyId(name, rawPublicKey))) return { ok: false, reason: 'the key id does not match the witness key' };
  if (signature.value.length !== 72) return { ok: false, reason: 'a cosignature is an 8-byte time and a 64-byte signature' };
  const big = new DataView(signature.value.buffer, signature.value.byteOffset, 8).getBigUint64(0);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'the cosignature time is out of range' };
  const timestamp = Number(big);
  const good = await ed25519Verify(rawPublicKey, signature.value.slice(8), utf8.encode(cosignedMessage(body, timestamp)));
  return good ? { ok: true, timestamp } : { ok: false, reason: 'the cosignature does not verify' };
}
