import { canonicalJson } from './canonical-json.ts';

/**
 * What a party signs. Pure and free of Node imports: the console builds the very same bytes in the
 * browser from the version on screen, and the server rebuilds them from the version it holds, so a
 * signature over anything else fails. Each statement names its kind, so a signature made for one
 * kind of record can never be replayed as another.
 */

export type CorridorDecision = 'approve' | 'reject';
export type AcknowledgementDecision = 'acknowledge' | 'deny';

export interface CorridorDecisionStatement {
  statement: 'safe-passage/corridor-decision/1';
  corridorId: string;
  version: number;
  /** Hex SHA-256 of the canonical JSON of the version's content, as `GET …/versions/:v` serves it. */
  contentHash: string;
  decision: CorridorDecision;
  partyId: string;
  signedAt: string;
}

export interface MovementAnswerStatement {
  statement: 'safe-passage/movement-answer/1';
  movementId: string;
  /** Hex SHA-256 of the canonical JSON of the notification (see `movementNotice`). */
  contentHash: string;
  decision: AcknowledgementDecision;
  partyId: string;
  signedAt: string;
}

/**
 * A party's own account of an incident. The statement carries the SHA-256 of the text rather than
 * the text itself: one short form to sign whatever the length or script, and the text is stored
 * and served beside it exactly as written, so anyone rehashes it to check.
 */
export interface IncidentStatementStatement {
  statement: 'safe-passage/incident-statement/1';
  incidentId: string;
  partyId: string;
  /** Hex SHA-256 of the UTF-8 bytes of the text exactly as sent (no trimming, no normalisation). */
  textHash: string;
  signedAt: string;
}

export type SignedStatement = CorridorDecisionStatement | MovementAnswerStatement | IncidentStatementStatement;

export function corridorDecisionStatement(fields: Omit<CorridorDecisionStatement, 'statement'>): CorridorDecisionStatement {
  return { statement: 'safe-passage/corridor-decision/1', ...fields };
}

export function movementAnswerStatement(fields: Omit<MovementAnswerStatement, 'statement'>): MovementAnswerStatement {
  return { statement: 'safe-passage/movement-answer/1', ...fields };
}

export function incidentStatementStatement(fields: Omit<IncidentStatementStatement, 'statement'>): IncidentStatementStatement {
  return { statement: 'safe-passage/incident-statement/1', ...fields };
}

/** The exact text whose UTF-8 bytes are signed. */
export function statementText(statement: SignedStatement): string {
  return canonicalJson(statement);
}

/** The text whose SHA-256 is a version's `versionHash`: the content bound to its corridor and number. */
export function versionHashText(corridorId: string, version: number, content: unknown): string {
  return canonicalJson({ corridorId, version, content });
}

/** The text whose SHA-256 is a corridor version's `contentHash`. */
export function corridorContentText(content: unknown): string {
  return canonicalJson(content);
}

/** The fields of a movement notification a party answers to: what was notified, not its live state. */
export const MOVEMENT_NOTICE_FIELDS = [
  'id',
  'kind',
  'agencyId',
  'corridorId',
  'route',
  'departAt',
  'arriveBy',
  'vehicles',
  'personnel',
  'passengers',
  'cargo',
  'urgent',
  'justification',
] as const;

/** The text whose SHA-256 is a movement's `contentHash`, from the movement as the party reads it. */
export function movementNoticeText(movement: Partial<Record<(typeof MOVEMENT_NOTICE_FIELDS)[number], unknown>>): string {
  const notice: Record<string, unknown> = {};
  for (const field of MOVEMENT_NOTICE_FIELDS) notice[field] = movement[field] ?? null;
  return canonicalJson(notice);
}

/** How far a signing time may lie from the server's clock: a liaison may sign off-line and walk the file over. */
export const SIGNED_AT_PAST_MS = 24 * 60 * 60 * 1000;
export const SIGNED_AT_FUTURE_MS = 5 * 60 * 1000;

/**
 * The one spelling of a signing time (`2022-03-08T07:30:00.000Z`), or null if `text` is not an
 * instant with a zone. The statement carries this spelling, so there is one text to sign.
 */
export function normaliseSignedAt(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Why a signing time cannot be accepted now, or null when it is plausible. */
export function signedAtProblem(signedAt: string, now: Date, notBefore: string | null): string | null {
  const ms = Date.parse(signedAt);
  if (ms > now.getTime() + SIGNED_AT_FUTURE_MS) return 'lies in the future';
  if (ms < now.getTime() - SIGNED_AT_PAST_MS) return 'is more than a day old';
  if (notBefore !== null && ms < Date.parse(notBefore)) return 'is earlier than the record it signs';
  return null;
}

// ── Key fingerprints ─────────────────────────────────────────────────────────

/**
 * Sixty-four short words, unlike in sound, to read a fingerprint over a bad phone line; each
 * carries six bits. Latin script because liaisons of every party read them to each other.
 */
const FINGERPRINT_WORDS = [
  'anchor', 'bamboo', 'candle', 'desert', 'eagle', 'falcon', 'garden', 'harbor',
  'island', 'jacket', 'kettle', 'lemon', 'marble', 'needle', 'orange', 'pepper',
  'quartz', 'rabbit', 'saddle', 'tiger', 'umbrella', 'violin', 'walnut', 'yellow',
  'zebra', 'barrel', 'copper', 'dragon', 'engine', 'forest', 'guitar', 'hammer',
  'igloo', 'jungle', 'koala', 'ladder', 'magnet', 'nickel', 'oyster', 'pencil',
  'rocket', 'silver', 'tomato', 'velvet', 'window', 'bridge', 'cactus', 'dolphin',
  'feather', 'glacier', 'helmet', 'lantern', 'meadow', 'orchid', 'parrot', 'river',
  'salmon', 'tunnel', 'valley', 'wizard', 'button', 'cherry', 'donkey', 'planet',
] as const;

export interface KeyFingerprint {
  /** The first 8 bytes of the key's SHA-256, in four groups: `3f2a 91c0 7d44 e815`. */
  hex: string;
  /** The first 48 bits of the same digest as eight words. */
  words: string;
}

/** A key's fingerprint from the SHA-256 digest of its raw 32 bytes (the caller hashes: Node or WebCrypto). */
export function fingerprintOfDigest(digest: Uint8Array): KeyFingerprint {
  if (digest.length < 8) throw new RangeError('a SHA-256 digest has 32 bytes');
  const hexBytes = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
  const hex = hexBytes.match(/.{4}/g)?.join(' ') ?? hexBytes;
  let bits = 0n;
  for (const byte of digest.slice(0, 6)) bits = (bits << 8n) | BigInt(byte);
  const words: string[] = [];
  for (let i = 7; i >= 0; i -= 1) words.push(FINGERPRINT_WORDS[Number((bits >> BigInt(i * 6)) & 63n)] ?? '?');
  return { hex, words: words.join(' ') };
}

// ── Base64 without Buffer, for code the browser shares ───────────────────────

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Strict base64 to bytes, or null for text that is not base64. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
