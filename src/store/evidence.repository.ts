import type { Kysely } from 'kysely';
import type { AuditEvent } from '../domain/audit-chain.ts';
import type { CheckpointRow } from './checkpoints.repository.ts';
import type { Schema } from './schema.ts';

/** What the evidence bundle reads beyond the other repositories: a corridor's movements, the events of its records, earlier checkpoints. */

export async function listMovementIdsOfCorridor(db: Kysely<Schema>, corridorId: string): Promise<string[]> {
  const rows = await db.selectFrom('movements').select('id').where('corridor_id', '=', corridorId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Every audit event about any of these subjects, in chain order. */
export async function listAuditEventsAbout(db: Kysely<Schema>, subjects: readonly { type: string; ids: readonly string[] }[]): Promise<AuditEvent[]> {
  const wanted = subjects.filter((s) => s.ids.length > 0);
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where((eb) => eb.or(wanted.map((s) => eb.and([eb('subject_type', '=', s.type), eb('subject_id', 'in', [...s.ids])]))))
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
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
  }));
}

/**
 * Checkpoints smaller than `size` a reader may hold: every one a witness cosigned and the last
 * `recent` stored, oldest first (each gets a consistency proof to the bundle's checkpoint).
 */
export async function listEarlierCheckpoints(db: Kysely<Schema>, size: number, recent: number): Promise<CheckpointRow[]> {
  const cosigned = await db
    .selectFrom('checkpoints')
    .selectAll()
    .where('size', '<', size)
    .where('size', 'in', db.selectFrom('cosignatures').select('checkpoint_size'))
    .orderBy('size', 'desc')
    .limit(1000)
    .execute();
  const latest = await db.selectFrom('checkpoints').selectAll().where('size', '<', size).orderBy('size', 'desc').limit(recent).execute();
  return [...new Map([...cosigned, ...latest].map((r) => [r.size, r])).values()].sort((a, b) => a.size - b.size);
}
