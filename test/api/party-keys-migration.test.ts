import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { Migrator, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Actor } from '../../src/domain/identity.ts';
import { verifyText } from '../../src/domain/signature.ts';
import { corridorSignatures } from '../../src/services/corridor.service.ts';
import { listKeys } from '../../src/services/keys.service.ts';
import { encryptWithServerKey } from '../../src/services/server-key.ts';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import { chainNext, type AuditEvent } from '../../src/domain/audit-chain.ts';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import type { EvidenceBundle } from '../../src/domain/evidence/format.ts';
import { verifyEvidenceBundle } from '../../src/domain/evidence/verify.ts';
import { hashCanonical, sha256Hex } from '../../src/domain/hashing.ts';
import { versionHashText } from '../../src/domain/statements.ts';
import { corridorEvidence } from '../../src/services/evidence.service.ts';
import { openDatabase } from '../../src/store/database.ts';
import { corridorBody } from '../helpers/corridors.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.ts';

/**
 * Migrations 0012 and 0021 as a deployment from before party-held keys meets it: the server had made each
 * organisation's key, kept its private half sealed with the server key, and signed the parties'
 * approvals with it. After the migration no party private key is left, the mediator's own key
 * stays, and what the old keys signed still verifies, marked as made with a server-held key.
 */

const NOW = '2022-03-07T10:00:00.000Z';
const SERVER_KEY = randomBytes(32);

function ed25519(): { spki: string; raw: string; sign: (text: string) => string; sealed: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    spki: spki.toString('base64'),
    raw: spki.subarray(spki.length - 32).toString('base64'),
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
    sealed: encryptWithServerKey(SERVER_KEY, privateKey.export({ format: 'der', type: 'pkcs8' })),
  };
}

/** The tables as migration 0011 left them, with a party's decision signed by its server-held key. */
async function deploymentBeforePartyKeys(url: string, mediatorKey: ReturnType<typeof ed25519>, partyKey: ReturnType<typeof ed25519>, payload: string): Promise<void> {
  const database = openDatabase(url);
  try {
    // Raw rows: the typed schema is today's, not 0011's.
    const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0011-person-corrections');
    if (error) throw error;
    await db.insertInto('orgs').values([
      { id: 'm', name: 'Mediator', kind: 'mediator', time_zone: 'Europe/Kyiv', created_at: NOW },
      { id: 'p', name: 'Party', kind: 'party', time_zone: 'Europe/Kyiv', created_at: NOW },
    ]).execute();
    await db.insertInto('users').values([
      { id: 'admin', org_id: 'm', email: 'admin@m.test', name: 'Admin', role: 'admin', password_hash: 'x', disabled: 0, created_at: NOW },
      { id: 'liaison', org_id: 'p', email: 'liaison@p.test', name: 'Liaison', role: 'liaison', password_hash: 'x', disabled: 0, created_at: NOW },
    ]).execute();
    await db.insertInto('org_keys').values([
      { org_id: 'm', algorithm: 'Ed25519', public_key: mediatorKey.spki, private_key_enc: mediatorKey.sealed, created_at: NOW },
      { org_id: 'p', algorithm: 'Ed25519', public_key: partyKey.spki, private_key_enc: partyKey.sealed, created_at: NOW },
    ]).execute();
    await db.insertInto('corridors').values({ id: 'c', current_version: 1, created_by_org: 'm', created_at: NOW, updated_at: NOW }).execute();
    await db.insertInto('corridor_versions').values({ corridor_id: 'c', version: 1, content: JSON.stringify(corridorBody(['p'])), version_hash: '00', created_at: NOW, created_by: 'admin', proposed_at: NOW }).execute();
    await db.insertInto('corridor_decisions').values({
      corridor_id: 'c', version: 1, party_id: 'p', user_id: 'liaison', decision: 'approve', comment: null,
      signed_at: NOW, signed_payload: payload, signature: partyKey.sign(payload), public_key: partyKey.spki,
    }).execute();
  } finally {
    await database.close();
  }
}


/**
 * A corridor approved before 0012 as the server then did it: the statement it signed was
 * {corridorId, version, versionHash, decision, partyId, userId, signedAt}, and the audit log
 * recorded the draft, the proposal and the approval ({version, versionHash, signature}).
 */
async function approvedBeforePartyKeys(url: string, partyKey: ReturnType<typeof ed25519>): Promise<void> {
  const database = openDatabase(url);
  try {
    const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const content = JSON.parse(JSON.stringify(corridorBody(['p']))) as unknown;
    const versionHash = sha256Hex(versionHashText('c', 1, content));
    await db.updateTable('corridor_versions').set({ version_hash: versionHash }).where('corridor_id', '=', 'c').execute();
    const payload = canonicalJson({ corridorId: 'c', version: 1, versionHash, decision: 'approve', partyId: 'p', userId: 'liaison', signedAt: NOW });
    const signature = partyKey.sign(payload);
    await db.updateTable('corridor_decisions').set({ signed_payload: payload, signature }).where('corridor_id', '=', 'c').execute();
    const events: AuditEvent[] = [];
    const append = (actorUserId: string, actorOrgId: string, action: string, body: object, subjectType = 'corridor', subjectId = 'c') => {
      events.push(chainNext(events.at(-1), { at: NOW, actorUserId, actorOrgId, action, subjectType, subjectId, payloadHash: hashCanonical(body) }));
    };
    append('admin', 'm', 'org.create', { name: 'Mediator', kind: 'mediator', timeZone: 'Europe/Kyiv' }, 'org', 'm');
    append('admin', 'm', 'org.create', { name: 'Party', kind: 'party', timeZone: 'Europe/Kyiv' }, 'org', 'p');
    append('admin', 'm', 'corridor.draft', { version: 1, versionHash });
    append('admin', 'm', 'corridor.propose', { version: 1, versionHash });
    append('liaison', 'p', 'corridor.approve', { version: 1, versionHash, signature });
    await db.insertInto('audit_events').values(events.map((e) => ({
      seq: e.seq, at: e.at, actor_user_id: e.actorUserId, actor_org_id: e.actorOrgId, action: e.action,
      subject_type: e.subjectType, subject_id: e.subjectId, payload_hash: e.payloadHash, prev_hash: e.prevHash, hash: e.hash,
    }))).execute();
    await db.insertInto('audit_head').values({ id: 1, seq: events.at(-1)!.seq, hash: events.at(-1)!.hash }).execute();
  } finally {
    await database.close();
  }
}

