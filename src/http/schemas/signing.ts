import { Type, type Static } from 'typebox';
import { ApprovalOut } from './corridor.ts';

/** What a party sends with a signed decision: the server rebuilds the statement and checks these. */
export const SignatureFields = {
  keyId: Type.String({ minLength: 1, maxLength: 100, description: 'an active key of your party (`GET /api/v1/keys`)' }),
  signedAt: Type.String({ minLength: 1, maxLength: 40, description: 'RFC 3339; the statement carries it as UTC with milliseconds' }),
  signature: Type.String({ minLength: 1, maxLength: 200, description: 'base64 Ed25519 over the UTF-8 bytes of the statement' }),
};

export const StatementOut = Type.Object({
  statement: Type.String({ description: 'RFC 8785 canonical JSON; sign its UTF-8 bytes' }),
  contentHash: Type.String(),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const PartyKeyOut = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  algorithm: Type.String(),
  publicKey: Type.String({ description: 'base64 of the raw 32-byte Ed25519 public key' }),
  fingerprint: Type.String({ description: 'first 8 bytes of the SHA-256 of the raw key, hex in groups of four' }),
  fingerprintWords: Type.String({ description: 'the first 48 bits of the same digest as eight words' }),
  label: Nullable(Type.String()),
  status: Type.Enum(['pending', 'active', 'revoked', 'retired'] as const),
  serverHeld: Type.Boolean({ description: 'made and held by the server before parties held their own keys' }),
  enrolledBy: Nullable(Type.String()),
  enrolledAt: Type.String(),
  approvedBy: Nullable(Type.String()),
  approvedAt: Nullable(Type.String()),
  revokedBy: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()),
});

export const KeysListOut = Type.Object({
  items: Type.Array(PartyKeyOut),
  operatorKeys: Type.Array(Type.Object({ orgId: Type.String(), algorithm: Type.String(), publicKey: Type.String({ description: 'base64 SPKI DER' }), createdAt: Type.String() })),
});

/** `GET /corridors/:id/signatures`: each decision with the key that made it and that key's enrolment. */
export const SignaturesOut = Type.Object({ items: Type.Array(Type.Object({ approval: ApprovalOut, key: Type.Union([PartyKeyOut, Type.Null()]) })) });

export type PartyKey = Static<typeof PartyKeyOut>;
export type KeysList = Static<typeof KeysListOut>;
export type Signatures = Static<typeof SignaturesOut>;
export type Statement = Static<typeof StatementOut>;
