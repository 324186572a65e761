import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import { bytesToBase64 } from '../../src/domain/statements.ts';
import { decisionVerdict, versionHashesOf, type SignatureItem } from '../../web/src/signing/decision-verdict.ts';

/** The console's own check of a signed decision (the signatures panel), run on Node's WebCrypto. */

const CONTENT = { name: 'Суми → Полтава 🚌', maxVehicles: 1e21, route: [[34.79, -0]] };
const SIGNED_AT = '2022-03-08T07:30:00.000Z';

async function signer(): Promise<{ publicKey: string; sign: (text: string) => Promise<string> }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = bytesToBase64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  return { publicKey, sign: async (text) => bytesToBase64(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, new TextEncoder().encode(text)))) };
}

async function item(statement: Record<string, unknown>, serverHeld: boolean): Promise<SignatureItem> {
  const key = await signer();
  const signedPayload = canonicalJson(statement);
  // Only the fields the check reads; the rest of the API's shape plays no part in it.
  return {
    approval: { version: 1, decision: 'approve', partyId: 'p', signedAt: SIGNED_AT, signedPayload, signature: await key.sign(signedPayload), publicKey: key.publicKey },
    key: { publicKey: key.publicKey, serverHeld },
  } as unknown as SignatureItem;
}

describe('the signatures panel’s verdict, reached in the browser', () => {
  it('verifies a party’s decision only over the content hash of the version as served', async () => {
    const hashes = await versionHashesOf('c', 1, CONTENT);
    const good = await item({ statement: 'safe-passage/corridor-decision/1', corridorId: 'c', version: 1, contentHash: hashes.contentHash, decision: 'approve', partyId: 'p', signedAt: SIGNED_AT }, false);
    expect(await decisionVerdict(good, 'c', async () => hashes)).toBe('verified');
    // The same true signature, shown beside other words for that version: not verified.
    const other = await versionHashesOf('c', 1, { ...CONTENT, name: 'Суми → Бєлгород' });
    expect(await decisionVerdict(good, 'c', async () => other)).toBe('failed');
    expect(await decisionVerdict(good, 'c', async () => null)).toBe('failed');
    expect(await decisionVerdict(good, 'another', async () => hashes)).toBe('failed');
    expect(await decisionVerdict({ ...good, approval: { ...good.approval, signature: good.approval.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) } }, 'c', async () => hashes)).toBe('failed');
    expect(await decisionVerdict({ ...good, approval: { ...good.approval, decision: 'reject' } }, 'c', async () => hashes)).toBe('failed');
  });

  it('verifies a decision made with a retired server-held key over the version hash it named', async () => {
    const hashes = await versionHashesOf('c', 1, CONTENT);
    const legacy = await item({ corridorId: 'c', version: 1, versionHash: hashes.versionHash, decision: 'approve', partyId: 'p', userId: 'u', signedAt: SIGNED_AT }, true);
    expect(await decisionVerdict(legacy, 'c', async () => hashes)).toBe('verified');
    expect(await decisionVerdict(legacy, 'c', async () => versionHashesOf('c', 1, { ...CONTENT, maxVehicles: 2 }))).toBe('failed');
    // Only a server-held key's decisions may name the older hash.
    expect(await decisionVerdict({ ...legacy, key: { ...legacy.key!, serverHeld: false } }, 'c', async () => hashes)).toBe('failed');
  });
});
