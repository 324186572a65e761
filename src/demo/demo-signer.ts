import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Actor } from '../domain/identity.ts';
import type { ServiceContext } from '../services/context.ts';
import { corridorStatement, decideOnCorridor } from '../services/corridor.service.ts';
import { approveKey, enrolKey, type PartySignature } from '../services/keys.service.ts';
import { acknowledgeMovement, movementStatement } from '../services/movement.service.ts';
import { addIncidentStatement, incidentStatement } from '../services/incident-record.service.ts';

/**
 * DEMO AND BENCHMARK ONLY. Real parties make their keys on their own devices (the console or
 * `safe-passage keys generate`) and the server only ever sees public halves. To seed approved
 * corridors, the demo plays each party's liaison and admin itself: it makes a key in this
 * process's memory, enrols and approves it as that party, signs, and keeps the private half
 * nowhere — not in the database, not on disk — so the running server holds no party private key.
 */
export interface DemoSigner {
  decision(ctx: ServiceContext, corridorId: string, version: number, decision: 'approve' | 'reject'): Promise<PartySignature>;
  answer(ctx: ServiceContext, movementId: string, decision: 'acknowledge' | 'deny'): Promise<PartySignature>;
  statement(ctx: ServiceContext, incidentId: string, text: string): Promise<PartySignature>;
}

const signers = new WeakMap<object, Map<string, Promise<{ keyId: string; privateKey: KeyObject }>>>();

async function demoKeyFor(ctx: ServiceContext, liaison: Actor): Promise<{ keyId: string; privateKey: KeyObject }> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x;
  if (!raw) throw new Error('Ed25519 key without x');
  const enrolled = await enrolKey(ctx, liaison, { publicKey: Buffer.from(raw, 'base64url').toString('base64'), label: 'demo seed key (demo only)' });
  // The demo has no separate party admin: the liaison's own account stands in for it, here only.
  await approveKey(ctx, { ...liaison, role: 'admin' }, enrolled.id);
  return { keyId: enrolled.id, privateKey: createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })) };
}

/** A signer for one liaison, its key made once per database (shared by every `at(ctx, …)` clock of one seeding run). */
export function demoSigner(liaison: Actor, scope: object): DemoSigner {
  let byUser = signers.get(scope);
  if (!byUser) signers.set(scope, (byUser = new Map()));
  const keyOf = (ctx: ServiceContext) => {
    let key = byUser.get(liaison.userId);
    if (!key) byUser.set(liaison.userId, (key = demoKeyFor(ctx, liaison)));
    return key;
  };
  // One signing time for the statement and the request: on a running clock, two readings differ.
  const signed = async (ctx: ServiceContext, statement: string, signedAt: string): Promise<PartySignature> => {
    const { keyId, privateKey } = await keyOf(ctx);
    return { keyId, signedAt, signature: sign(null, Buffer.from(statement, 'utf8'), privateKey).toString('base64') };
  };
  return {
    async decision(ctx, corridorId, version, decision) {
      await keyOf(ctx);
      const signedAt = ctx.now().toISOString();
      const { statement } = await corridorStatement(ctx, liaison, corridorId, version, { decision, signedAt });
      return signed(ctx, statement, signedAt);
    },
    async answer(ctx, movementId, decision) {
      await keyOf(ctx);
      const signedAt = ctx.now().toISOString();
      const { statement } = await movementStatement(ctx, liaison, movementId, { decision, signedAt });
      return signed(ctx, statement, signedAt);
    },
    async statement(ctx, incidentId, text) {
      await keyOf(ctx);
      const signedAt = ctx.now().toISOString();
      const { statement } = await incidentStatement(ctx, liaison, incidentId, { text, signedAt });
      return signed(ctx, statement, signedAt);
    },
  };
}

/** A corridor decision signed with the demo key of that liaison (demo and benchmarks only). */
export async function decideAsDemoParty(
  ctx: ServiceContext,
  liaison: Actor,
  corridorId: string,
  input: { version: number; decision: 'approve' | 'reject'; comment?: string | undefined },
): ReturnType<typeof decideOnCorridor> {
  const signature = await demoSigner(liaison, ctx.db).decision(ctx, corridorId, input.version, input.decision);
  return decideOnCorridor(ctx, liaison, corridorId, { ...input, ...signature });
}

/** A movement answer signed with the demo key of that liaison (demo and benchmarks only). */
export async function answerAsDemoParty(
  ctx: ServiceContext,
  liaison: Actor,
  movementId: string,
  input: { decision: 'acknowledge' | 'deny'; comment?: string | undefined },
): ReturnType<typeof acknowledgeMovement> {
  const signature = await demoSigner(liaison, ctx.db).answer(ctx, movementId, input.decision);
  return acknowledgeMovement(ctx, liaison, movementId, { ...input, ...signature });
}

/** A party's statement on an incident, in its own words, signed with the demo key of that liaison (demo only). */
export async function stateAsDemoParty(ctx: ServiceContext, liaison: Actor, incidentId: string, text: string): ReturnType<typeof addIncidentStatement> {
  const signature = await demoSigner(liaison, ctx.db).statement(ctx, incidentId, text);
  return addIncidentStatement(ctx, liaison, incidentId, { text, ...signature });
}
