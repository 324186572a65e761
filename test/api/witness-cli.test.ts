import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCheckpoint, formatSignedNote, signNote } from '../../src/domain/checkpoint.ts';
import { openDatabase } from '../../src/store/database.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/**
 * The witness as a liaison runs it: the real bin against a real server on loopback. History is
 * rewritten the way an operator with the database could: an audit event's hash changed in the
 * table and the server restarted, so it computes its tree from the rewritten rows.
 */
describe.each(DIALECTS)('safe-passage witness against a real server (%s)', (dialect) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-witness-'));
  const keyFile = path.join(dir, 'witness.key');
  const state = path.join(dir, 'state.json');
  let database: TestDatabase;
  let server: ServerProcess;
  let env: Record<string, string>;
  const admin = { email: 'chief@witness.test', password: 'long-enough-1' };

  const login = async () => {
    const response = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
    expect(response.status).toBe(200);
  };
  const witness = (extra: string[] = [], log = server.url) => runCli(['witness', '--log', log, '--key', keyFile, '--state', state, '--name', 'liaison-ua', ...extra], {});
  const servedNote = async () => (await fetch(`${server.url}/api/v1/public/checkpoint`)).text();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const generated = await runCli(['keys', 'generate', '--out', keyFile], {});
    expect(generated.code, generated.stderr).toBe(0);
    const publicKey = generated.stdout.split('\n')[0]!;
    env = { DATABASE_URL: database.url, SERVER_KEY: Buffer.alloc(32, 9).toString('base64'), WITNESS_KEYS: publicKey, CHECKPOINT_INTERVAL_MS: '0', PUBLIC_URL: 'https://corridors.example.org' };
    const init = await runCli(['init', '--org', 'Witnessed Mediator', '--email', admin.email, '--password', admin.password], env);
    expect(init.code, init.stderr).toBe(0);
    server = await startServerProcess([], env);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('pins the log key on first use, cosigns, and the cosignature is served with the checkpoint', async () => {
    const first = await witness();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/pinned the log key on first use: corridors\.example\.org\/safe-passage\/audit\+[0-9a-f]{8}\+/);
    expect(first.stdout).toMatch(/cosigned corridors\.example\.org\/safe-passage\/audit at size \d+, root [0-9a-f]{64}, as liaison-ua/);
    const note = await servedNote();
    expect(note).toMatch(/\n\u2014 liaison-ua [A-Za-z0-9+/=]+\n$/);
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).checkpoint.size).toBeGreaterThan(0);
  }, 60_000);

  it('checks the next checkpoint extends the last one seen, then cosigns it', async () => {
    const before = JSON.parse(fs.readFileSync(state, 'utf8')).checkpoint.size as number;
    await login();
    await login();
    const next = await witness();
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain(`(consistent with size ${before})`);
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).checkpoint.size).toBe(before + 2);
  }, 60_000);

  it('refuses a checkpoint not signed by the pinned log key (a forged log on loopback), exit 2', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'));
    const body = formatCheckpoint({ origin: 'corridors.example.org/safe-passage/audit', size: 99, rootHash: new Uint8Array(32).fill(7), extensions: [] });
    const line = await signNote(body, 'corridors.example.org/safe-passage/audit', raw, (m) => Promise.resolve(new Uint8Array(sign(null, m, privateKey))));
    const forged = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end(formatSignedNote(body, [line])));
    await new Promise<void>((resolve) => forged.listen(0, '127.0.0.1', resolve));
    try {
      const result = await witness([], `http://127.0.0.1:${(forged.address() as AddressInfo).port}`);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('not signed by the pinned log key');
    } finally {
      forged.close();
    }
  }, 60_000);

  it('catches history rewritten in the database: exit 3, loud, naming both sizes and roots, no cosignature', async () => {
    const seen = JSON.parse(fs.readFileSync(state, 'utf8')).checkpoint as { size: number; rootHex: string };
    await server.stop();
    const db = openDatabase(database.url);
    try {
      // What an operator with the database can do: replace an old event and its hash.
      await db.db.updateTable('audit_events').set({ action: 'org.delete', hash: 'ab'.repeat(32) }).where('seq', '=', 2).execute();
    } finally {
      await db.close();
    }
    server = await startServerProcess([], env);
    await login();
    const result = await witness();
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('THE LOG IS INCONSISTENT: A FORK OR A REWRITTEN HISTORY');
    expect(result.stderr).toContain(`size ${seen.size}, root ${seen.rootHex}`);
    expect(result.stderr).toMatch(new RegExp(`checkpoint served now: +size \\d+, root [0-9a-f]{64}`));
    expect(result.stderr).toContain('NOT cosigned');
    // The rewritten log's checkpoint carries no cosignature, and the witness still holds the old one.
    expect(await servedNote()).not.toContain('liaison-ua');
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).checkpoint).toMatchObject(seen);
    // Running again changes nothing: the witness never accepts the rewritten history.
    expect((await witness()).code).toBe(3);
  }, 90_000);
});
