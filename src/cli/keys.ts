import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import type { Command } from 'commander';
import { fingerprintOf } from '../services/keys.service.ts';

/**
 * Off-line signing for parties that will not sign in a browser: the key is made and kept on the
 * liaison's own machine, and only the printed public key goes to the server (`POST /api/v1/keys`).
 */
export function addSigningCommands(program: Command): void {
  const keys = program.command('keys').description("a party's own signing keys, made off-line");
  keys
    .command('generate')
    .description('make an Ed25519 key: the private key to --out (mode 0600), the public key and fingerprint to stdout')
    .requiredOption('--out <file>', 'where to write the private key (PEM, PKCS#8); refuses to overwrite')
    .action((options: { out: string }) => {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      // 'wx': never overwrite a key that may already be enrolled.
      fs.writeFileSync(options.out, privateKey.export({ format: 'pem', type: 'pkcs8' }), { flag: 'wx', mode: 0o600 });
      fs.chmodSync(options.out, 0o600);
      const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
      const { hex, words } = fingerprintOf(raw);
      process.stdout.write(`${raw.toString('base64')}\nfingerprint ${hex}\nwords ${words}\n`);
    });
  program
    .command('sign <statement-file>')
    .description("print the base64 Ed25519 signature of the file's bytes (the statement from GET …/statement)")
    .requiredOption('--key <file>', 'the private key from `keys generate`')
    .action((file: string, options: { key: string }) => {
      const key = createPrivateKey(fs.readFileSync(options.key));
      if (key.asymmetricKeyType !== 'ed25519') throw new Error('the key is not an Ed25519 key');
      process.stdout.write(`${sign(null, fs.readFileSync(file), key).toString('base64')}\n`);
    });
}
