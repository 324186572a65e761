import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

const KEY_BYTES = 32;

function parseKey(base64: string, where: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${where} must be the base64 of exactly ${KEY_BYTES} bytes`);
  return key;
}

/**
 * The key that encrypts organisations' private signing keys at rest: SERVER_KEY, or the key
 * file, created with mode 0600 on first start. Every instance sharing a database needs the same.
 */
export function loadServerKey(config: Pick<Config, 'serverKey' | 'serverKeyFile'>): Buffer {
  if (config.serverKey) return parseKey(config.serverKey, 'SERVER_KEY');
  const file = config.serverKeyFile;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  try {
    // 'wx' fails when the file exists, so two instances starting together keep one key.
    fs.writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseKey(fs.readFileSync(file, 'utf8'), `the key file ${file}`);
}

/** AES-256-GCM: iv (12) | tag (16) | ciphertext, as base64. */
export function encryptWithServerKey(serverKey: Buffer, plaintext: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', serverKey, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decryptWithServerKey(serverKey: Buffer, sealed: string): Buffer {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', serverKey, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
}
