import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** Ed25519 keys as DER bytes: SPKI for the public key (shared as base64), PKCS#8 for the private. */
export interface KeyPairDer {
  publicKey: Buffer;
  privateKey: Buffer;
}

/** The 12 bytes an SPKI DER encoding puts before an Ed25519 key's raw 32 bytes (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function generateSigningKeyPair(): KeyPairDer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

/** An Ed25519 public key from base64 of its raw 32 bytes (party keys) or of its SPKI DER (the operator's, older records). */
export function ed25519PublicKey(base64: string): KeyObject | null {
  const bytes = Buffer.from(base64, 'base64');
  try {
    if (bytes.length === 32) return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, bytes]), format: 'der', type: 'spki' });
    const key = createPublicKey({ key: bytes, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** The raw 32 bytes of an SPKI-encoded Ed25519 public key. */
export function rawFromSpki(spki: Buffer): Buffer {
  return spki.subarray(ED25519_SPKI_PREFIX.length);
}

/** Signs `text`'s UTF-8 bytes with a PKCS#8 private key; base64. Used by the operator and by a party's own tools. */
export function signText(text: string, privateKeyDer: Buffer): string {
  const key = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.from(text, 'utf8'), key).toString('base64');
}

/** Signs the RFC 8785 canonical JSON of `statement`; returns the canonical text and a base64 signature. */
export function signStatement(statement: object, privateKeyDer: Buffer): { signedPayload: string; signature: string } {
  const signedPayload = canonicalJson(statement);
  return { signedPayload, signature: signText(signedPayload, privateKeyDer) };
}

/** Checks a base64 signature over `text`'s UTF-8 bytes with nothing but the public key. */
export function verifyText(text: string, signatureBase64: string, publicKeyBase64: string): boolean {
  const key = ed25519PublicKey(publicKeyBase64);
  if (!key) return false;
  try {
    return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/** Checks a signature over a statement's canonical JSON with nothing but the public key: what an auditor does offline. */
export function verifyStatement(statement: object, signatureBase64: string, publicKeyBase64: string): boolean {
  return verifyText(canonicalJson(statement), signatureBase64, publicKeyBase64);
}
