import { Type } from 'typebox';

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
