import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Decisions signed with a server-held key before party-held keys (migration 0012) kept that key
 * as SPKI DER in their own public_key, while every key since, and the retired key's record in
 * party_keys, is the raw 32 bytes. The console and the evidence verifier import raw keys only and
 * compare the decision's key with its record, so such decisions failed to verify there. The same
 * key, written the one way: what it signed still verifies, byte for byte.
 */
export const rawDecisionKeys: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      update corridor_decisions
      set public_key = (select k.public_key from party_keys k where k.id = corridor_decisions.key_id)
      where key_id in (select id from party_keys where server_held = 1)
    `.execute(db);
  },
};
