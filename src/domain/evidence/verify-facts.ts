import { hashCanonicalWeb } from './crypto.ts';
import type { EvidenceBundle, EvidenceEvent } from './format.ts';
import type { Findings } from './report.ts';
import { signaturesOf } from './verify-keys.ts';

/**
 * The record against the log: each fact of the bundle (a version, a proposal, a decision, a key's
 * enrolment, approval and revocation, a control, a movement's notice, steps and answers, an
 * incident, its statements and clearing, an organisation) has the audit event its command
 * appended, with the payload hash the command computed from the very same fields, at the same
 * time and by the same user; and every such event in the bundle has its fact. A record changed
 * after it was logged, or removed from the bundle while its event stayed, fails here. Signatures
 * must come after their key's approval and before its revocation in the log's own order.
 */

/** Actions whose every event in the bundle must match a record of it. */
const CLAIMED = new Set([
  'corridor.draft', 'corridor.amend', 'corridor.propose', 'corridor.approve', 'corridor.reject', 'corridor.suspend', 'corridor.resume', 'corridor.close',
  'key.enrol', 'key.approve', 'key.revoke',
  'movement.notify', 'movement.acknowledge', 'movement.deny', 'movement.start', 'movement.complete', 'movement.abort',
  'incident.report', 'incident.statement', 'incident.clear', 'incident.verify',
  'org.create',
]);

interface Expectation {
  subjectType: string;
  subjectId: string;
  action: string;
  /** The audit payload the command hashed, rebuilt from the record. */
  payload?: Record<string, unknown>;
  at?: string | null;
  actorUserId?: string | null;
  actorOrgId?: string;
}

class EventIndex {
  private readonly shown: { index: number; event: EvidenceEvent }[];
  private readonly claimed = new Set<number>();

  constructor(
    b: EvidenceBundle,
    private readonly findings: Findings,
  ) {
    this.shown = b.log.events.flatMap((event, index) => (event.kind === 'event' ? [{ index, event }] : []));
  }

  /** Finds and claims the event of this fact; reports what is missing or differs. Returns its seq. */
  async expect(path: string, what: string, x: Expectation): Promise<number | null> {
    this.findings.count('facts');
    const candidates = this.shown.filter((s) => !this.claimed.has(s.index) && s.event.action === x.action && s.event.subjectType === x.subjectType && s.event.subjectId === x.subjectId);
    const payloadHash = x.payload ? await hashCanonicalWeb(x.payload) : null;
    const byPayload = payloadHash === null ? candidates : candidates.filter((s) => s.event.payloadHash === payloadHash);
    const found = byPayload.find((s) => x.at === undefined || s.event.at === x.at) ?? byPayload[0];
    if (!found) {
      const other = candidates[0];
      this.findings.fail(
        'facts',
        path,
        'EVENT_MISSING',
        other
          ? `${what}: its ${x.action} audit event (seq ${other.event.seq}) was logged with another payload hash: the record differs from what was logged`
          : `${what}: no ${x.action} audit event about ${x.subjectType} ${x.subjectId} in the bundle`,
      );
      return null;
    }
    this.claimed.add(found.index);
    const e = found.event;
    const differs = (field: string, logged: unknown, recorded: unknown) =>
      this.findings.fail('facts', `${path}.${field}`, 'EVENT_MISMATCH', `${what}: is ${String(recorded)} but its ${x.action} audit event (seq ${e.seq}) says ${String(logged)}`);
    if (x.at !== undefined && x.at !== null && e.at !== x.at) differs(x.action === 'corridor.propose' ? 'proposedAt' : 'at', e.at, x.at);
    if (x.actorUserId !== undefined && e.actorUserId !== x.actorUserId) differs('userId', e.actorUserId, x.actorUserId);
    if (x.actorOrgId !== undefined && e.actorOrgId !== x.actorOrgId) differs('partyId', e.actorOrgId, x.actorOrgId);
    return e.seq;
  }

  /** Claims every event of an action about a subject (an incident's verifications); returns them in order. */
  claimAll(subjectType: string, subjectId: string, action: string): EvidenceEvent[] {
    const all = this.shown.filter((s) => s.event.action === action && s.event.subjectType === subjectType && s.event.subjectId === subjectId);
    for (const s of all) this.claimed.add(s.index);
    return all.map((s) => s.event);
  }

