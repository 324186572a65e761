import { corridorContentText, versionHashText } from '../../../src/domain/statements.ts';
import type { Signatures } from '../../../src/http/schemas/signing.ts';
import { sha256Hex, verifyText } from './webcrypto.ts';

export type SignatureItem = Signatures['items'][number];
export type Verdict = 'checking' | 'verified' | 'failed';

/** The hashes this browser computes from a version's content as the server serves it. */
export interface VersionHashes {
  contentHash: string;
  versionHash: string;
}

export async function versionHashesOf(corridorId: string, version: number, content: unknown): Promise<VersionHashes> {
  return { contentHash: await sha256Hex(corridorContentText(content)), versionHash: await sha256Hex(versionHashText(corridorId, version, content)) };
}

/**
 * Whether a signed decision holds, decided here: the statement must say what the record claims
 * (corridor, version, decision, party, time), name the hash this browser computes from that
 * version's content as the server serves it (else the party signed other words than those shown
 * as that version), and its signature must verify with the enrolled public key, by WebCrypto in
 * this browser. The server's word is not taken for it. A decision signed with a key the server
 * held before migration 0012 names the version hash ({corridorId, version, content}) instead of
 * the content hash; it is checked the same way against that.
 */
export async function decisionVerdict(item: SignatureItem, corridorId: string, hashesOf: (version: number) => Promise<VersionHashes | null>): Promise<Verdict> {
  const { approval, key } = item;
  if (key && key.publicKey !== approval.publicKey) return 'failed';
  let said: Record<string, unknown>;
  try {
    said = JSON.parse(approval.signedPayload) as Record<string, unknown>;
  } catch {
    return 'failed';
  }
  const claims = said.corridorId === corridorId && said.version === approval.version && said.decision === approval.decision && said.partyId === approval.partyId && said.signedAt === approval.signedAt;
  if (!claims) return 'failed';
  const hashes = await hashesOf(approval.version);
  if (!hashes) return 'failed';
  const legacy = key?.serverHeld === true && said.statement === undefined;
  if (legacy ? said.versionHash !== hashes.versionHash : said.contentHash !== hashes.contentHash) return 'failed';
  return (await verifyText(approval.signedPayload, approval.signature, approval.publicKey)) ? 'verified' : 'failed';
}
