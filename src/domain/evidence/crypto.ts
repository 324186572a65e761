import { canonicalJson } from '../canonical-json.ts';
import { base64ToBytes, bytesToBase64 } from '../statements.ts';

/**
 * SHA-256 and Ed25519 for the evidence verifier, with WebCrypto only (Node 20 and browsers), so the
 * CLI and the static /verify page run the same code.
 */

const utf8 = new TextEncoder();

export async function sha256HexOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export const sha256HexText = (text: string): Promise<string> => sha256HexOf(utf8.encode(text));

/** Hex SHA-256 of a value's canonical JSON: the audit log's payload and event hashes. */
export const hashCanonicalWeb = (value: unknown): Promise<string> => sha256HexText(canonicalJson(value));

/**
 * Strict base64 whose text is the one encoding of its bytes: standard base64 leaves unused bits in
 * its last character, and a bundle whose text can change while its bytes stay the same would let
 * a changed file verify.
 */
export function canonicalBase64(text: string, length?: number): Uint8Array<ArrayBuffer> | null {
  const bytes = base64ToBytes(text);
  if (!bytes || bytesToBase64(bytes) !== text) return null;
  return length === undefined || bytes.length === length ? bytes : null;
}

export const isLowerHex = (text: string, bytes = 32): boolean => new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(text);

/** Does the base64 signature verify over `text`'s UTF-8 bytes with the base64 raw Ed25519 key? */
export async function ed25519VerifyText(text: string, signatureBase64: string, publicKeyBase64: string): Promise<boolean> {
  const raw = canonicalBase64(publicKeyBase64, 32);
  const signature = canonicalBase64(signatureBase64, 64);
  if (!raw || !signature) return false;
  try {
    const key = await globalThis.crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    return await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, signature, utf8.encode(text));
  } catch {
    return false;
  }
}
