import { sql, type Kysely, type Selectable } from 'kysely';
import { chainNext, type AuditEvent, type AuditEventContent } from '../domain/audit-chain.ts';
import type { DialectName } from './database.ts';
import { precompiled } from './precompiled.ts';
import type { AuditEventsTable, Schema } from './schema.ts';

// Any constant works; it only has to be the same in every instance sharing the database.
const AUDIT_APPEND_LOCK = 7_283_001;

function toEvent(row: Selectable<AuditEventsTable>): AuditEvent {
  return {
    seq: row.seq,
    at: row.at,
    actorUserId: row.actor_user_id,
    actorOrgId: row.actor_org_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    payloadHash: row.payload_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

// Read and written once per batch of commands: compiled once (store/precompiled.ts).
const AUDIT_HEAD = precompiled((db) => db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1));
const MOVE_AUDIT_HEAD = precompiled((db, seq: number, hash: string) => db.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1));

export async function readAuditHead(db: Kysely<Schema>): Promise<{ seq: number; hash: string } | undefined> {
  return AUDIT_HEAD.first(db);
}

/**
 * Makes this transaction the only one appending to the chain until it ends. Two PostgreSQL
 * instances appending at once would otherwise both read the same head and fork the chain; SQLite
 * transactions are already serialised by its single writer, so there it does nothing.
 */
export async function lockAuditChain(trx: Kysely<Schema>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_APPEND_LOCK})`.execute(trx);
}

/** Rows per insert: well within both dialects' limits on bound parameters (10 per row). */
const APPEND_CHUNK = 500;

/**
 * Appends events in the given order, each chained to the one before: one read of the head, one
 * insert per {@link APPEND_CHUNK} events, one write of the head. Must run inside the transaction
 * that makes the changes they record, after {@link lockAuditChain}, so the changes and their
 * events commit or vanish together.
 */
export async function appendAuditEvents(trx: Kysely<Schema>, contents: readonly Omit<AuditEventContent, 'seq' | 'prevHash'>[]): Promise<AuditEvent[]> {
  if (contents.length === 0) return [];
  const head = await readAuditHead(trx);
  const events: AuditEvent[] = [];
  let previous: Pick<AuditEvent, 'seq' | 'hash'> | undefined = head;
  for (const content of contents) {
    const event = chainNext(previous, content);
    events.push(event);
    previous = event;
  }
  for (let i = 0; i < events.length; i += APPEND_CHUNK) {
    const rows = events.slice(i, i + APPEND_CHUNK).map((event) => ({
      seq: event.seq,
      at: event.at,
      actor_user_id: event.actorUserId,
      actor_org_id: event.actorOrgId,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      payload_hash: event.payloadHash,
      prev_hash: event.prevHash,
      hash: event.hash,
    }));
    await trx.insertInto('audit_events').values(rows).execute();
  }
  const last = events[events.length - 1]!;
  if (head) {
    await MOVE_AUDIT_HEAD.execute(trx, last.seq, last.hash);
  } else {
    await trx.insertInto('audit_head').values({ id: 1, seq: last.seq, hash: last.hash }).execute();
  }
  return events;
}

/** All events in stored order, read a page at a time so a long log never sits in memory whole. */
export async function* readAuditEvents(db: Kysely<Schema>, pageSize = 5000): AsyncGenerator<AuditEvent> {
  let after = Number.NEGATIVE_INFINITY;
  for (;;) {
    let query = db.selectFrom('audit_events').selectAll().orderBy('seq').limit(pageSize);
    if (Number.isFinite(after)) query = query.where('seq', '>', after);
    const rows = await query.execute();
    for (const row of rows) yield toEvent(row);
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = last.seq;
  }
}

export async function listAuditEventsFor(
  db: Kysely<Schema>,
  subjectType: string,
  subjectId: string,
): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
  return rows.map(toEvent);
}
