import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import type { Command } from 'commander';
import { cosignCheckpoint, parseCheckpoint, parseSignedNote, parseVerifierKey, verifyNote } from '../domain/checkpoint.ts';
import { bytesToHex, hexToBytes, verifyConsistency } from '../domain/merkle.ts';

/**
 * `safe-passage witness`: a party's liaison (or anyone) checks that the log only ever grows, then
 * cosigns what it checked (docs/transparency-log.md). The state file keeps the log's pinned key
 * and the last checkpoint this witness verified; a checkpoint that does not extend it (a fork, or
 * history rewritten) is refused loudly and never cosigned. Exit codes: 0 cosigned (or nothing
 * newer to cosign), 1 an error (network, refusal by the server, bad files), 2 the checkpoint's
 * signature is not the pinned log key's, 3 the log is inconsistent with what this witness saw.
 */

interface WitnessState {
  /** The log's signed-note verifier key, pinned on first use (or from --log-key). */
  logKey: string;
  /** The last checkpoint this witness verified. */
  checkpoint?: { size: number; rootHex: string; body: string; note: string; seenAt: string };
}

interface WitnessOptions {
  log: string;
  key: string;
  state: string;
  logKey?: string;
  name?: string;
}

class WitnessFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

function readState(file: string): WitnessState | null {
  if (!fs.existsSync(file)) return null;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as WitnessState;
  if (typeof parsed.logKey !== 'string') throw new WitnessFailure(1, `${file} is not a witness state file`);
  return parsed;
}

