import type { AuditEvent } from '../audit-chain.ts';
import { sha256Hex } from '../hashing.ts';
import { corridorContentText, movementNoticeText } from '../statements.ts';
import {
  EVIDENCE_FORMAT,
  isShownEvent,
  type EvidenceBundle,
  type EvidenceCheckpoint,
  type EvidenceControl,
  type EvidenceDecision,
  type EvidenceEarlierCheckpoint,
  type EvidenceIncident,
  type EvidenceKey,
  type EvidenceLogEntry,
  type EvidenceMovement,
  type EvidenceMovementNotice,
  type EvidenceOrg,
  type EvidenceVersion,
} from './format.ts';
import { latestShownTime, timelineOf } from './timeline.ts';

/**
 * Builds a corridor's evidence bundle from what the service loaded: pure, so the same input
 * always gives the same bundle. The service chose the records (rights, the corridor's movements
 * and incidents) and asked the log for proofs; here the events are ordered, those about people
 * reduced to hash and proof, and the timeline computed as of the newest event.
 */
export interface EvidenceInput {
  corridorId: string;
  orgs: EvidenceOrg[];
  versions: Omit<EvidenceVersion, 'contentHash'>[];
  decisions: EvidenceDecision[];
  keys: EvidenceKey[];
  controls: EvidenceControl[];
  movements: (Omit<EvidenceMovement, 'contentHash'> & { notice: EvidenceMovementNotice })[];
  incidents: EvidenceIncident[];
  /** Every audit event about the records above, any order; those past the checkpoint are dropped. */
  events: AuditEvent[];
  /** The inclusion proof (hex) of each event's leaf in the checkpoint's tree, by seq. */
  proofs: ReadonlyMap<number, string[]>;
  log: { origin: string; verifierKey: string; size: number; checkpoint: EvidenceCheckpoint; earlier: EvidenceEarlierCheckpoint[] };
}

export function buildEvidenceBundle(input: EvidenceInput): EvidenceBundle {
  const covered = [...new Map(input.events.map((e) => [e.seq, e])).values()].filter((e) => e.seq <= input.log.size).sort((a, b) => a.seq - b.seq);
  const entries: EvidenceLogEntry[] = covered.map((e) => {
    const proof = input.proofs.get(e.seq);
    if (!proof) throw new Error(`no inclusion proof for audit event ${e.seq}`);
    return isShownEvent(e) ? { kind: 'event', ...e, proof } : { kind: 'redacted', seq: e.seq, hash: e.hash, proof };
  });
  const asOf = latestShownTime(entries);
  const versions = [...input.versions].sort((a, b) => a.version - b.version).map((v) => ({ ...v, contentHash: sha256Hex(corridorContentText(v.content)) }));
  const decisions = [...input.decisions].sort((a, b) => a.version - b.version || a.signedAt.localeCompare(b.signedAt) || a.partyId.localeCompare(b.partyId));
  const controls = [...input.controls].sort((a, b) => a.at.localeCompare(b.at));
  return {
    format: EVIDENCE_FORMAT,
    corridorId: input.corridorId,
    asOf,
    orgs: [...input.orgs].sort((a, b) => a.id.localeCompare(b.id)),
    versions,
    decisions,
    keys: [...input.keys].sort((a, b) => a.id.localeCompare(b.id)),
    controls,
    timeline: timelineOf(versions, decisions, controls, asOf),
    movements: [...input.movements]
      .sort((a, b) => a.notice.id.localeCompare(b.notice.id))
      .map((m) => ({ ...m, contentHash: sha256Hex(movementNoticeText(m.notice)), answers: [...m.answers].sort((a, b) => a.partyId.localeCompare(b.partyId)) })),
    incidents: [...input.incidents].sort((a, b) => a.id.localeCompare(b.id)),
    log: {
      origin: input.log.origin,
      verifierKey: input.log.verifierKey,
      checkpoint: input.log.checkpoint,
      earlier: input.log.earlier,
      events: entries,
    },
  };
}
