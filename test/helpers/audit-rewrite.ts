import type { Kysely } from 'kysely';
import { hashAuditEvent } from '../../src/domain/audit-chain.ts';
import type { Schema } from '../../src/store/schema.ts';

/**
 * What an operator holding the database can do: edit one audit event and re-chain every hash
 * after it, so `audit verify` passes again. Only the transparency log's earlier checkpoints (and
 * whoever kept them) can show it.
 */
export async function rewriteAuditEvent(db: Kysely<Schema>, seq: number, change: { at?: string; subject_id?: string }): Promise<void> {
  await db.updateTable('audit_events').set(change).where('seq', '=', seq).execute();
  const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', seq).orderBy('seq').execute();
  let prevHash = (await db.selectFrom('audit_events').select('hash').where('seq', '=', seq - 1).executeTakeFirst())?.hash ?? '0'.repeat(64);
  for (const row of rows) {
    const hash = hashAuditEvent({
      seq: row.seq, at: row.at, actorUserId: row.actor_user_id, actorOrgId: row.actor_org_id, action: row.action,
      subjectType: row.subject_type, subjectId: row.subject_id, payloadHash: row.payload_hash, prevHash,
    });
    await db.updateTable('audit_events').set({ prev_hash: prevHash, hash }).where('seq', '=', row.seq).execute();
    prevHash = hash;
  }
  await db.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();
}
