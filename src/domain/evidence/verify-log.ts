import {
  cosignatureKeyId,
  parseCheckpoint,
  parseSignedNote,
  parseVerifierKey,
  signatureLine,
  verifierKey,
  verifyCosignature,
  verifyNote,
  type Checkpoint,
  type SignedNote,
} from '../checkpoint.ts';
import { bytesEqual, bytesToHex, hexToBytes, leafHash, verifyConsistency, verifyInclusion } from '../merkle.ts';
import { canonicalBase64, hashCanonicalWeb, isLowerHex } from './crypto.ts';
import type { EvidenceBundle, EvidenceCheckpoint } from './format.ts';
import type { EvidenceCheck, Findings } from './report.ts';

/**
 * The log's checks: each event's hash from its content, its inclusion proof to the checkpoint's
 * root, the checkpoint's signature by the log's key, the witnesses' cosignatures, and each
 * earlier (or pinned) checkpoint's consistency with it. Hashes and proofs run on WebCrypto.
 */

export interface LogKey {
  name: string;
  rawPublicKey: Uint8Array;
  text: string;
}

export interface ReadCheckpoint {
  checkpoint: Checkpoint;
  note: SignedNote;
  /** The raw keys of the cosignatures that verified. */
  cosigners: Uint8Array[];
}

function hexList(list: readonly string[]): Uint8Array[] | null {
  return list.every((h) => isLowerHex(h)) ? list.map(hexToBytes) : null;
}

export async function checkEvents(b: EvidenceBundle, findings: Findings): Promise<void> {
  // Every hash at once: WebCrypto's digest is asynchronous, and one at a time most of the time
  // goes to waiting (bench/evidence.bench.ts). The findings are written in the events' order.
  const recomputed = await Promise.all(
    b.log.events.map((e) => {
      if (e.kind !== 'event') return null;
      const { kind: _kind, proof: _proof, hash: _hash, ...content } = e;
      return hashCanonicalWeb(content);
    }),
  );
  let previous: EvidenceBundle['log']['events'][number] | undefined;
  for (const [i, e] of b.log.events.entries()) {
    findings.count('events');
    const path = `log.events[${i}]`;
    if (e.seq < 1) findings.fail('events', `${path}.seq`, 'EVENT_SEQ', `is ${e.seq}; audit events start at 1`);
    if (previous && e.seq <= previous.seq) findings.fail('events', `${path}.seq`, 'EVENT_ORDER', `seq ${e.seq} comes after seq ${previous.seq}: events are out of order or repeated`);
    if (!isLowerHex(e.hash)) findings.fail('events', `${path}.hash`, 'EVENT_HASH', 'is not 64 lowercase hex digits');
    if (e.kind === 'event') {
      const hash = recomputed[i];
      if (hash !== e.hash) findings.fail('events', `${path}.hash`, 'EVENT_HASH', `seq ${e.seq} (${e.action}): the hash ${e.hash} does not match the event's content, which hashes to ${hash}`);
      if (previous && previous.seq === e.seq - 1 && e.prevHash !== previous.hash) {
        findings.fail('events', `${path}.prevHash`, 'EVENT_LINK', `seq ${e.seq} does not link to the hash of event ${previous.seq} before it`);
      }
    }
    previous = e;
  }
}

export async function checkProofs(b: EvidenceBundle, size: number, root: Uint8Array, findings: Findings): Promise<void> {
  // All proofs at once (see checkEvents), the findings in the events' order.
  const included = await Promise.all(
    b.log.events.map((e) => {
      const proof = hexList(e.proof);
      if (!proof || e.seq > size || !isLowerHex(e.hash)) return false;
      return leafHash(e.hash).then((leaf) => verifyInclusion(leaf, e.seq - 1, size, proof, root));
    }),
  );
  for (const [i, e] of b.log.events.entries()) {
    findings.count('proofs');
    const path = `log.events[${i}].proof`;
    if (!hexList(e.proof)) {
      findings.fail('proofs', path, 'PROOF_MALFORMED', `seq ${e.seq}: a proof is a list of 64 lowercase hex digits`);
      continue;
    }
    if (e.seq > size) {
      findings.fail('proofs', path, 'PROOF_BEYOND_CHECKPOINT', `seq ${e.seq} is past the checkpoint's ${size} events`);
      continue;
    }
    if (!included[i]) findings.fail('proofs', path, 'PROOF_INVALID', `seq ${e.seq}: the inclusion proof does not lead from the event's hash to the checkpoint's root (size ${size}, root ${bytesToHex(root)})`);
  }
}

