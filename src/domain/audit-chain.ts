import { hashCanonical } from './hashing.ts';

/**
 * The audit log is an append-only chain: each event's hash covers its content and the previous
 * event's hash, so editing, removing, inserting or reordering a row breaks a link that
 * `verifyChain` names. Payloads are kept only as a hash, so the log holds no personal data.
 */
export interface AuditEventContent {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  payloadHash: string;
  prevHash: string;
}

export interface AuditEvent extends AuditEventContent {
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function hashAuditEvent(content: AuditEventContent): string {
  return hashCanonical({
    seq: content.seq,
    at: content.at,
    actorUserId: content.actorUserId,
    actorOrgId: content.actorOrgId,
    action: content.action,
    subjectType: content.subjectType,
    subjectId: content.subjectId,
    payloadHash: content.payloadHash,
    prevHash: content.prevHash,
  });
}

/** Builds the next event of the chain after `previous` (undefined for the first event). */
export function chainNext(
  previous: Pick<AuditEvent, 'seq' | 'hash'> | undefined,
  content: Omit<AuditEventContent, 'seq' | 'prevHash'>,
): AuditEvent {
  const full: AuditEventContent = {
    ...content,
    seq: previous ? previous.seq + 1 : 1,
    prevHash: previous ? previous.hash : GENESIS_HASH,
  };
  return { ...full, hash: hashAuditEvent(full) };
}

export type ChainVerdict =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; seq: number; reason: string };

export type ChainFailure = Extract<ChainVerdict, { ok: false }>;

/**
 * Checks events one at a time in stored order, so a long log can be streamed through it, then
 * compares the end with the recorded head (the last seq and hash, written in the same
 * transaction as each append), which is what catches a removed or forged event at the end.
 */
export function createChainVerifier(): {
  check(event: AuditEvent): ChainFailure | undefined;
  finish(head: { seq: number; hash: string } | undefined): ChainVerdict;
} {
  let previous: AuditEvent | undefined;
  let count = 0;
  return {
    check(event) {
      count += 1;
      const expectedSeq = previous ? previous.seq + 1 : 1;
      if (event.seq !== expectedSeq) {
        const reason =
          event.seq > expectedSeq
            ? `sequence jumps from ${expectedSeq - 1} to ${event.seq}: event ${expectedSeq} is missing`
            : `out of order: expected event ${expectedSeq}`;
        return { ok: false, count, seq: event.seq, reason };
      }
      if (hashAuditEvent(event) !== event.hash) {
        return { ok: false, count, seq: event.seq, reason: 'hash does not match the event content (edited)' };
      }
      if (event.prevHash !== (previous ? previous.hash : GENESIS_HASH)) {
        return {
          ok: false,
          count,
          seq: event.seq,
          reason: 'link to the previous event is broken (an event before it was removed, inserted or changed)',
        };
      }
      previous = event;
      return undefined;
    },
    finish(head) {
      const lastSeq = previous?.seq ?? 0;
      const lastHash = previous?.hash ?? GENESIS_HASH;
      const headSeq = head?.seq ?? 0;
      const headHash = head?.hash ?? GENESIS_HASH;
      if (headSeq === lastSeq && headHash === lastHash) return { ok: true, count, headHash: lastHash };
      const reason =
        headSeq > lastSeq
          ? `the recorded head is event ${headSeq} but the log ends at ${lastSeq}: events at the end were removed`
          : headSeq < lastSeq
            ? `event ${lastSeq} is past the recorded head ${headSeq}: events were appended outside the system`
            : 'the last event differs from the recorded head (edited)';
      return { ok: false, count, seq: Math.max(headSeq, lastSeq), reason };
    },
  };
}

export function verifyChain(
  events: Iterable<AuditEvent>,
  head: { seq: number; hash: string } | undefined,
): ChainVerdict {
  const verifier = createChainVerifier();
  for (const event of events) {
    const failure = verifier.check(event);
    if (failure) return failure;
  }
  return verifier.finish(head);
}
