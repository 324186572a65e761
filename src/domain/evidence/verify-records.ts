import { canonicalJson } from '../canonical-json.ts';
import {
  corridorContentText,
  corridorDecisionStatement,
  incidentStatementStatement,
  movementAnswerStatement,
  movementNoticeText,
  statementText,
  versionHashText,
  type SignedStatement,
} from '../statements.ts';
import { ed25519VerifyText, sha256HexText } from './crypto.ts';
import type { EvidenceBundle, EvidenceSignature } from './format.ts';
import type { EvidenceCheck, Findings } from './report.ts';
import { latestShownTime, timelineOf } from './timeline.ts';

/**
 * The record's own checks: every hash recomputed from what it covers, every statement rebuilt
 * from the record and compared with the one signed, and every signature checked with its key.
 */

/**
 * What the server signed for a party with the key it held before migration 0012 (docs/signing.md):
 * no statement kind, the version hash ({corridorId, version, content}) instead of the content hash,
 * and the user. Only a decision made with a server-held key is rebuilt in this shape; no party's
 * own key ever signed it.
 */
interface ServerHeldDecisionStatement {
  corridorId: string;
  version: number;
  versionHash: string;
  decision: string;
  partyId: string;
  userId: string;
  signedAt: string;
}

async function checkSigned(findings: Findings, check: EvidenceCheck, path: string, signed: EvidenceSignature, rebuilt: SignedStatement | ServerHeldDecisionStatement): Promise<void> {
  const text = 'statement' in rebuilt ? statementText(rebuilt) : canonicalJson(rebuilt);
  if (text !== signed.statement) {
    findings.fail(check, `${path}.statement`, 'STATEMENT_MISMATCH', `the signed statement ${signed.statement} differs from the one rebuilt from the record, ${text}`);
  }
  if (!(await ed25519VerifyText(text, signed.signature, signed.publicKey))) {
    findings.fail(check, `${path}.signature`, 'SIGNATURE_INVALID', `does not verify with key ${signed.keyId} (${signed.publicKey}) over the statement rebuilt from the record`);
  }
}

export async function checkVersions(b: EvidenceBundle, findings: Findings): Promise<void> {
  for (const [i, v] of b.versions.entries()) {
    findings.count('versions');
    const path = `versions[${i}]`;
    if (v.version !== i + 1) findings.fail('versions', `${path}.version`, 'VERSION_ORDER', `is ${v.version}; versions are numbered 1, 2, … in order`);
    const versionHash = await sha256HexText(versionHashText(b.corridorId, v.version, v.content));
    if (versionHash !== v.versionHash) findings.fail('versions', `${path}.versionHash`, 'HASH_MISMATCH', `is ${v.versionHash} but the content hashes to ${versionHash}`);
    const contentHash = await sha256HexText(corridorContentText(v.content));
    if (contentHash !== v.contentHash) findings.fail('versions', `${path}.contentHash`, 'HASH_MISMATCH', `is ${v.contentHash} but the content hashes to ${contentHash}`);
  }
}

export async function checkDecisions(b: EvidenceBundle, findings: Findings): Promise<void> {
  for (const [i, d] of b.decisions.entries()) {
    findings.count('decisions');
    const path = `decisions[${i}]`;
    const version = b.versions.find((v) => v.version === d.version);
    if (!version) {
      findings.fail('decisions', `${path}.version`, 'VERSION_MISSING', `decides on version ${d.version}, which is not in the bundle`);
      continue;
    }
    const parties = (version.content as { parties?: unknown } | null)?.parties;
    if (!Array.isArray(parties) || !parties.includes(d.partyId)) {
      findings.fail('decisions', `${path}.partyId`, 'NOT_A_PARTY', `${d.partyId} is not a party of version ${d.version}`);
    }
    const serverHeld = b.keys.some((k) => k.id === d.keyId && k.serverHeld);
    const rebuilt = serverHeld
      ? { corridorId: b.corridorId, version: d.version, versionHash: version.versionHash, decision: d.decision, partyId: d.partyId, userId: d.userId, signedAt: d.signedAt }
      : corridorDecisionStatement({ corridorId: b.corridorId, version: d.version, contentHash: version.contentHash, decision: d.decision, partyId: d.partyId, signedAt: d.signedAt });
    await checkSigned(findings, 'decisions', path, d, rebuilt);
  }
}

export async function checkMovements(b: EvidenceBundle, findings: Findings): Promise<void> {
  for (const [i, m] of b.movements.entries()) {
    findings.count('movements');
    const path = `movements[${i}]`;
    if (m.notice.corridorId !== b.corridorId) findings.fail('movements', `${path}.notice.corridorId`, 'OTHER_CORRIDOR', `is ${String(m.notice.corridorId)}, not this corridor`);
    const contentHash = await sha256HexText(movementNoticeText(m.notice));
    if (contentHash !== m.contentHash) findings.fail('movements', `${path}.contentHash`, 'HASH_MISMATCH', `is ${m.contentHash} but the notice hashes to ${contentHash}`);
    if (m.answers.length === 0) findings.warn('movements', path, 'UNANSWERED', 'no party signed an answer to this notice, so only its movement.notify audit event binds it');
    for (const [j, a] of m.answers.entries()) {
      findings.count('movements');
      const rebuilt = movementAnswerStatement({ movementId: m.notice.id, contentHash, decision: a.decision, partyId: a.partyId, signedAt: a.signedAt });
      await checkSigned(findings, 'movements', `${path}.answers[${j}]`, a, rebuilt);
    }
  }
}

export async function checkIncidents(b: EvidenceBundle, findings: Findings): Promise<void> {
  for (const [i, incident] of b.incidents.entries()) {
    findings.count('incidents');
    for (const [j, s] of incident.statements.entries()) {
      findings.count('incidents');
      const path = `incidents[${i}].statements[${j}]`;
      const textHash = await sha256HexText(s.text);
      if (textHash !== s.textHash) findings.fail('incidents', `${path}.textHash`, 'HASH_MISMATCH', `is ${s.textHash} but the text hashes to ${textHash}`);
      const rebuilt = incidentStatementStatement({ incidentId: incident.id, partyId: s.partyId, textHash, signedAt: s.signedAt });
      await checkSigned(findings, 'incidents', path, s, rebuilt);
    }
  }
}

/** The timeline is recomputed from the versions, decisions and controls as of the newest event. */
export function checkTimeline(b: EvidenceBundle, findings: Findings): void {
  findings.count('timeline');
  const asOf = latestShownTime(b.log.events);
  if (asOf !== b.asOf) findings.fail('timeline', 'asOf', 'AS_OF_MISMATCH', `is ${b.asOf} but the newest audit event in the bundle is of ${asOf}`);
  let expected: string;
  try {
    expected = canonicalJson(timelineOf(b.versions, b.decisions, b.controls, asOf));
  } catch {
    expected = 'unreadable';
  }
  const given = canonicalJson(b.timeline);
  if (expected !== given) findings.fail('timeline', 'timeline', 'TIMELINE_MISMATCH', `differs from the timeline recomputed from the versions, decisions and controls: expected ${expected}`);
}
