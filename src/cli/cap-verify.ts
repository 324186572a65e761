import fs from 'node:fs';
import { verifyCapSignature } from '../feeds/cap-signature.ts';

/** `safe-passage cap verify`: the file's alert checked against the key given. */
export function verifyCapFile(file: string, publicKeyBase64: string): boolean {
  return verifyCapSignature(fs.readFileSync(file, 'utf8'), publicKeyBase64);
}
