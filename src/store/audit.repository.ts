import { sql, type Kysely, type Selectable } from 'kysely';
import { chainNext, type AuditEvent, type AuditEventContent } from '../domain/audit-chain.ts';
import type { DialectName } from './database.ts';
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

export async function readAuditHead(db: Kysely<Schema>): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
}

/**
 * Appends one event. Must run inside the transaction that makes the change it records, so the
 * change and its audit event commit or vanish together.
 */
export async function appendAuditEvent(
  trx: Kysely<Schema>,
  dialect: DialectName,
  content: Omit<AuditEventContent, 'seq' | 'prevHash'>,
): Promise<AuditEvent> {
  // Two PostgreSQL instances appending at once would otherwise both read the same head and fork
  // the chain; SQLite transactions are already serialised by its single writer.
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_APPEND_LOCK})`.execute(trx);
  const head = await readAuditHead(trx);
  const event = chainNext(head, content);
  await trx
    .insertInto('audit_events')
    .values({
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
    })
    .execute();
  if (head) {
    await trx.updateTable('audit_head').set({ seq: event.seq, hash: event.hash }).where('id', '=', 1).execute();
  } else {
    await trx.insertInto('audit_head').values({ id: 1, seq: event.seq, hash: event.hash }).execute();
  }
  return event;
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