/** The log's key: the pinned one when given, else the bundle's own, with a warning that it proves nothing alone. */
export async function logKeyOf(b: EvidenceBundle, pinned: string | undefined, findings: Findings): Promise<LogKey | null> {
  const own = await parseVerifierKey(b.log.verifierKey);
  if (!own.ok || (await verifierKey(own.value.name, own.value.rawPublicKey)) !== b.log.verifierKey) {
    findings.fail('checkpoint', 'log.verifierKey', 'LOG_KEY_MALFORMED', own.ok ? 'is not written the one way a verifier key is written' : own.reason);
  } else if (own.value.name !== b.log.origin) {
    findings.fail('checkpoint', 'log.verifierKey', 'LOG_KEY_NAME', `names ${own.value.name}, not the log's origin ${b.log.origin}`);
  }
  if (pinned === undefined) {
    findings.warn('checkpoint', 'log.verifierKey', 'LOG_KEY_UNPINNED', "checked with the log key the bundle itself carries; pin the operator's key (compared out of band) to prove the checkpoint is the log's");
    return own.ok ? { ...own.value, text: b.log.verifierKey } : null;
  }
  const given = await parseVerifierKey(pinned);
  if (!given.ok) {
    findings.fail('checkpoint', 'options.logKey', 'LOG_KEY_MALFORMED', `the given log key is not a verifier key: ${given.reason}`);
    return null;
  }
  return { ...given.value, text: pinned.trim() };
}

/** Reads and checks one signed checkpoint: the log's signature with `key` and each cosignature with the listed keys. */
export async function readCheckpoint(c: EvidenceCheckpoint, path: string, origin: string, key: LogKey | null, findings: Findings, check: EvidenceCheck): Promise<ReadCheckpoint | null> {
  findings.count(check);
  const parsed = parseSignedNote(c.note);
  if (!parsed.ok) {
    findings.fail(check, `${path}.note`, 'NOTE_MALFORMED', parsed.reason);
    return null;
  }
  const body = parseCheckpoint(parsed.value.body);
  if (!body.ok) {
    findings.fail(check, `${path}.note`, 'CHECKPOINT_MALFORMED', body.reason);
    return null;
  }
  const note = parsed.value;
  for (const [i, s] of note.signatures.entries()) {
    if (signatureLine(s.name, s.keyId, s.value) !== s.line) findings.fail(check, `${path}.note`, 'NOTE_MALFORMED', `signature line ${i + 1} is not written the one way its bytes are written`);
  }
  if (body.value.origin !== origin) findings.fail(check, `${path}.note`, 'ORIGIN_MISMATCH', `the checkpoint is of ${body.value.origin}, not ${origin}`);
  if (key && !(await verifyNote(note, key.name, key.rawPublicKey))) {
    findings.fail(check, `${path}.note`, 'CHECKPOINT_SIGNATURE', `the checkpoint of size ${body.value.size} is not signed by the log key ${key.text}`);
  }
  const cosigners: Uint8Array[] = [];
  const keys = c.cosignerKeys.map((k, i) => {
    const raw = canonicalBase64(k, 32);
    if (!raw) findings.fail('witnesses', `${path}.cosignerKeys[${i}]`, 'KEY_MALFORMED', 'is not base64 of a 32-byte Ed25519 key');
    return raw;
  });
  const used = new Set<number>();
  for (const [i, s] of note.signatures.entries()) {
    // The log's own line (its name is the origin); every other line is a witness's.
    if (s.name === origin && s.value.length === 64) continue;
    findings.count('witnesses');
    let good = false;
    for (const [k, raw] of keys.entries()) {
      if (!raw || !bytesEqual(s.keyId, await cosignatureKeyId(s.name, raw))) continue;
      if ((await verifyCosignature(note.body, s, s.name, raw)).ok) {
        good = true;
        used.add(k);
        cosigners.push(raw);
      }
    }
    if (!good) findings.fail('witnesses', `${path}.note`, 'COSIGNATURE_INVALID', `cosignature line ${i + 1} (${s.name}) verifies with none of the listed cosigner keys`);
  }
  keys.forEach((raw, k) => {
    if (raw && !used.has(k)) findings.fail('witnesses', `${path}.cosignerKeys[${k}]`, 'COSIGNER_UNUSED', 'no cosignature in the note is by this key');
  });
  return { checkpoint: body.value, note, cosigners };
}

