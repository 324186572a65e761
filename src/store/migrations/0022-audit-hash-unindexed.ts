import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Drops the unique index on `audit_events.hash`.
 *
 * No query looks an event up by its hash (the chain is read by `seq`, the evidence by subject),
 * and the index cannot catch what matters: each hash covers the one before it, so a forged or
 * reordered event breaks the chain, which `audit verify` and the transparency log check. What the
 * index did cost: a hash is random, so every appended event rewrote a random leaf page of it, and
 * on SQLite that page went to the WAL and then to the database again at the checkpoint. It was
 * the largest single cost of a check-in under load (bench/README.md, "Check-in ingest").
 *
 * SQLite cannot drop a column's UNIQUE (its automatic index), so the table is built again, rows
 * and `seq` unchanged.
 */
export const auditHashUnindexed: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`alter table audit_events drop constraint if exists audit_events_hash_key`.execute(db);
      return;
    }
    await sql`
      create table audit_events_next (
        seq integer primary key,
        at text not null,
        actor_user_id text,
        actor_org_id text,
        action text not null,
        subject_type text not null,
        subject_id text not null,
        payload_hash text not null,
        prev_hash text not null,
        hash text not null
      )
    `.execute(db);
    await sql`
      insert into audit_events_next (seq, at, actor_user_id, actor_org_id, action, subject_type, subject_id, payload_hash, prev_hash, hash)
      select seq, at, actor_user_id, actor_org_id, action, subject_type, subject_id, payload_hash, prev_hash, hash from audit_events
    `.execute(db);
    await sql`drop table audit_events`.execute(db);
    await sql`alter table audit_events_next rename to audit_events`.execute(db);
    await sql`create index audit_events_subject on audit_events (subject_type, subject_id)`.execute(db);
  },
};
