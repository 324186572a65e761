import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import { signText as serverSign, verifyText } from '../../src/domain/signature.ts';
import { decryptWithServerKey } from '../../src/services/server-key.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { corridorBody, createProposedCorridor } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { decideAs, enrolKey, newEd25519, partyAdminToken, signText } from '../helpers/signing.ts';

/** A column's value as text to search: binary as base64 and hex (a Buffer's toJSON would hide its bytes). */
const asText = (v: unknown): string =>
  v instanceof Uint8Array ? `${Buffer.from(v).toString('base64')} ${Buffer.from(v).toString('hex')}` : typeof v === 'string' ? v : JSON.stringify(v) ?? '';

/** Every text form a party's private key could be stored in: its raw 32 bytes (base64, base64url, hex), its PKCS#8 DER in base64. */
function privateEncodings(key: KeyObject): string[] {
  const seed = Buffer.from(key.export({ format: 'jwk' }).d ?? '', 'base64url');
  expect(seed).toHaveLength(32);
  const der = key.export({ format: 'der', type: 'pkcs8' });
  return [seed.toString('base64').replace(/=+$/, ''), seed.toString('base64url'), seed.toString('hex'), der.toString('base64').replace(/=+$/, '')];
}

describe.each(DIALECTS)('party-held signing keys on %s', (dialect) => {
  // The server key file this server made on start (SERVER_KEY unset), scanned with the database.
  const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sp-signing-')), 'server.key');
  let t: TestApp;
  let admin: string;
  let ua: string;
  let ru: string;
  let uaLiaison: string;
  let ruLiaison: string;
  let uaAdmin: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { serverKey: null, serverKeyFile: keyFile });
    admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string) => (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind: 'party', timeZone: 'Europe/Kyiv' } })).json().id as string;
    ua = await org('Ukraine');
    ru = await org('Russia');
    const user = async (orgId: string, email: string) => {
      expect((await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: 'Liaison', password: 'signing-pass-1', role: 'liaison' } })).statusCode).toBe(201);
      return t.login(email, 'signing-pass-1');
    };
    uaLiaison = await user(ua, 'liaison@ua.sign.test');
    ruLiaison = await user(ru, 'liaison@ru.sign.test');
    uaAdmin = await partyAdminToken(t, ua);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
  });

  const statementOf = async (token: string, id: string, version: number, decision: string, signedAt: string) =>
    (await t.as(token, { method: 'GET', url: `/api/v1/corridors/${id}/versions/${version}/statement?decision=${decision}&signedAt=${encodeURIComponent(signedAt)}` })).json() as { statement: string; contentHash: string };
  const post = (token: string, id: string, body: Record<string, unknown>) => t.as(token, { method: 'POST', url: `/api/v1/corridors/${id}/approvals`, payload: body });

  it('enrols a key pending until the party’s own admin approves it; the mediator sees every party’s keys, a party its own', async () => {
    const { publicKey, privateKey } = newEd25519();
    const enrolled = await t.as(uaLiaison, { method: 'POST', url: '/api/v1/keys', payload: { publicKey, label: 'laptop' } });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const key = enrolled.json();
    const digest = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex');
    expect(key).toMatchObject({ status: 'pending', orgId: ua, serverHeld: false, fingerprint: digest.slice(0, 16).match(/.{4}/g)!.join(' ') });
    expect(key.fingerprintWords.split(' ')).toHaveLength(8);
    expect((await t.as(uaLiaison, { method: 'POST', url: '/api/v1/keys', payload: { publicKey } })).json().code).toBe('KEY_EXISTS');
    expect((await t.as(uaLiaison, { method: 'POST', url: '/api/v1/keys', payload: { publicKey: 'bm90IGEga2V5' } })).statusCode).toBe(400);

    // Pending: it signs nothing yet.
    const { id } = await createProposedCorridor(t, admin, [ua, ru]);
    const signedAt = new Date().toISOString();
    const { statement } = await statementOf(uaLiaison, id, 1, 'approve', signedAt);
    const body = { version: 1, decision: 'approve', keyId: key.id, signedAt, signature: signText(statement, privateKey) };
    expect((await post(uaLiaison, id, body)).json().code).toBe('KEY_NOT_ACTIVE');

    // Neither the mediator nor another party's admin can approve it; its own admin can.
    expect((await t.as(admin, { method: 'POST', url: `/api/v1/keys/${key.id}/approve` })).statusCode).toBe(403);
    expect((await t.as(await partyAdminToken(t, ru), { method: 'POST', url: `/api/v1/keys/${key.id}/approve` })).statusCode).toBe(404);
    const approved = await t.as(uaAdmin, { method: 'POST', url: `/api/v1/keys/${key.id}/approve` });
    expect(approved.json()).toMatchObject({ status: 'active', approvedAt: expect.any(String), approvedBy: expect.any(String) });
    expect((await post(uaLiaison, id, body)).statusCode).toBe(201);

    await enrolKey(t, ruLiaison);
    const all = (await t.as(admin, { method: 'GET', url: '/api/v1/keys' })).json().items as { orgId: string; enrolledAt: string }[];
    expect(new Set(all.map((k) => k.orgId))).toEqual(new Set([ua, ru]));
    expect(all.every((k) => typeof k.enrolledAt === 'string')).toBe(true);
    const own = (await t.as(ruLiaison, { method: 'GET', url: '/api/v1/keys' })).json().items as { orgId: string }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((k) => k.orgId === ru)).toBe(true);
    const actions = (await t.app.ctx.db.selectFrom('audit_events').select(['action', 'subject_id']).where('subject_id', '=', key.id).execute()).map((e) => e.action);
    expect(actions).toEqual(['key.enrol', 'key.approve']);
  });

  it('builds the statement from the version shown: its content hash is the SHA-256 of the served content, Cyrillic, emoji and odd numbers included', async () => {
    const { id } = await createProposedCorridor(t, admin, [ua, ru], {
      conditions: 'Автобуси з емблемою Червоного Хреста 🚌; 1e21 і −0 як текст',
      maxVehicles: 100,
    });
    const version = (await t.as(uaLiaison, { method: 'GET', url: `/api/v1/corridors/${id}/versions/1` })).json();
    const ownHash = createHash('sha256').update(canonicalJson(version.content), 'utf8').digest('hex');
    const signedAt = new Date().toISOString();
    const served = await statementOf(uaLiaison, id, 1, 'approve', signedAt);
    expect(served.contentHash).toBe(ownHash);
    expect(served.statement).toBe(
      canonicalJson({ statement: 'safe-passage/corridor-decision/1', corridorId: id, version: 1, contentHash: ownHash, decision: 'approve', partyId: ua, signedAt }),
    );
    const response = await decideAs(t, uaLiaison, id, { version: 1, decision: 'approve' });
    const approval = response.json();
    expect(verifyText(approval.signedPayload, approval.signature, approval.publicKey)).toBe(true);
  });

  it('refuses a signature over another version, a stale version, another decision, an implausible time, another party’s or a revoked key', async () => {
    const key = (await enrolKey(t, uaLiaison))!;
    const { id } = await createProposedCorridor(t, admin, [ua, ru]);
    const sign = async (version: number, decision: string, signedAt = new Date().toISOString()) =>
      ({ keyId: key.keyId, signedAt, signature: signText((await statementOf(uaLiaison, id, version, decision, signedAt)).statement, key.privateKey) });
    const amended = await t.as(admin, { method: 'PUT', url: `/api/v1/corridors/${id}`, payload: { ...corridorBody([ua, ru]), version: 1, maxVehicles: 90 } });
    expect(amended.statusCode, amended.body).toBe(200);
    expect((await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${id}/propose` })).statusCode).toBe(200);
    // A true signature over version 1, which the party still sees, made after version 2 was proposed.
    const v1 = await sign(1, 'approve');

    expect((await post(uaLiaison, id, { version: 1, decision: 'approve', ...v1 })).json().code).toBe('CORRIDOR_STALE_VERSION');
    // The signature over version 1, sent as an approval of version 2.
    expect((await post(uaLiaison, id, { version: 2, decision: 'approve', ...v1 })).json()).toMatchObject({ status: 422, code: 'SIGNATURE_INVALID' });
    expect((await post(uaLiaison, id, { version: 2, decision: 'reject', ...(await sign(2, 'approve')) })).json().code).toBe('SIGNATURE_INVALID');
    const old = new Date(Date.now() - 2 * 86_400_000).toISOString();
    expect((await post(uaLiaison, id, { version: 2, decision: 'approve', ...(await sign(2, 'approve', old)) })).json().code).toBe('SIGNED_AT_IMPLAUSIBLE');
    const ruKey = (await enrolKey(t, ruLiaison))!;
    expect((await post(uaLiaison, id, { version: 2, decision: 'approve', ...(await sign(2, 'approve')), keyId: ruKey.keyId })).json().code).toBe('KEY_UNKNOWN');

    const good = await sign(2, 'approve');
    expect((await t.as(uaAdmin, { method: 'POST', url: `/api/v1/keys/${key.keyId}/revoke`, payload: { reason: 'device lost' } })).json().status).toBe('revoked');
    expect((await post(uaLiaison, id, { version: 2, decision: 'approve', ...good })).json()).toMatchObject({ status: 409, code: 'KEY_NOT_ACTIVE' });
    expect(await t.app.ctx.db.selectFrom('corridor_decisions').select('party_id').where('corridor_id', '=', id).execute()).toEqual([]);
  });

  it('keeps what a key signed verifiable after rotation and revocation, with the enrolment on the signatures list', async () => {
    const first = (await enrolKey(t, ruLiaison))!;
    const { id } = await createProposedCorridor(t, admin, [ua, ru]);
    const signedAt = new Date().toISOString();
    const { statement } = await statementOf(ruLiaison, id, 1, 'approve', signedAt);
    expect((await post(ruLiaison, id, { version: 1, decision: 'approve', keyId: first.keyId, signedAt, signature: signText(statement, first.privateKey) })).statusCode).toBe(201);
    await enrolKey(t, ruLiaison);
    const ruAdmin = await partyAdminToken(t, ru);
    expect((await t.as(ruAdmin, { method: 'POST', url: `/api/v1/keys/${first.keyId}/revoke`, payload: {} })).statusCode).toBe(200);
    const [record] = (await t.as(uaLiaison, { method: 'GET', url: `/api/v1/corridors/${id}/signatures` })).json().items;
    expect(record.key).toMatchObject({ id: first.keyId, status: 'revoked', publicKey: first.publicKey, approvedAt: expect.any(String) });
    expect(verifyText(record.approval.signedPayload, record.approval.signature, record.key.publicKey)).toBe(true);
    // Enrolment, approval and revocation are each an audit event of the key.
    const actions = (await t.app.ctx.db.selectFrom('audit_events').select('action').where('subject_id', '=', first.keyId).orderBy('seq').execute()).map((e) => e.action);
    expect(actions).toEqual(['key.enrol', 'key.approve', 'key.revoke']);
  });

  it('holds no party private key: with only its database and its own key the server cannot make an approval that verifies', async () => {
    const { id } = await createProposedCorridor(t, admin, [ua, ru]);
    const uaKey = (await enrolKey(t, uaLiaison))!;
    const ruKey = (await enrolKey(t, ruLiaison))!;
    const uaAt = new Date().toISOString();
    const uaStatement = (await statementOf(uaLiaison, id, 1, 'approve', uaAt)).statement;
    expect((await post(uaLiaison, id, { version: 1, decision: 'approve', keyId: uaKey.keyId, signedAt: uaAt, signature: signText(uaStatement, uaKey.privateKey) })).statusCode).toBe(201);

    // Every row of every table, and the server key file, as text (binary columns as base64 and
    // hex): no PKCS#8 Ed25519 private key (its DER starts MC4CAQAwBQYDK2VwBCIEI… in base64), no
    // PEM private key, and no encoding of the private halves these parties' liaisons hold.
    const db = t.app.ctx.db;
    const tables = (await db.introspection.getTables()).map((table) => table.name);
    expect(tables).toEqual(expect.arrayContaining(['party_keys', 'org_keys', 'corridor_decisions', 'movement_acks', 'incident_statements', 'audit_events']));
    const texts: [string, string][] = [];
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
      texts.push([table, rows.rows.flatMap((row) => Object.values(row).map(asText)).join('\n')]);
    }
    texts.push([keyFile, fs.readFileSync(keyFile, 'utf8')]);
    const secrets = ['MC4CAQAwBQYDK2VwBCIEI', 'PRIVATE KEY', ...[uaKey, ruKey].flatMap((k) => privateEncodings(k.privateKey))];
    for (const [where, text] of texts) for (const secret of secrets) expect(text.includes(secret), `${where} holds ${secret}`).toBe(false);

    // The only sealed private keys are the operator's; open each with the server key and try it as the party.
    const sealed = await db.selectFrom('org_keys').innerJoin('orgs', 'orgs.id', 'org_keys.org_id').select(['orgs.kind', 'org_keys.private_key_enc']).execute();
    expect(sealed.map((k) => k.kind)).toEqual(['mediator']);
    const signedAt = new Date().toISOString();
    const { statement } = await statementOf(ruLiaison, id, 1, 'approve', signedAt);
    const ruKeys = (await t.as(admin, { method: 'GET', url: '/api/v1/keys' })).json().items.filter((k: { orgId: string; status: string }) => k.orgId === ru && k.status === 'active');
    expect(ruKeys.map((k: { id: string }) => k.id)).toContain(ruKey.keyId);
    for (const { private_key_enc } of sealed) {
      const der = decryptWithServerKey(t.app.ctx.serverKey, private_key_enc);
      expect(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).asymmetricKeyType).toBe('ed25519');
      const forged = serverSign(statement, der);
      for (const k of ruKeys) {
        expect(verifyText(statement, forged, k.publicKey)).toBe(false);
        expect((await post(ruLiaison, id, { version: 1, decision: 'approve', keyId: k.id, signedAt, signature: forged })).json().code).toBe('SIGNATURE_INVALID');
      }
    }
    // The party's own key, which the server never saw, does sign it.
    expect((await post(ruLiaison, id, { version: 1, decision: 'approve', keyId: ruKey.keyId, signedAt, signature: signText(statement, ruKey.privateKey) })).statusCode).toBe(201);
  });
});