  unmatched(b: EvidenceBundle): void {
    const subjects = new Set([
      `corridor ${b.corridorId}`,
      ...b.movements.map((m) => `movement ${m.notice.id}`),
      ...b.incidents.map((i) => `incident ${i.id}`),
      ...b.keys.map((k) => `key ${k.id}`),
      ...b.orgs.map((o) => `org ${o.id}`),
    ]);
    for (const { index, event: e } of this.shown) {
      const about = `${e.subjectType} ${e.subjectId}`;
      if (!subjects.has(about)) {
        this.findings.fail('facts', `log.events[${index}]`, 'EVENT_FOREIGN', `seq ${e.seq} (${e.action}) is about ${about}, which is not in the bundle`);
      } else if (CLAIMED.has(e.action) && !this.claimed.has(index)) {
        this.findings.fail('facts', `log.events[${index}]`, 'EVENT_UNMATCHED', `seq ${e.seq} (${e.action} about ${about}) matches no record in the bundle: a record was removed or changed`);
      }
    }
  }
}

export async function checkFacts(b: EvidenceBundle, findings: Findings): Promise<void> {
  const log = new EventIndex(b, findings);
  const corridor = { subjectType: 'corridor', subjectId: b.corridorId };

  for (const [i, v] of b.versions.entries()) {
    const payload = { version: v.version, versionHash: v.versionHash };
    await log.expect(`versions[${i}]`, `version ${v.version}`, { ...corridor, action: v.version === 1 ? 'corridor.draft' : 'corridor.amend', payload, at: v.createdAt, actorUserId: v.createdBy });
    if (v.proposedAt !== null) await log.expect(`versions[${i}]`, `the proposal of version ${v.version}`, { ...corridor, action: 'corridor.propose', payload, at: v.proposedAt });
  }

  const keyEvents = new Map<string, { approved: number | null; revoked: number | null }>();
  for (const [i, k] of b.keys.entries()) {
    if (k.serverHeld) continue;
    const key = { subjectType: 'key', subjectId: k.id };
    const path = `keys[${i}]`;
    await log.expect(path, `the enrolment of key ${k.id}`, { ...key, action: 'key.enrol', payload: { orgId: k.orgId, publicKey: k.publicKey, fingerprint: k.fingerprint }, at: k.enrolledAt, actorUserId: k.enrolledBy });
    const approved = k.approvedAt === null ? null : await log.expect(path, `the approval of key ${k.id}`, { ...key, action: 'key.approve', payload: { orgId: k.orgId, fingerprint: k.fingerprint, reason: null }, at: k.approvedAt, actorUserId: k.approvedBy });
    const revoked =
      k.revokedAt === null ? null : await log.expect(path, `the revocation of key ${k.id}`, { ...key, action: 'key.revoke', payload: { orgId: k.orgId, fingerprint: k.fingerprint, reason: k.revokeReason }, at: k.revokedAt, actorUserId: k.revokedBy });
    keyEvents.set(k.id, { approved, revoked });
  }

  const signatureSeqs = new Map<string, number | null>();
  for (const [i, d] of b.decisions.entries()) {
    const version = b.versions.find((v) => v.version === d.version);
    // Before migration 0012 the server logged a decision it signed with its own key for the party as {version, versionHash, signature}.
    const serverHeld = b.keys.some((k) => k.id === d.keyId && k.serverHeld);
    const payload = serverHeld
      ? { version: d.version, versionHash: version?.versionHash, signature: d.signature }
      : { version: d.version, contentHash: version?.contentHash, keyId: d.keyId, signedAt: d.signedAt, signature: d.signature };
    signatureSeqs.set(`decisions[${i}]`, await log.expect(`decisions[${i}]`, `the ${d.decision} of version ${d.version} by ${d.partyId}`, { ...corridor, action: `corridor.${d.decision}`, payload, actorUserId: d.userId, actorOrgId: d.partyId }));
  }
  for (const [i, c] of b.controls.entries()) {
    await log.expect(`controls[${i}]`, `the ${c.type} of ${c.at}`, { ...corridor, action: `corridor.${c.type}`, payload: { reason: c.reason, incidentId: c.incidentId }, at: c.at, actorUserId: c.byUser });
  }

  for (const [i, m] of b.movements.entries()) {
    const movement = { subjectType: 'movement', subjectId: m.notice.id };
    const path = `movements[${i}]`;
    const n = m.notice;
    await log.expect(path, `the notice of movement ${n.id}`, { ...movement, action: 'movement.notify', payload: { kind: n.kind, corridorId: n.corridorId, departAt: n.departAt, arriveBy: n.arriveBy, warnings: m.warnings }, at: m.createdAt });
    if (m.startedAt !== null) await log.expect(`${path}.startedAt`, `the start of movement ${n.id}`, { ...movement, action: 'movement.start', at: m.startedAt });
    if (m.completedAt !== null) await log.expect(`${path}.completedAt`, `the arrival of movement ${n.id}`, { ...movement, action: 'movement.complete', at: m.completedAt });
    if (m.abortedAt !== null) await log.expect(`${path}.abortedAt`, `the abort of movement ${n.id}`, { ...movement, action: 'movement.abort', at: m.abortedAt });
    for (const [j, a] of m.answers.entries()) {
      const payload = { decision: a.decision, keyId: a.keyId, signedAt: a.signedAt, signature: a.signature };
      const p = `${path}.answers[${j}]`;
      signatureSeqs.set(p, await log.expect(p, `the ${a.decision} of movement ${n.id} by ${a.partyId}`, { ...movement, action: `movement.${a.decision}`, payload, at: a.at, actorUserId: a.userId, actorOrgId: a.partyId }));
    }
  }

  for (const [i, inc] of b.incidents.entries()) {
    const incident = { subjectType: 'incident', subjectId: inc.id };
    const path = `incidents[${i}]`;
    await log.expect(path, `the report of incident ${inc.id}`, { ...incident, action: 'incident.report', payload: { type: inc.type, lat: inc.lat, lon: inc.lon, occurredAt: inc.occurredAt }, at: inc.createdAt, actorOrgId: inc.reportedByOrg });
    findings.count('facts');
    const verifications = log.claimAll('incident', inc.id, 'incident.verify');
    const last = verifications[verifications.length - 1];
    const expected = last ? last.payloadHash : null;
    if (expected === null ? inc.verification !== 'unverified' : expected !== (await hashCanonicalWeb({ status: inc.verification }))) {
      findings.fail('facts', `${path}.verification`, 'EVENT_MISMATCH', `is ${inc.verification} but ${last ? `the last incident.verify audit event (seq ${last.seq}) set another status` : 'no incident.verify audit event set it'}`);
    }
    if (inc.clearedAt !== null) {
      await log.expect(`${path}.clearedAt`, `the clearing of incident ${inc.id}`, { ...incident, action: 'incident.clear', payload: { note: inc.clearedNote, by: inc.clearedBy }, at: inc.clearedAt, actorUserId: inc.clearedBy });
    }
    for (const [j, s] of inc.statements.entries()) {
      const payload = { statementId: s.id, partyId: s.partyId, keyId: s.keyId, signedAt: s.signedAt, textHash: s.textHash, signature: s.signature };
      const p = `${path}.statements[${j}]`;
      signatureSeqs.set(p, await log.expect(p, `the statement of ${s.partyId} on incident ${inc.id}`, { ...incident, action: 'incident.statement', payload, at: s.createdAt, actorUserId: s.userId, actorOrgId: s.partyId }));
    }
  }

  for (const [i, o] of b.orgs.entries()) {
    await log.expect(`orgs[${i}]`, `organisation ${o.id}`, { subjectType: 'org', subjectId: o.id, action: 'org.create', payload: { name: o.name, kind: o.kind, timeZone: o.timeZone } });
  }

  // In the log's own order: the approval before the signature, the revocation (if any) after it.
  for (const { path, signed } of signaturesOf(b)) {
    const seq = signatureSeqs.get(path);
    const key = keyEvents.get(signed.keyId);
    if (seq === null || seq === undefined || !key) continue;
    if (key.approved === null || key.approved > seq) findings.fail('facts', `${path}.keyId`, 'KEY_NOT_APPROVED', `the log has the signature (seq ${seq}) before any approval of key ${signed.keyId}${key.approved === null ? '' : ` (seq ${key.approved})`}`);
    if (key.revoked !== null && key.revoked < seq) findings.fail('facts', `${path}.keyId`, 'KEY_REVOKED', `the log has key ${signed.keyId} revoked (seq ${key.revoked}) before the signature (seq ${seq})`);
  }

  log.unmatched(b);
}
