import { canonicalJson } from '../canonical-json.ts';
import { EVIDENCE_FORMAT } from './format.ts';
import { Findings, type EvidenceReport } from './report.ts';
import { checkShape } from './shape.ts';
import { checkFacts } from './verify-facts.ts';
import { checkKeys } from './verify-keys.ts';
import { checkEarlier, checkEvents, checkKnown, checkProofs, checkWitnesses, logKeyOf, readCheckpoint } from './verify-log.ts';
import { checkDecisions, checkIncidents, checkMovements, checkTimeline, checkVersions } from './verify-records.ts';

export interface VerifyOptions {
  /** The log's verifier key, compared with the operator's out of band. Without it the bundle's own is used, with a warning. */
  logKey?: string | undefined;
  /** base64 raw Ed25519 keys of witnesses that must have cosigned (the checkpoint, or an earlier one consistent with it). */
  witnessKeys?: readonly string[] | undefined;
  /** Checkpoints (signed notes or bodies) the reader saw before: the bundle's log must extend each. */
  knownCheckpoints?: readonly string[] | undefined;
}

/**
 * Verifies an evidence bundle from the text of its file, offline: no database, no network,
 * WebCrypto only (docs/evidence.md lists every check). Never throws: whatever the file holds, the
 * answer is a report naming each failure and where it is.
 */
export async function verifyEvidenceBundle(text: string, options: VerifyOptions = {}): Promise<EvidenceReport> {
  const findings = new Findings();
  try {
    await verifyInto(text, options, findings);
  } catch (error) {
    findings.fail('file', 'bundle', 'UNREADABLE', `the bundle could not be checked: ${error instanceof Error ? error.message : String(error)}`);
  }
  return findings.report();
}

async function verifyInto(text: string, options: VerifyOptions, findings: Findings): Promise<void> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    findings.fail('file', 'bundle', 'NOT_JSON', `the file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const b = checkShape(value, findings);
  if (!b) return;
  if (b.format !== EVIDENCE_FORMAT) return void findings.fail('file', 'format', 'FORMAT_UNKNOWN', `is ${b.format}; this verifier reads ${EVIDENCE_FORMAT}`);
  // The file is the canonical JSON of its content, so no byte of it can change unseen.
  if (canonicalJson(b) !== text) findings.fail('file', 'bundle', 'NOT_CANONICAL', 'the file is not the RFC 8785 canonical JSON of its content (it was re-formatted or edited)');

  await checkVersions(b, findings);
  await checkDecisions(b, findings);
  await checkMovements(b, findings);
  await checkIncidents(b, findings);
  await checkKeys(b, findings);
  checkTimeline(b, findings);
  await checkEvents(b, findings);

  const key = await logKeyOf(b, options.logKey, findings);
  const main = await readCheckpoint(b.log.checkpoint, 'log.checkpoint', b.log.origin, key, findings, 'checkpoint');
  if (main) {
    await checkProofs(b, main.checkpoint.size, main.checkpoint.rootHash, findings);
    const earlier = await checkEarlier(b, main.checkpoint, key, findings);
    await checkKnown(options.knownCheckpoints ?? [], main.checkpoint, earlier, key, findings);
    checkWitnesses(options.witnessKeys ?? [], [main, ...earlier.filter((e) => e.consistent)], findings);
  }
  await checkFacts(b, findings);
}
