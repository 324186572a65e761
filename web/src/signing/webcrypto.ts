import { base64ToBytes, bytesToBase64, fingerprintOfDigest, type KeyFingerprint } from '../../../src/domain/statements.ts';

/**
 * Ed25519 and SHA-256 in the browser (WebCrypto). The statement texts come from the same pure
 * code the server runs (src/domain/statements.ts, canonical-json.ts); only the crypto calls differ.
 */

const ED25519 = { name: 'Ed25519' } as const;
const utf8 = (text: string) => new TextEncoder().encode(text);

export function webCryptoCanSign(): boolean {
  return typeof crypto !== 'undefined' && typeof crypto.subtle !== 'undefined' && typeof indexedDB !== 'undefined';
}

/** A new key pair whose private half can never leave WebCrypto (extractable: false). */
export async function generateDeviceKeyPair(): Promise<{ privateKey: CryptoKey; publicKey: string }> {
  const pair = (await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: bytesToBase64(raw) };
}

export async function signText(privateKey: CryptoKey, text: string): Promise<string> {
  return bytesToBase64(new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, utf8(text))));
}

/** Checks a signature with nothing but the public key, here in the browser: not the server's word. */
export async function verifyText(text: string, signatureBase64: string, publicKeyBase64: string): Promise<boolean> {
  const raw = base64ToBytes(publicKeyBase64);
  const signature = base64ToBytes(signatureBase64);
  if (!raw || raw.length !== 32 || !signature) return false;
  try {
    const key = await crypto.subtle.importKey('raw', raw, ED25519, false, ['verify']);
    return await crypto.subtle.verify(ED25519, key, signature, utf8(text));
  } catch {
    return false;
  }
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The same fingerprint the server shows, computed here from the public key itself. */
export async function fingerprintOf(publicKeyBase64: string): Promise<KeyFingerprint | null> {
  const raw = base64ToBytes(publicKeyBase64);
  if (!raw) return null;
  return fingerprintOfDigest(new Uint8Array(await crypto.subtle.digest('SHA-256', raw)));
}
