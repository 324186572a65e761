import { createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

describe('off-line signing with the CLI', () => {
  it('generates a key into a 0600 file, prints only the public half, and signs a statement file that verifies with it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-sign-'));
    const keyFile = path.join(dir, 'liaison.key');
    const generated = await runCli(['keys', 'generate', '--out', keyFile], {});
    expect(generated.code, generated.stderr).toBe(0);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const [publicKey, fingerprint, words] = generated.stdout.trim().split('\n');
    expect(Buffer.from(publicKey!, 'base64')).toHaveLength(32);
    expect(fingerprint).toMatch(/^fingerprint [0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    expect(words!.split(' ')).toHaveLength(9);
    expect(generated.stdout).not.toContain('PRIVATE');
    // Never overwrites a key that may already be enrolled.
    expect((await runCli(['keys', 'generate', '--out', keyFile], {})).code).not.toBe(0);

    const statementFile = path.join(dir, 'statement.json');
    const statement = '{"contentHash":"ab","corridorId":"c1","decision":"approve","partyId":"p","signedAt":"2022-03-08T07:30:00.000Z","statement":"safe-passage/corridor-decision/1","version":1}';
    fs.writeFileSync(statementFile, statement);
    const signed = await runCli(['sign', '--key', keyFile, statementFile], {});
    expect(signed.code, signed.stderr).toBe(0);
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey!, 'base64').toString('base64url') }, format: 'jwk' });
    expect(verify(null, Buffer.from(statement), key, Buffer.from(signed.stdout.trim(), 'base64'))).toBe(true);
    expect(verify(null, Buffer.from(statement.replace('approve', 'reject')), key, Buffer.from(signed.stdout.trim(), 'base64'))).toBe(false);
  });
});
