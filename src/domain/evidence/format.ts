import type { TimelineEntry } from '../corridor-status.ts';

/**
 * The evidence bundle of one corridor (docs/evidence.md): everything a court clerk needs to check,
 * offline and without trusting the operator, what each party signed and that the record is the
 * one the transparency log holds. Every field is bound by something the verifier recomputes: a
 * hash, a party's signature, an audit event's payload hash or time, or the log's signature. A field
 * nothing binds (a decision's free comment, a key's label, an incident's description) is left out,
 * since the verifier could not vouch for it. Personal data never enters: passengers are counts,
 * audit events about people are their hash and proof only.
 *
 * The file is the RFC 8785 canonical JSON of the bundle, so its bytes are fixed too.
 */

export const EVIDENCE_FORMAT = 'safe-passage/evidence-bundle/1';

export interface EvidenceOrg {
  id: string;
  name: string;
  kind: string;
  timeZone: string;
}

export interface EvidenceVersion {
  version: number;
  content: unknown;
  /** SHA-256 of the canonical JSON of {corridorId, version, content}. */
  versionHash: string;
  /** SHA-256 of the canonical JSON of content: what a decision statement names. */
  contentHash: string;
  createdAt: string;
  createdBy: string;
  proposedAt: string | null;
}

/** A party's signature over a statement, with the key that made it. */
export interface EvidenceSignature {
  signedAt: string;
  /** The exact statement text whose UTF-8 bytes were signed (RFC 8785 canonical JSON). */
  statement: string;
  /** base64 of the 64-byte Ed25519 signature. */
  signature: string;
  keyId: string;
  /** base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
}

export interface EvidenceDecision extends EvidenceSignature {
  version: number;
  partyId: string;
  userId: string;
  decision: 'approve' | 'reject';
}

export interface EvidenceKey {
  id: string;
  orgId: string;
  algorithm: string;
  publicKey: string;
  fingerprint: string;
  status: string;
  serverHeld: boolean;
  enrolledBy: string | null;
  enrolledAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface EvidenceControl {
  type: 'suspend' | 'resume' | 'close';
  reason: string;
  incidentId: string | null;
  at: string;
  byUser: string;
}

/** The fields of a movement notification a party answers to (statements.ts MOVEMENT_NOTICE_FIELDS): counts, never names. */
export interface EvidenceMovementNotice {
  id: string;
  kind: string;
  agencyId: string;
  corridorId: string | null;
  route: unknown;
  departAt: string;
  arriveBy: string;
  vehicles: unknown;
  personnel: number;
  passengers: number | null;
  cargo: unknown;
  urgent: boolean;
  justification: string | null;
}

export interface EvidenceAnswer extends EvidenceSignature {
  partyId: string;
  userId: string;
  decision: 'acknowledge' | 'deny';
  at: string;
}

export interface EvidenceMovement {
  notice: EvidenceMovementNotice;
  /** SHA-256 of the canonical notice: what an answer statement names. */
  contentHash: string;
  /** Warning codes the movement was notified with (they are in its movement.notify audit payload). */
  warnings: string[];
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  abortedAt: string | null;
  answers: EvidenceAnswer[];
}

export interface EvidenceIncidentStatement extends EvidenceSignature {
  id: string;
  partyId: string;
  userId: string;
  text: string;
  textHash: string;
  createdAt: string;
}

export interface EvidenceIncident {
  id: string;
  type: string;
  lat: number;
  lon: number;
  occurredAt: string;
  reportedByOrg: string;
  createdAt: string;
  verification: string;
  clearedAt: string | null;
  clearedBy: string | null;
  clearedNote: string | null;
  statements: EvidenceIncidentStatement[];
}

/** An audit event with its RFC 9162 inclusion proof (hex, leaf up) in the bundle's checkpoint. */
export interface EvidenceEvent {
  kind: 'event';
  seq: number;
  at: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  payloadHash: string;
  prevHash: string;
  hash: string;
  proof: string[];
}

/** An audit event about people: only its hash and proof, so it is provably in the log and says nothing. */
export interface EvidenceRedactedEvent {
  kind: 'redacted';
  seq: number;
  hash: string;
  proof: string[];
}

export type EvidenceLogEntry = EvidenceEvent | EvidenceRedactedEvent;

export interface EvidenceCheckpoint {
  /** The C2SP signed note: the checkpoint body, the log's signature line, then each cosignature line. */
  note: string;
  /** base64 raw Ed25519 keys of the witnesses whose cosignatures are in the note. */
  cosignerKeys: string[];
}

/** A checkpoint the log signed before, with a consistency proof from it to the bundle's checkpoint. */
export interface EvidenceEarlierCheckpoint extends EvidenceCheckpoint {
  proof: string[];
}

export interface EvidenceLog {
  origin: string;
  /** The log's verifier key (`<name>+<key id>+<base64>`); pin it out of band, do not trust it from here. */
  verifierKey: string;
  checkpoint: EvidenceCheckpoint;
  earlier: EvidenceEarlierCheckpoint[];
  events: EvidenceLogEntry[];
}

export interface EvidenceBundle {
  format: typeof EVIDENCE_FORMAT;
  corridorId: string;
  /** The time of the newest audit event in the bundle: the record as of then (the timeline's clock). */
  asOf: string;
  orgs: EvidenceOrg[];
  versions: EvidenceVersion[];
  decisions: EvidenceDecision[];
  keys: EvidenceKey[];
  controls: EvidenceControl[];
  timeline: TimelineEntry[];
  movements: EvidenceMovement[];
  incidents: EvidenceIncident[];
  log: EvidenceLog;
}

/**
 * Audit events shown with their content: those about corridors, incidents, keys, organisations and
 * a movement's own steps. Any other (a manifest, boarding, a person's record, whatever is added
 * later) is shown as hash and proof only: a whitelist, so a new kind of event stays out by default.
 */
const MOVEMENT_ACTIONS: ReadonlySet<string> = new Set([
  'movement.notify',
  'movement.acknowledge',
  'movement.deny',
  'movement.start',
  'movement.complete',
  'movement.abort',
  'movement.checkin',
  'movement.delivery',
  'movement.overdue',
]);

export function isShownEvent(event: { action: string; subjectType: string }): boolean {
  if (event.subjectType === 'movement') return MOVEMENT_ACTIONS.has(event.action);
  if (event.subjectType === 'org') return event.action === 'org.create';
  return ['corridor', 'incident', 'key'].includes(event.subjectType) && event.action.startsWith(`${event.subjectType}.`);
}
