import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ADMIN, type TestApp } from './app.ts';
import { createProposedCorridor } from './corridors.ts';

/**
 * The one way tests sign as a party, as a liaison's own device would: an Ed25519 key made here
 * (node:crypto), its public half enrolled by the liaison and approved by an admin of the same
 * party; the statement fetched from the server and signed here. The server never sees the
 * private key. A caller who may not enrol (not a liaison) sends a well-formed but unknown key,
 * so the server's own refusal (403, 404, 409…) is what the test sees.
 */
interface Signer {
  keyId: string;
  privateKey: KeyObject | null;
}

const signers = new WeakMap<TestApp, Map<string, Promise<Signer>>>();
let admins = 0;

export function newEd25519(): { publicKey: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x ?? '';
  return { publicKey: Buffer.from(x, 'base64url').toString('base64'), privateKey };
}

/** An admin of `orgId` made by the mediator admin, to approve that party's keys. */
export async function partyAdminToken(t: TestApp, orgId: string): Promise<string> {
  const mediator = await t.login(ADMIN.email, ADMIN.password);
  const email = `key-admin-${process.pid}-${(admins += 1)}@signing.test`;
  const created = await t.as(mediator, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: 'Party admin', password: 'key-admin-pass-1', role: 'admin' } });
  if (created.statusCode !== 201) throw new Error(`party admin: ${created.statusCode} ${created.body}`);
  return t.login(email, 'key-admin-pass-1');
}

/** Enrols a new key as `token` (a liaison) and has its party's admin approve it. */
export async function enrolKey(t: TestApp, token: string): Promise<{ keyId: string; privateKey: KeyObject; publicKey: string } | null> {
  const pair = newEd25519();
  const enrolled = await t.as(token, { method: 'POST', url: '/api/v1/keys', payload: { publicKey: pair.publicKey, label: 'test device' } });
  if (enrolled.statusCode !== 201) return null;
  const key = enrolled.json() as { id: string; orgId: string };
  const approved = await t.as(await partyAdminToken(t, key.orgId), { method: 'POST', url: `/api/v1/keys/${key.id}/approve` });
  if (approved.statusCode !== 200) throw new Error(`approve key: ${approved.statusCode} ${approved.body}`);
  return { keyId: key.id, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

function signerOf(t: TestApp, token: string): Promise<Signer> {
  let byToken = signers.get(t);
  if (!byToken) signers.set(t, (byToken = new Map()));
  let signer = byToken.get(token);
  if (!signer) {
    signer = enrolKey(t, token).then((k) => k ?? { keyId: 'no-key-for-this-caller', privateKey: null });
    byToken.set(token, signer);
  }
  return signer;
}

export function signText(text: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

async function signedFields(t: TestApp, token: string, statementUrl: string): Promise<{ keyId: string; signedAt: string; signature: string }> {
  const signer = await signerOf(t, token);
  // Signed at the server's clock: tests that move it (windows, deadlines) sign at the moment they play.
  const signedAt = t.app.ctx.now().toISOString();
  const statement = await t.as(token, { method: 'GET', url: `${statementUrl}&signedAt=${encodeURIComponent(signedAt)}` });
  const text = statement.statusCode === 200 ? (statement.json() as { statement: string }).statement : null;
  const signature = signer.privateKey && text !== null ? signText(text, signer.privateKey) : Buffer.alloc(64).toString('base64');
  return { keyId: signer.keyId, signedAt, signature };
}

/** `POST /api/v1/corridors/:id/approvals`, signed as the liaison `token` over the statement of that version. */
export async function decideAs(
  t: TestApp,
  token: string,
  corridorId: string,
  body: { version: number; decision: 'approve' | 'reject'; comment?: string },
): Promise<LightMyRequestResponse> {
  const fields = await signedFields(t, token, `/api/v1/corridors/${corridorId}/versions/${body.version}/statement?decision=${body.decision}`);
  return t.as(token, { method: 'POST', url: `/api/v1/corridors/${corridorId}/approvals`, payload: { ...body, ...fields } });
}

/** `POST /api/v1/movements/:id/acknowledgements`, signed as the liaison `token`. */
export async function answerAs(
  t: TestApp,
  token: string,
  movementId: string,
  body: { decision: 'acknowledge' | 'deny'; comment?: string },
): Promise<LightMyRequestResponse> {
  const fields = await signedFields(t, token, `/api/v1/movements/${movementId}/statement?decision=${body.decision}`);
  return t.as(token, { method: 'POST', url: `/api/v1/movements/${movementId}/acknowledgements`, payload: { ...body, ...fields } });
}

/** `POST /api/v1/incidents/:id/statements`: the party's own words, signed as the liaison `token` over the statement the server gives for them. */
export async function stateAs(t: TestApp, token: string, incidentId: string, text: string): Promise<LightMyRequestResponse> {
  const signer = await signerOf(t, token);
  const signedAt = t.app.ctx.now().toISOString();
  const statement = await t.as(token, { method: 'POST', url: `/api/v1/incidents/${incidentId}/statement`, payload: { text, signedAt } });
  const body = statement.statusCode === 200 ? (statement.json() as { statement: string }).statement : null;
  const signature = signer.privateKey && body !== null ? signText(body, signer.privateKey) : Buffer.alloc(64).toString('base64');
  return t.as(token, { method: 'POST', url: `/api/v1/incidents/${incidentId}/statements`, payload: { text, keyId: signer.keyId, signedAt, signature } });
}

/** A corridor proposed with `overrides` and approved by every liaison's signed decision on version 1. */
export async function createAgreedCorridor(
  t: TestApp,
  coordinator: string,
  parties: string[],
  liaisons: readonly string[],
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const { id } = await createProposedCorridor(t, coordinator, parties, overrides);
  for (const token of liaisons) {
    const r = await decideAs(t, token, id, { version: 1, decision: 'approve' });
    expect(r.statusCode, r.body).toBe(201);
  }
  return id;
}
