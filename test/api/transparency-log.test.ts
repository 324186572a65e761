import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosignCheckpoint, parseCheckpoint, parseSignedNote, parseVerifierKey, verifyNote } from '../../src/domain/checkpoint.ts';
import { bytesToHex, hexToBytes, leafHash, rootFromLeaves, verifyConsistency, verifyInclusion } from '../../src/domain/merkle.ts';
import { createApp } from '../../src/app.ts';
import { forgetTree } from '../../src/services/transparency-log.service.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createTwoParties } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { enrolKey } from '../helpers/signing.ts';

function witnessKey(): { raw: Uint8Array; base64: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return { raw: new Uint8Array(raw), base64: raw.toString('base64'), privateKey };
}

const signer = (privateKey: KeyObject) => (message: Uint8Array) => Promise.resolve(new Uint8Array(sign(null, message, privateKey)));

describe.each(DIALECTS)('transparency log on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  const witness = witnessKey();
  const stranger = witnessKey();

  beforeAll(async () => {
    t = await startTestApp(dialect, { checkpointIntervalMs: 0, witnessKeys: [witness.base64] });
    admin = await t.login(ADMIN.email, ADMIN.password);
    for (let i = 0; i < 6; i += 1) await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: `Log Agency ${i}`, kind: 'agency' } });
  });
  afterAll(async () => t?.close());

  const eventHashes = async () => (await t.app.ctx.db.selectFrom('audit_events').select('hash').orderBy('seq').execute()).map((r) => r.hash);
  const leaves = async () => Promise.all((await eventHashes()).map((h) => leafHash(h)));
  const note = async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/public/checkpoint' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    return response.body;
  };
  const checkpointJson = async () => (await t.inject({ method: 'GET', url: '/api/v1/public/checkpoint', headers: { accept: 'application/json' } })).json();
  const logKey = async () => {
    const parsed = await parseVerifierKey((await t.inject({ method: 'GET', url: '/api/v1/public/log/key' })).body);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value;
  };

  it('serves a checkpoint of every audit event, signed with the log key, holding hashes only', async () => {
    const text = await note();
    const parsed = parseSignedNote(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const key = await logKey();
    expect(key.name).toBe(t.app.ctx.config.logOrigin);
    expect(await verifyNote(parsed.value, key.name, key.rawPublicKey)).toBe(true);
    const checkpoint = parseCheckpoint(parsed.value.body);
    expect(checkpoint.ok).toBe(true);
    if (!checkpoint.ok) return;
    const all = await leaves();
    expect(checkpoint.value.size).toBe(all.length);
    expect(bytesToHex(checkpoint.value.rootHash)).toBe(bytesToHex(await rootFromLeaves(all)));
    expect(text).not.toMatch(/Log Agency|admin@/);
  });

  it('answers inclusion proofs that verify with merkle.ts against the checkpoint root', async () => {
    const { size, rootHex } = await checkpointJson();
    const all = await leaves();
    for (const index of [0, 1, Math.floor(size / 2), size - 1]) {
      const response = await t.inject({ method: 'GET', url: `/api/v1/public/log/inclusion?index=${index}&size=${size}` });
      expect(response.statusCode, response.body).toBe(200);
      const proof = response.json() as { leafHex: string; rootHex: string; proof: string[] };
      expect(proof.leafHex).toBe(bytesToHex(all[index]!));
      expect(proof.rootHex).toBe(rootHex);
      expect(await verifyInclusion(all[index]!, index, size, proof.proof.map(hexToBytes), hexToBytes(rootHex))).toBe(true);
      expect(await verifyInclusion(all[index]!, index, size, proof.proof.slice(1).map(hexToBytes), hexToBytes(rootHex))).toBe(false);
    }
  });

  it('signs a new checkpoint after changes, consistent with the old one', async () => {
    const before = await checkpointJson();
    await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Log Agency later', kind: 'agency' } });
    const after = await checkpointJson();
    expect(after.size).toBeGreaterThan(before.size);
    expect(after.rootHex).not.toBe(before.rootHex);
    const response = await t.inject({ method: 'GET', url: `/api/v1/public/log/consistency?from=${before.size}&to=${after.size}` });
    expect(response.statusCode, response.body).toBe(200);
    const proof = response.json() as { fromRootHex: string; toRootHex: string; proof: string[] };
    expect([proof.fromRootHex, proof.toRootHex]).toEqual([before.rootHex, after.rootHex]);
    expect(await verifyConsistency(before.size, after.size, proof.proof.map(hexToBytes), hexToBytes(before.rootHex), hexToBytes(after.rootHex))).toBe(true);
    // Both checkpoints are stored: the old one is still there, by its size.
    const stored = await t.app.ctx.db.selectFrom('checkpoints').select('size').orderBy('size').execute();
    expect(stored.map((r) => r.size)).toEqual(expect.arrayContaining([before.size, after.size]));
  });

  it('waits CHECKPOINT_INTERVAL_MS before signing the next one, answering the latest meanwhile', async () => {
    const before = await checkpointJson();
    t.app.ctx.config.checkpointIntervalMs = 3_600_000;
    try {
      await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Log Agency burst', kind: 'agency' } });
      expect((await checkpointJson()).size).toBe(before.size);
      // The proofs already reach the newer events.
      const tree = (await eventHashes()).length;
      expect((await t.inject({ method: 'GET', url: `/api/v1/public/log/inclusion?index=${tree - 1}&size=${tree}` })).statusCode).toBe(200);
    } finally {
      t.app.ctx.config.checkpointIntervalMs = 0;
    }
    expect((await checkpointJson()).size).toBe((await eventHashes()).length);
  });

  it('refuses bad proof parameters with problem+json', async () => {
    const size = (await eventHashes()).length;
    const cases: [string, number, string][] = [
      [`inclusion?index=${size}&size=${size}`, 422, 'LOG_INDEX_OUT_OF_RANGE'],
      [`inclusion?index=0&size=${size + 1}`, 422, 'LOG_SIZE_BEYOND_TREE'],
      ['inclusion?index=1.5&size=3', 400, 'LOG_PARAMETER_INVALID'],
      ['inclusion?index=-1&size=3', 400, 'LOG_PARAMETER_INVALID'],
      ['inclusion?index=a&size=3', 400, 'LOG_PARAMETER_INVALID'],
      ['inclusion?size=3', 400, 'VALIDATION_FAILED'],
      ['consistency?from=3&to=2', 422, 'LOG_RANGE_REVERSED'],
      [`consistency?from=0&to=${size + 1}`, 422, 'LOG_SIZE_BEYOND_TREE'],
      ['consistency?from=1e2&to=200', 400, 'LOG_PARAMETER_INVALID'],
    ];
    for (const [query, status, code] of cases) {
      const response = await t.inject({ method: 'GET', url: `/api/v1/public/log/${query}` });
      expect(response.statusCode, query).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (code !== 'VALIDATION_FAILED') expect(response.json().code, query).toBe(code);
    }
  });

  it("stores a configured witness's cosignature and serves it with the checkpoint", async () => {
    const { body, size } = await checkpointJson();
    const timestamp = Math.floor(t.app.ctx.now().getTime() / 1000);
    const line = await cosignCheckpoint(body, 'witness.example/w1', witness.raw, timestamp, signer(witness.privateKey));
    const posted = await t.inject({ method: 'POST', url: '/api/v1/public/checkpoint/cosignatures', payload: { checkpoint: body, cosignature: line } });
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json().cosignatures).toMatchObject([{ name: 'witness.example/w1', timestamp, orgId: null, publicKey: witness.base64 }]);
    const served = await note();
    expect(served.endsWith(`${line}\n`)).toBe(true);
    const parsed = parseSignedNote(served);
    expect(parsed.ok && parsed.value.signatures.length).toBe(2);
    // Posting it again changes nothing.
    const again = await t.inject({ method: 'POST', url: '/api/v1/public/checkpoint/cosignatures', payload: { checkpoint: served, cosignature: line } });
    expect(again.statusCode).toBe(200);
    expect(again.json().cosignatures).toHaveLength(1);
    expect((await t.app.ctx.db.selectFrom('cosignatures').selectAll().where('checkpoint_size', '=', size).execute()).length).toBe(1);
    // A newer checkpoint, not cosigned yet: the JSON still names the newest cosigned one.
    await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Log Agency after cosigning', kind: 'agency' } });
    const newer = await checkpointJson();
    expect(newer.size).toBeGreaterThan(size);
    expect(newer.cosignatures).toEqual([]);
    expect(newer.latestCosigned).toMatchObject({ size, cosignatures: [{ name: 'witness.example/w1' }] });
  });

  it('refuses an unknown key, a bad signature, an unknown checkpoint or a malformed line with 422, storing nothing', async () => {
    const { body } = await checkpointJson();
    const count = async () => (await t.app.ctx.db.selectFrom('cosignatures').selectAll().execute()).length;
    const before = await count();
    const now = Math.floor(t.app.ctx.now().getTime() / 1000);
    const good = await cosignCheckpoint(body, 'w1', witness.raw, now, signer(witness.privateKey));
    const forgedBody = body.replace(/\n(\d+)\n/, (_m: string, n: string) => `\n${Number(n) + 1000}\n`);
    const cases: [Record<string, string>, string][] = [
      [{ checkpoint: body, cosignature: await cosignCheckpoint(body, 'w2', stranger.raw, now, signer(stranger.privateKey)) }, 'WITNESS_UNKNOWN'],
      // Signed by the stranger, claimed for the witness's key id: the signature does not verify.
      [{ checkpoint: body, cosignature: `${good.slice(0, -20)}${'A'.repeat(16)}${good.slice(-4)}` }, 'COSIGNATURE_INVALID'],
      [{ checkpoint: body, cosignature: await cosignCheckpoint(body, 'w1', witness.raw, now + 86_400, signer(witness.privateKey)) }, 'COSIGNATURE_TIME_AHEAD'],
      [{ checkpoint: forgedBody, cosignature: await cosignCheckpoint(forgedBody, 'w1', witness.raw, now, signer(witness.privateKey)) }, 'CHECKPOINT_UNKNOWN'],
      [{ checkpoint: 'not a checkpoint', cosignature: good }, 'CHECKPOINT_MALFORMED'],
      [{ checkpoint: body, cosignature: 'w1 AAAA' }, 'COSIGNATURE_MALFORMED'],
    ];
    for (const [payload, code] of cases) {
      const response = await t.inject({ method: 'POST', url: '/api/v1/public/checkpoint/cosignatures', payload });
      expect(response.statusCode, code).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toBe(code);
    }
    expect(await count()).toBe(before);
  });

  it("takes a party's approved signing key as a witness key, naming the party", async () => {
    const { parties, liaisons } = await createTwoParties(t, admin, 'Witness');
    const key = await enrolKey(t, liaisons[0]!);
    if (!key) throw new Error('no key');
    const { body } = await checkpointJson();
    const raw = new Uint8Array(Buffer.from(key.publicKey, 'base64'));
    const line = await cosignCheckpoint(body, 'party-ua', raw, Math.floor(t.app.ctx.now().getTime() / 1000), signer(key.privateKey));
    const posted = await t.inject({ method: 'POST', url: '/api/v1/public/checkpoint/cosignatures', payload: { checkpoint: body, cosignature: line } });
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json().cosignatures).toMatchObject([{ name: 'party-ua', orgId: parties[0] }]);
  });

  it('puts the latest checkpoint in the public Atom feed, as a note that verifies', async () => {
    await t.app.publicSnapshot.fresh();
    const xml = (await t.inject({ method: 'GET', url: '/feeds/corridors.atom?lang=en' })).body;
    const entry = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!).find((e) => e.includes('<category term="checkpoint"/>'));
    expect(entry).toBeDefined();
    const content = /<content type="text">([\s\S]*?)<\/content>/.exec(entry!)?.[1] ?? '';
    const text = content.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
    const parsed = parseSignedNote(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const key = await logKey();
    expect(await verifyNote(parsed.value, key.name, key.rawPublicKey)).toBe(true);
    const checkpoint = parseCheckpoint(parsed.value.body);
    expect(checkpoint.ok && (await t.app.ctx.db.selectFrom('checkpoints').select('body').where('size', '=', checkpoint.value.size).executeTakeFirst())?.body).toBe(parsed.value.body);
    expect(entry).toContain(`Audit log: signed checkpoint of ${checkpoint.ok ? checkpoint.value.size : -1} events`);
  });

  it('answers from the same tree on a second instance sharing the database, whichever instance wrote', async () => {
    const second = await createApp({ ...t.app.ctx.config, databaseUrl: t.database.url }, { logger: false });
    try {
      const json = async (app: 'first' | 'second', url: string) =>
        (await (app === 'first' ? t.app : second).server.inject({ method: 'GET', url, headers: { accept: 'application/json' } })).json();
      await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Written on the first', kind: 'agency' } });
      const seenBySecond = await json('second', '/api/v1/public/checkpoint');
      expect(seenBySecond.size).toBe((await eventHashes()).length);
      const login = await second.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ADMIN.email, password: ADMIN.password } });
      expect(login.statusCode).toBe(200);
      const seenByFirst = await json('first', '/api/v1/public/checkpoint');
      expect(seenByFirst.size).toBe((await eventHashes()).length);
      expect(seenByFirst.rootHex).toBe(bytesToHex(await rootFromLeaves(await leaves())));
      const proof = await json('second', `/api/v1/public/log/consistency?from=${seenBySecond.size}&to=${seenByFirst.size}`);
      expect(await verifyConsistency(seenBySecond.size, seenByFirst.size, proof.proof.map(hexToBytes), hexToBytes(seenBySecond.rootHex), hexToBytes(seenByFirst.rootHex))).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('refuses to build its tree over an audit event removed behind its back, and recovers when it is back', async () => {
    const row = await t.app.ctx.db.selectFrom('audit_events').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    await t.app.ctx.db.deleteFrom('audit_events').where('seq', '=', 3).execute();
    try {
      forgetTree(t.app.ctx.db);
      const refused = await t.inject({ method: 'GET', url: '/api/v1/public/log/inclusion?index=0&size=1' });
      expect(refused.statusCode).toBe(500);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await t.app.ctx.db.insertInto('audit_events').values(row).execute();
    }
    const size = (await eventHashes()).length;
    const again = await t.inject({ method: 'GET', url: `/api/v1/public/log/inclusion?index=${size - 1}&size=${size}` });
    expect(again.statusCode, again.body).toBe(200);
  });
});
