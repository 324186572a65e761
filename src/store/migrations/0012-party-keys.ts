import { createHash } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import { fingerprintOfDigest } from '../../domain/statements.ts';

/**
 * Party-held signing keys (issue 15). Until now the server made each organisation's key and
 * signed for its liaisons, so the mediator could have made any "approval". From here a party's
 * liaison makes the key on its own device and enrols only the public half; the party's admin
 * approves it. The server keeps the operator's (mediator's) key for checkpoints and CAP only.
 *
 * Every server-held party key is retired: its public half stays, marked `server_held`, so the
 * decisions it signed still verify and say how they were made; its encrypted private half is
 * deleted from org_keys.
 */
export const partyKeys: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('party_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('algorithm', 'text', (c) => c.notNull())
      // base64 of the raw 32-byte Ed25519 public key.
      .addColumn('public_key', 'text', (c) => c.notNull().unique())
      // Short hex of the key's SHA-256 (the words are derived from the same digest when shown).
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('label', 'text')
      // pending | active | revoked | retired
      .addColumn('status', 'text', (c) => c.notNull())
      // 1 for a key the server made and held before parties held their own: its signatures prove less.
      .addColumn('server_held', 'integer', (c) => c.notNull())
      .addColumn('enrolled_by', 'text', (c) => c.references('users.id'))
      .addColumn('enrolled_at', 'text', (c) => c.notNull())
      .addColumn('approved_by', 'text', (c) => c.references('users.id'))
      .addColumn('approved_at', 'text')
      .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
      .addColumn('revoked_at', 'text')
      .addColumn('revoke_reason', 'text')
      .execute();
    await db.schema.createIndex('party_keys_org').on('party_keys').columns(['org_id', 'status']).execute();

    await db.schema.alterTable('corridor_decisions').addColumn('key_id', 'text').execute();
    for (const column of ['key_id', 'signed_at', 'signed_payload', 'signature', 'public_key']) {
      await db.schema.alterTable('movement_acks').addColumn(column, 'text').execute();
    }

    const held = await sql<{ org_id: string; public_key: string; created_at: string }>`
      select k.org_id, k.public_key, k.created_at from org_keys k join orgs o on o.id = k.org_id where o.kind <> 'mediator'
    `.execute(db);
    const retiredAt = new Date().toISOString();
    for (const row of held.rows) {
      const spki = Buffer.from(row.public_key, 'base64');
      // An Ed25519 SPKI is 12 bytes of header and the raw 32-byte key.
      const raw = spki.subarray(spki.length - 32);
      const { hex } = fingerprintOfDigest(createHash('sha256').update(raw).digest());
      const id = `server-held-${row.org_id}`;
      await sql`
        insert into party_keys (id, org_id, algorithm, public_key, fingerprint, label, status, server_held, enrolled_at, revoked_at, revoke_reason)
        values (${id}, ${row.org_id}, 'Ed25519', ${raw.toString('base64')}, ${hex}, 'made and held by the server before issue 15',
                'retired', 1, ${row.created_at}, ${retiredAt}, 'server-held key retired: parties hold their own keys')
      `.execute(db);
      await sql`update corridor_decisions set key_id = ${id} where party_id = ${row.org_id} and key_id is null`.execute(db);
      await sql`delete from org_keys where org_id = ${row.org_id}`.execute(db);
    }
  },
};
