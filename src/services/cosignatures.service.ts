import { cosignatureKeyId, parseCheckpoint, parseSignatureLine, parseSignedNote, verifyCosignature } from '../domain/checkpoint.ts';
import { DomainError } from '../domain/errors.ts';
import { bytesEqual, bytesToHex } from '../domain/merkle.ts';
import { findCheckpointRow, insertCosignature } from '../store/checkpoints.repository.ts';
import { listPartyKeys } from '../store/keys.repository.ts';
import type { ServiceContext } from './context.ts';
import { checkpointAt, type CheckpointView } from './transparency-log.service.ts';

/**
 * A witness's cosignature of a stored checkpoint (C2SP tlog-cosignature, cosignature/v1).
 *
 * Who may witness: the holder of a party's approved (active) signing key, the same keys that
 * sign approvals, so each party's liaison witnesses with the key it already holds; and any key
 * listed in WITNESS_KEYS (base64 raw Ed25519), for witnesses outside the parties. The key name in
 * the line is the witness's own choice; the key id binds it to the key, so the server tries each
 * known key under that name.
 *
 * Not written to the audit log on purpose: each cosignature would add a leaf, so the tree would
 * grow past the checkpoint just cosigned and call for a new one, for ever. A cosignature is a
 * self-verifying record of its own, kept beside the checkpoint and served with it.
 */

const rule = (code: string, message: string, path: string) => new DomainError('rule', code, message, [{ path, message }]);

// A witness's clock may be a little ahead; a time far ahead is a forged or broken clock.
const MAX_CLOCK_AHEAD_S = 600;

interface WitnessKey {
  rawPublicKey: Uint8Array;
  orgId: string | null;
}

async function witnessKeys(ctx: ServiceContext): Promise<WitnessKey[]> {
  const party = (await listPartyKeys(ctx.db, null)).filter((k) => k.status === 'active');
  const keys: WitnessKey[] = party.map((k) => ({ rawPublicKey: new Uint8Array(Buffer.from(k.public_key, 'base64')), orgId: k.org_id }));
  for (const text of ctx.config.witnessKeys) {
    const raw = Buffer.from(text, 'base64');
    if (raw.length === 32) keys.push({ rawPublicKey: new Uint8Array(raw), orgId: null });
  }
  return keys.filter((k) => k.rawPublicKey.length === 32);
}

export interface CosignatureInput {
  /** The checkpoint body, or the whole signed note as served. */
  checkpoint: string;
  /** One cosignature line, "— <name> <base64>". */
  cosignature: string;
}

/** `POST /api/v1/public/checkpoint/cosignatures`: verifies and stores; answers the checkpoint with its cosignatures. */
export async function addCosignature(ctx: ServiceContext, input: CosignatureInput): Promise<{ created: boolean; checkpoint: CheckpointView }> {
  const note = parseSignedNote(input.checkpoint);
  const body = note.ok ? note.value.body : input.checkpoint;
  const parsed = parseCheckpoint(body);
  if (!parsed.ok) throw rule('CHECKPOINT_MALFORMED', `The checkpoint is not a C2SP checkpoint: ${parsed.reason}.`, '/checkpoint');
  const stored = await findCheckpointRow(ctx.db, parsed.value.size);
  if (!stored || stored.body !== body) throw rule('CHECKPOINT_UNKNOWN', 'This log never signed that checkpoint.', '/checkpoint');

  const line = parseSignatureLine(input.cosignature.replace(/\n$/, ''));
  if (!line.ok) throw rule('COSIGNATURE_MALFORMED', 'The cosignature is not a signature line "— <name> <base64>".', '/cosignature');
  const signature = line.value;

  let witness: WitnessKey | undefined;
  for (const key of await witnessKeys(ctx)) {
    if (bytesEqual(signature.keyId, await cosignatureKeyId(signature.name, key.rawPublicKey))) {
      witness = key;
      break;
    }
  }
  if (!witness) throw rule('WITNESS_UNKNOWN', "The cosignature's key is neither a party's approved key nor a configured witness key.", '/cosignature');
  const verdict = await verifyCosignature(body, signature, signature.name, witness.rawPublicKey);
  if (!verdict.ok) throw rule('COSIGNATURE_INVALID', `The cosignature does not verify: ${verdict.reason}.`, '/cosignature');
  if (verdict.timestamp > ctx.now().getTime() / 1000 + MAX_CLOCK_AHEAD_S) {
    throw rule('COSIGNATURE_TIME_AHEAD', "The cosignature's time is in the future.", '/cosignature');
  }

  const created = await insertCosignature(ctx.db, {
    checkpoint_size: stored.size,
    key_id: bytesToHex(signature.keyId),
    name: signature.name,
    public_key: Buffer.from(witness.rawPublicKey).toString('base64'),
    org_id: witness.orgId,
    cosigned_at: new Date(verdict.timestamp * 1000).toISOString(),
    line: signature.line,
    created_at: ctx.now().toISOString(),
  });
  const checkpoint = await checkpointAt(ctx, stored.size);
  if (!checkpoint) throw new Error('the checkpoint just read is gone');
  return { created, checkpoint };
}
