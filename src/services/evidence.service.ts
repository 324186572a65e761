import { buildEvidenceBundle, type EvidenceInput } from '../domain/evidence/build.ts';
import type { EvidenceBundle, EvidenceKey, EvidenceMovement } from '../domain/evidence/format.ts';
import { forbidden, notFound, DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { bytesToHex } from '../domain/merkle.ts';
import { isAllowedOnCorridor } from '../domain/policy.ts';
import { listControls, listDecisions, listVersions, loadCorridorAggregate } from '../store/corridors.repository.ts';
import { listAuditEventsAbout, listEarlierCheckpoints, listMovementIdsOfCorridor } from '../store/evidence.repository.ts';
import { listPartyKeysByIds } from '../store/keys.repository.ts';
import { loadMovementAggregate } from '../store/movements.repository.ts';
import { findOrgById } from '../store/orgs.repository.ts';
import type { ServiceContext } from './context.ts';
import { contentOf } from '../domain/corridor-facts.ts';
import { canRead } from './corridor.service.ts';
import { incidentsOfCorridor } from './incident-record.service.ts';
import { presentPartyKey } from './keys.service.ts';
import { presentMovement } from './movement.service.ts';
import { caughtUpTree, checkpointAt, latestCheckpoint, leafIndexOfSeq, logVerifierKey, type CheckpointView } from './transparency-log.service.ts';

/**
 * `GET /api/v1/corridors/:id/evidence` (docs/evidence.md): check rights → load every record of
 * the corridor and the audit events about them → a fresh checkpoint and each event's proof →
 * the pure builder. A read: nothing is stored but the checkpoint the log signs anyway.
 */

/** Earlier checkpoints carried besides the cosigned ones: what a reader who pinned one recently holds. */
const RECENT_CHECKPOINTS = 20;

const cosignerKeysOf = (view: CheckpointView): string[] => [...new Set(view.cosignatures.map((c) => c.publicKey))];

export async function corridorEvidence(ctx: ServiceContext, actor: Actor, id: string): Promise<EvidenceBundle> {
  const aggregate = await loadCorridorAggregate(ctx.db, id);
  if (!aggregate || !canRead(actor, aggregate)) throw notFound('corridor');
  if (!isAllowedOnCorridor(actor, 'corridor.evidence', { parties: contentOf(aggregate).parties, everProposed: aggregate.everProposed })) {
    throw forbidden('take the evidence bundle of this corridor');
  }

  const [versions, decisions, controls, incidents, movementIds] = await Promise.all([
    listVersions(ctx.db, id),
    listDecisions(ctx.db, id),
    listControls(ctx.db, id),
    incidentsOfCorridor(ctx.db, id),
    listMovementIdsOfCorridor(ctx.db, id),
  ]);
  const movements: EvidenceInput['movements'] = [];
  for (const movementId of movementIds) {
    const loaded = await loadMovementAggregate(ctx.db, movementId);
    if (!loaded) continue;
    const view = await presentMovement(ctx, loaded);
    const m = loaded.movement;
    movements.push({
      notice: {
        id: view.id, kind: view.kind, agencyId: view.agencyId, corridorId: view.corridorId, route: view.route, departAt: view.departAt, arriveBy: view.arriveBy,
        vehicles: view.vehicles, personnel: view.personnel, passengers: view.passengers, cargo: view.cargo, urgent: view.urgent, justification: view.justification,
      },
      warnings: view.warnings.map((w) => w.code),
      createdAt: m.created_at,
      startedAt: m.started_at,
      completedAt: m.completed_at,
      abortedAt: m.aborted_at,
      // Answers from before parties signed carry no signature: nothing to verify, so not evidence.
      answers: loaded.acks.flatMap((a): EvidenceMovement['answers'] =>
        a.signature && a.signed_payload && a.signed_at && a.key_id && a.public_key
          ? [{ partyId: a.party_id, userId: a.user_id, decision: a.decision as 'acknowledge' | 'deny', at: a.at, signedAt: a.signed_at, statement: a.signed_payload, signature: a.signature, keyId: a.key_id, publicKey: a.public_key }]
          : [],
      ),
    });
  }

  const keyIds = new Set<string>([
    ...decisions.flatMap((d) => (d.key_id ? [d.key_id] : [])),
    ...movements.flatMap((m) => m.answers.map((a) => a.keyId)),
    ...incidents.flatMap((i) => i.statements.map((s) => s.keyId)),
  ]);
  const keys: EvidenceKey[] = (await listPartyKeysByIds(ctx.db, [...keyIds])).map((row) => {
    const k = presentPartyKey(row);
    return {
      id: k.id, orgId: k.orgId, algorithm: k.algorithm, publicKey: k.publicKey, fingerprint: k.fingerprint, status: k.status, serverHeld: k.serverHeld,
      enrolledBy: k.enrolledBy, enrolledAt: k.enrolledAt, approvedBy: k.approvedBy, approvedAt: k.approvedAt, revokedBy: k.revokedBy, revokedAt: k.revokedAt, revokeReason: k.revokeReason,
    };
  });
  const orgIds = new Set<string>([
    aggregate.corridor.created_by_org,
    ...versions.flatMap((v) => (JSON.parse(v.content) as { parties: string[] }).parties),
    ...keys.map((k) => k.orgId),
    ...movements.map((m) => m.notice.agencyId),
    ...incidents.map((i) => i.reportedByOrg),
  ]);
  const orgs = (await Promise.all([...orgIds].map((o) => findOrgById(ctx.db, o)))).flatMap((o) => (o ? [o] : [])).map((o) => ({ id: o.id, name: o.name, kind: o.kind, timeZone: o.time_zone }));

  // The checkpoint after the records: it covers every event of what was just read.
  const checkpoint = await latestCheckpoint(ctx, { fresh: true });
  const verifierKey = await logVerifierKey(ctx);
  if (!checkpoint || !verifierKey) throw new DomainError('conflict', 'LOG_NOT_READY', 'The transparency log has no key yet (no mediator organisation).');
  const events = await listAuditEventsAbout(ctx.db, [
    { type: 'corridor', ids: [id] },
    { type: 'movement', ids: movementIds },
    { type: 'incident', ids: incidents.map((i) => i.id) },
    { type: 'key', ids: keys.map((k) => k.id) },
    { type: 'org', ids: orgs.map((o) => o.id) },
  ]);
  const tree = await caughtUpTree(ctx);
  const proofs = new Map<number, string[]>();
  for (const e of events) {
    if (e.seq <= checkpoint.size) proofs.set(e.seq, (await tree.inclusionProof(leafIndexOfSeq(e.seq), checkpoint.size)).map(bytesToHex));
  }
  const earlier = [];
  for (const row of await listEarlierCheckpoints(ctx.db, checkpoint.size, RECENT_CHECKPOINTS)) {
    const view = await checkpointAt(ctx, row.size);
    if (!view) continue;
    earlier.push({ note: view.note, cosignerKeys: cosignerKeysOf(view), proof: (await tree.consistencyProof(row.size, checkpoint.size)).map(bytesToHex) });
  }

  return buildEvidenceBundle({
    corridorId: id,
    orgs,
    versions: versions.map((v) => ({ version: v.version, content: JSON.parse(v.content) as unknown, versionHash: v.version_hash, createdAt: v.created_at, createdBy: v.created_by, proposedAt: v.proposed_at })),
    decisions: decisions.flatMap((d) =>
      d.key_id
        ? [{ version: d.version, partyId: d.party_id, userId: d.user_id, decision: d.decision as 'approve' | 'reject', signedAt: d.signed_at, statement: d.signed_payload, signature: d.signature, keyId: d.key_id, publicKey: d.public_key }]
        : [],
    ),
    keys,
    controls: controls.map((c) => ({ type: c.type as 'suspend' | 'resume' | 'close', reason: c.reason, incidentId: c.incident_id, at: c.at, byUser: c.by_user })),
    movements,
    incidents: incidents.map((i) => ({
      id: i.id, type: i.type, lat: i.lat, lon: i.lon, occurredAt: i.occurredAt, reportedByOrg: i.reportedByOrg, createdAt: i.createdAt, verification: i.verification,
      clearedAt: i.clearedAt, clearedBy: i.clearedBy, clearedNote: i.clearedNote,
      statements: i.statements.map((s) => ({ id: s.id, partyId: s.partyId, userId: s.userId, text: s.text, textHash: s.textHash, createdAt: s.createdAt, signedAt: s.signedAt, statement: s.signedPayload, signature: s.signature, keyId: s.keyId, publicKey: s.publicKey })),
    })),
    events,
    proofs,
    log: { origin: checkpoint.origin, verifierKey, size: checkpoint.size, checkpoint: { note: checkpoint.note, cosignerKeys: cosignerKeysOf(checkpoint) }, earlier },
  });
}
