import {
  corridorContentText,
  corridorDecisionStatement,
  incidentStatementStatement,
  movementAnswerStatement,
  movementNoticeText,
  type AcknowledgementDecision,
  type CorridorDecision,
  type SignedStatement,
  versionHashText,
} from '../../../src/domain/statements.ts';
import { sha256Hex } from './webcrypto.ts';

/**
 * The statements a liaison signs, built in the browser from the record on the screen. The hashes
 * are computed here from what is shown; when the version hash differs from the one the server
 * gave for that record, what is on screen is not what the server holds, and nothing is signed.
 */
export class ContentMismatchError extends Error {
  constructor(
    readonly shown: string,
    readonly served: string,
  ) {
    super(`content hash ${shown} of the record on screen differs from the server's ${served}`);
  }
}

export interface CorridorVersionOnScreen {
  corridorId: string;
  version: number;
  content: unknown;
  versionHash: string;
}

export async function corridorDecisionOnScreen(
  shown: CorridorVersionOnScreen,
  decision: CorridorDecision,
  partyId: string,
  signedAt: string,
): Promise<SignedStatement> {
  const versionHash = await sha256Hex(versionHashText(shown.corridorId, shown.version, shown.content));
  if (versionHash !== shown.versionHash) throw new ContentMismatchError(versionHash, shown.versionHash);
  const contentHash = await sha256Hex(corridorContentText(shown.content));
  return corridorDecisionStatement({ corridorId: shown.corridorId, version: shown.version, contentHash, decision, partyId, signedAt });
}

/** A movement's notification as the party reads it; the server's `contentHash` of it, when it sends one, is checked too. */
export async function movementAnswerOnScreen(
  movement: Parameters<typeof movementNoticeText>[0] & { id: string; contentHash?: string | null },
  decision: AcknowledgementDecision,
  partyId: string,
  signedAt: string,
): Promise<SignedStatement> {
  const contentHash = await sha256Hex(movementNoticeText(movement));
  if (movement.contentHash && movement.contentHash !== contentHash) throw new ContentMismatchError(contentHash, movement.contentHash);
  return movementAnswerStatement({ movementId: movement.id, contentHash, decision, partyId, signedAt });
}

/** A party's own words on an incident: the statement carries the SHA-256 of the text as typed, computed here. */
export async function incidentStatementOnScreen(incidentId: string, partyId: string, text: string, signedAt: string): Promise<SignedStatement> {
  return incidentStatementStatement({ incidentId, partyId, textHash: await sha256Hex(text), signedAt });
}