describe.each(DIALECTS)('migrations 0012 and 0021 retire server-held party keys on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('deletes the party’s private key, keeps the mediator’s, and the old approval still verifies, marked server-held', async () => {
    database = await createTestDatabase(dialect);
    const mediatorKey = ed25519();
    const partyKey = ed25519();
    const payload = JSON.stringify({ corridorId: 'c', version: 1, decision: 'approve', partyId: 'p', signedAt: NOW });
    await deploymentBeforePartyKeys(database.url, mediatorKey, partyKey, payload);

    // The app migrates on start, as every command does.
    const app = await createApp({ ...loadConfig({}), databaseUrl: database.url, serverKey: SERVER_KEY.toString('base64') }, { logger: false });
    try {
      const db = app.ctx.db;
      expect(await db.selectFrom('org_keys').select(['org_id', 'private_key_enc']).execute()).toEqual([{ org_id: 'm', private_key_enc: mediatorKey.sealed }]);
      const [retired, ...others] = await db.selectFrom('party_keys').selectAll().execute();
      expect(others).toEqual([]);
      expect(retired).toMatchObject({ id: 'server-held-p', org_id: 'p', public_key: partyKey.raw, status: 'retired', server_held: 1, approved_at: null });
      const [decision] = await db.selectFrom('corridor_decisions').selectAll().execute();
      // The decision names the same key in the same raw form as its record (migration 0021).
      expect(decision).toMatchObject({ key_id: 'server-held-p', signed_payload: payload, public_key: partyKey.raw });
      expect(verifyText(decision!.signed_payload, decision!.signature, retired!.public_key)).toBe(true);

      // As the mediator reads it: the retired key among the parties' keys, marked as the server's;
      // the decision on the signatures list with that key, verifiable with its public half alone.
      const mediator: Actor = { userId: 'admin', orgId: 'm', orgKind: 'mediator', role: 'admin' };
      const keys = await listKeys(app.ctx, mediator);
      expect(keys.items).toEqual([expect.objectContaining({ id: 'server-held-p', status: 'retired', serverHeld: true, publicKey: partyKey.raw })]);
      expect(keys.operatorKeys.map((k) => k.orgId)).toEqual(['m']);
      const { items } = await corridorSignatures(app.ctx, mediator, 'c');
      expect(items).toHaveLength(1);
      expect(items[0]!.key).toMatchObject({ id: 'server-held-p', serverHeld: true, status: 'retired' });
      expect(items[0]!.approval.publicKey).toBe(items[0]!.key!.publicKey);
      expect(verifyText(items[0]!.approval.signedPayload, items[0]!.approval.signature, items[0]!.key!.publicKey)).toBe(true);
    } finally {
      await app.close();
    }
  });
  it('puts the pre-0012 approval in the evidence bundle, marked server-held, and it verifies over the statement it was signed in; changed, it fails', async () => {
    database = await createTestDatabase(dialect);
    const mediatorKey = ed25519();
    const partyKey = ed25519();
    await deploymentBeforePartyKeys(database.url, mediatorKey, partyKey, '{}');
    await approvedBeforePartyKeys(database.url, partyKey);

    const app = await createApp({ ...loadConfig({}), databaseUrl: database.url, serverKey: SERVER_KEY.toString('base64') }, { logger: false });
    try {
      const mediator: Actor = { userId: 'admin', orgId: 'm', orgKind: 'mediator', role: 'admin' };
      const bundle = await corridorEvidence(app.ctx, mediator, 'c');
      const text = canonicalJson(bundle);
      expect(bundle.decisions).toEqual([expect.objectContaining({ partyId: 'p', decision: 'approve', keyId: 'server-held-p', publicKey: partyKey.raw })]);
      expect(bundle.keys).toEqual([expect.objectContaining({ id: 'server-held-p', serverHeld: true, status: 'retired', publicKey: partyKey.raw })]);
      const report = await verifyEvidenceBundle(text, { logKey: bundle.log.verifierKey });
      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.warnings.map((w) => w.code)).toContain('KEY_SERVER_HELD');

      // The same old decision, said to be a rejection: its signed statement no longer matches.
      const changed = JSON.parse(text) as EvidenceBundle;
      changed.decisions[0]!.decision = 'reject';
      const refused = await verifyEvidenceBundle(canonicalJson(changed), { logKey: bundle.log.verifierKey });
      expect(refused.ok).toBe(false);
      expect(refused.failures.map((f) => f.code)).toContain('STATEMENT_MISMATCH');

      // Only a server-held key's decision is rebuilt in the older shape: the same key said to be a party's own fails.
      const unmarked = JSON.parse(text) as EvidenceBundle;
      unmarked.keys[0]!.serverHeld = false;
      const notOwn = await verifyEvidenceBundle(canonicalJson(unmarked), { logKey: bundle.log.verifierKey });
      expect(notOwn.ok).toBe(false);
      expect(notOwn.failures.map((f) => f.code)).toContain('STATEMENT_MISMATCH');
    } finally {
      await app.close();
    }
  });
});
