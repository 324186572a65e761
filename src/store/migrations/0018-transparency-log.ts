import type { Kysely, Migration } from 'kysely';

/**
 * The transparency log (issue 11 #4, docs/transparency-log.md): the signed checkpoints the server
 * published, one per tree size, and the witnesses' cosignatures of them. The tree itself is not
 * stored: it is rebuilt from audit_events, whose hashes are its leaves.
 */
export const transparencyLog: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('checkpoints')
      // One checkpoint per size: Ed25519 signatures are deterministic, so two instances signing
      // the same tree write the same note, and the second insert is simply skipped.
      .addColumn('size', 'integer', (c) => c.primaryKey())
      .addColumn('root_hash', 'text', (c) => c.notNull())
      // The C2SP checkpoint body (origin, size, base64 root, each ending in "\n").
      .addColumn('body', 'text', (c) => c.notNull())
      // The log's signed-note signature line, without "\n".
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('cosignatures')
      .addColumn('checkpoint_size', 'integer', (c) => c.notNull().references('checkpoints.size'))
      // Hex of the 4-byte cosignature/v1 key id.
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // base64 of the raw 32-byte Ed25519 key that verified it.
      .addColumn('public_key', 'text', (c) => c.notNull())
      // The party whose approved signing key it is; null for a key from WITNESS_KEYS.
      .addColumn('org_id', 'text', (c) => c.references('orgs.id'))
      // The time the witness signed (from the cosignature), ISO.
      .addColumn('cosigned_at', 'text', (c) => c.notNull())
      .addColumn('line', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('cosignatures_pk', ['checkpoint_size', 'public_key'])
      .execute();
  },
};