function writeState(file: string, state: WitnessState): void {
  // Written whole to a temporary file and renamed, so a crash never leaves half a state.
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

async function fetchText(url: string, accept: string): Promise<string> {
  const response = await fetch(url, { headers: { accept } });
  const text = await response.text();
  if (!response.ok) throw new WitnessFailure(1, `GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

function rawPublicKeyOf(privateKey: KeyObject): Uint8Array {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
}

function alarm(lines: string[]): never {
  const bar = '!'.repeat(72);
  throw new WitnessFailure(3, [bar, '!!! THE LOG IS INCONSISTENT: A FORK OR A REWRITTEN HISTORY !!!', ...lines, 'NOT cosigned. Keep the state file and this output: they are the evidence.', bar].join('\n'));
}

async function witnessOnce(options: WitnessOptions, out: (line: string) => void): Promise<void> {
  const base = options.log.replace(/\/+$/, '');
  const privateKey = createPrivateKey(fs.readFileSync(options.key));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new WitnessFailure(1, 'the key is not an Ed25519 key');
  const rawPublicKey = rawPublicKeyOf(privateKey);
  const name = options.name ?? `witness-${createHash('sha256').update(rawPublicKey).digest('hex').slice(0, 16)}`;

  const state = readState(options.state);
  if (state && options.logKey && state.logKey.trim() !== options.logKey.trim()) {
    throw new WitnessFailure(2, `--log-key differs from the key pinned in ${options.state}: ${state.logKey}`);
  }
  let logKeyText = options.logKey ?? state?.logKey;
  if (!logKeyText) {
    logKeyText = (await fetchText(`${base}/api/v1/public/log/key`, 'text/plain')).trim();
    out(`pinned the log key on first use: ${logKeyText} (compare it with the operator's, out of band)`);
  }
  const logKey = await parseVerifierKey(logKeyText);
  if (!logKey.ok) throw new WitnessFailure(1, `the log key: ${logKey.reason}`);

  const noteText = await fetchText(`${base}/api/v1/public/checkpoint`, 'text/plain');
  const note = parseSignedNote(noteText);
  if (!note.ok) throw new WitnessFailure(1, `the checkpoint: ${note.reason}`);
  if (!(await verifyNote(note.value, logKey.value.name, logKey.value.rawPublicKey))) {
    throw new WitnessFailure(2, `the checkpoint is not signed by the pinned log key ${logKeyText}: not cosigned`);
  }
  const parsed = parseCheckpoint(note.value.body);
  if (!parsed.ok) throw new WitnessFailure(1, `the checkpoint: ${parsed.reason}`);
  const checkpoint = parsed.value;
  if (checkpoint.origin !== logKey.value.name) throw new WitnessFailure(2, `the checkpoint's origin ${checkpoint.origin} is not the log key's name ${logKey.value.name}`);
  const rootHex = bytesToHex(checkpoint.rootHash);

  const seen = state?.checkpoint;
  if (seen) {
    const served = `checkpoint served now:     size ${checkpoint.size}, root ${rootHex}`;
    const last = `last checkpoint verified:  size ${seen.size}, root ${seen.rootHex} (seen ${seen.seenAt})`;
    if (checkpoint.size === seen.size) {
      if (rootHex !== seen.rootHex) alarm([last, served, 'Two different trees of the same size, both signed by the log.', 'the checkpoint seen before:', seen.note, 'the checkpoint served now:', noteText]);
    } else {
      const [from, to] = checkpoint.size > seen.size ? [seen, { size: checkpoint.size, rootHex }] : [{ size: checkpoint.size, rootHex }, seen];
      const response = await fetch(`${base}/api/v1/public/log/consistency?from=${from.size}&to=${to.size}`, { headers: { accept: 'application/json' } });
      const proof = response.ok ? ((await response.json()) as { proof?: unknown }).proof : undefined;
      const hashes = Array.isArray(proof) && proof.every((p) => typeof p === 'string' && /^[0-9a-f]{64}$/.test(p)) ? proof.map((p: string) => hexToBytes(p)) : null;
      const consistent = hashes !== null && (await verifyConsistency(from.size, to.size, hashes, hexToBytes(from.rootHex), hexToBytes(to.rootHex)));
      if (!consistent) {
        alarm([last, served, `The log cannot prove that the tree of ${from.size} is a prefix of the tree of ${to.size}` + (response.ok ? ' (its proof does not verify).' : ` (it answered ${response.status}).`), 'the checkpoint seen before:', seen.note, 'the checkpoint served now:', noteText]);
      }
      if (checkpoint.size < seen.size) {
        out(`the log served an older checkpoint (size ${checkpoint.size} < ${seen.size}), consistent with the last one: nothing new to cosign`);
        return;
      }
    }
  }
  // Verified: remember it before cosigning, so a refused POST never loses what was checked.
  writeState(options.state, { logKey: logKeyText, checkpoint: { size: checkpoint.size, rootHex, body: note.value.body, note: noteText, seenAt: new Date().toISOString() } });

  const timestamp = Math.floor(Date.now() / 1000);
  const line = await cosignCheckpoint(note.value.body, name, rawPublicKey, timestamp, (message) => Promise.resolve(new Uint8Array(sign(null, message, privateKey))));
  const posted = await fetch(`${base}/api/v1/public/checkpoint/cosignatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ checkpoint: note.value.body, cosignature: line }),
  });
  if (!posted.ok) throw new WitnessFailure(1, `the log refused the cosignature (${posted.status}): ${(await posted.text()).slice(0, 300)}`);
  out(`cosigned ${checkpoint.origin} at size ${checkpoint.size}, root ${rootHex}, as ${name}${seen ? ` (consistent with size ${seen.size})` : ''}`);
}

export function addWitnessCommand(program: Command): void {
  program
    .command('witness')
    .description('check that the transparency log extends the last checkpoint this witness saw, then cosign it; exit 3 on a fork or rewritten history')
    .requiredOption('--log <url>', 'the server, e.g. https://corridors.example.org')
    .requiredOption('--key <file>', "the witness's private key (from `keys generate`; a party's approved key, or one in the server's WITNESS_KEYS)")
    .option('--state <file>', 'where the pinned log key and the last verified checkpoint are kept', 'witness-state.json')
    .option('--log-key <vkey>', "the log's verifier key <origin>+<id>+<base64> (GET /api/v1/public/log/key); default: pinned on first use")
    .option('--name <name>', 'the key name in the cosignature line (default witness-<16 hex of the key hash>)')
    .action(async (options: WitnessOptions) => {
      try {
        await witnessOnce(options, (line) => process.stdout.write(`${line}\n`));
      } catch (error) {
        if (!(error instanceof WitnessFailure)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = error.exitCode;
      }
    });
}
