import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** Ed25519 keys as DER bytes: SPKI for the public key (shared as base64), PKCS#8 for the private. */
export interface KeyPairDer {
  publicKey: Buffer;
  privateKey: Buffer;
}

export function generateSigningKeyPair(): KeyPairDer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

/** Signs the RFC 8785 canonical JSON of `statement`; returns the canonical text and a base64 signature. */
export function signStatement(statement: object, privateKeyDer: Buffer): { signedPayload: string; signature: string } {
  const signedPayload = canonicalJson(statement);
  const key = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
  return { signedPayload, signature: sign(null, Buffer.from(signedPayload, 'utf8'), key).toString('base64') };
}

/** Checks a signature with nothing but the public key: what an auditor does offline. */
export function verifyStatement(statement: object, signatureBase64: string, publicKeyBase64: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(canonicalJson(statement), 'utf8'), key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}