/** Each earlier checkpoint must be a prefix of the bundle's: a consistency proof from its root to the bundle's root. */
export async function checkEarlier(b: EvidenceBundle, main: Checkpoint, key: LogKey | null, findings: Findings): Promise<(ReadCheckpoint & { consistent: boolean })[]> {
  const all: (ReadCheckpoint & { consistent: boolean })[] = [];
  let lastSize = -1;
  for (const [i, c] of b.log.earlier.entries()) {
    const path = `log.earlier[${i}]`;
    const read = await readCheckpoint(c, path, b.log.origin, key, findings, 'consistency');
    if (!read) continue;
    const { size, rootHash } = read.checkpoint;
    if (size <= lastSize || size > main.size) findings.fail('consistency', path, 'EARLIER_ORDER', `size ${size}: earlier checkpoints come in growing sizes up to the checkpoint's ${main.size}`);
    lastSize = size;
    const proof = hexList(c.proof);
    const good = proof !== null && (await verifyConsistency(size, main.size, proof, rootHash, main.rootHash));
    all.push({ ...read, consistent: good });
    if (!good) {
      findings.fail(
        'consistency',
        `${path}.proof`,
        'CONSISTENCY_INVALID',
        `the checkpoint of size ${size} (root ${bytesToHex(rootHash)}) is not consistent with the bundle's of size ${main.size} (root ${bytesToHex(main.rootHash)}): the log was rewritten or forked`,
      );
    }
  }
  return all;
}

/** Checkpoints the reader pinned before (a witness's, an earlier bundle's): the bundle's log must extend each. */
export async function checkKnown(known: readonly string[], main: Checkpoint, earlier: readonly (ReadCheckpoint & { consistent: boolean })[], key: LogKey | null, findings: Findings): Promise<void> {
  for (const [i, text] of known.entries()) {
    findings.count('consistency');
    const path = `options.known[${i}]`;
    const note = parseSignedNote(text);
    const body = parseCheckpoint(note.ok ? note.value.body : text);
    if (!body.ok) {
      findings.fail('consistency', path, 'CHECKPOINT_MALFORMED', body.reason);
      continue;
    }
    if (note.ok && key && !(await verifyNote(note.value, key.name, key.rawPublicKey))) {
      findings.fail('consistency', path, 'CHECKPOINT_SIGNATURE', `the pinned checkpoint of size ${body.value.size} is not signed by the log key ${key.text}`);
    }
    const { size, rootHash } = body.value;
    const same = size === main.size ? main : earlier.find((e) => e.checkpoint.size === size)?.checkpoint;
    if (same && !bytesEqual(same.rootHash, rootHash)) {
      findings.fail('consistency', path, 'FORK', `the pinned checkpoint of size ${size} has root ${bytesToHex(rootHash)} but the bundle's log has root ${bytesToHex(same.rootHash)} at that size: the log was forked or rewritten`);
    } else if (!same && size > main.size) {
      findings.fail('consistency', path, 'KNOWN_NEWER', `the pinned checkpoint of size ${size} is newer than the bundle's of size ${main.size}; ask the log for a newer bundle`);
    } else if (!same) {
      findings.fail('consistency', path, 'KNOWN_UNPROVEN', `the bundle carries no consistency proof from the pinned checkpoint of size ${size}`);
    } else if (same !== main && !earlier.find((e) => e.checkpoint.size === size)?.consistent) {
      findings.fail('consistency', path, 'FORK', `the pinned checkpoint of size ${size} is not consistent with the bundle's of size ${main.size}: the log was forked or rewritten`);
    }
  }
}

/** Each given witness key must have cosigned the checkpoint, or an earlier checkpoint consistent with it. */
export function checkWitnesses(witnessKeys: readonly string[], signed: readonly ReadCheckpoint[], findings: Findings): void {
  for (const [i, text] of witnessKeys.entries()) {
    findings.count('witnesses');
    const raw = canonicalBase64(text.trim(), 32);
    if (!raw) {
      findings.fail('witnesses', `options.witness[${i}]`, 'KEY_MALFORMED', `${text} is not base64 of a 32-byte Ed25519 key`);
      continue;
    }
    if (!signed.some((c) => c.cosigners.some((k) => bytesEqual(k, raw)))) {
      findings.fail('witnesses', `options.witness[${i}]`, 'WITNESS_MISSING', `witness ${text} cosigned neither the bundle's checkpoint nor an earlier checkpoint consistent with it`);
    }
  }
}
