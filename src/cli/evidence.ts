import fs from 'node:fs';
import type { Command } from 'commander';
import { EVIDENCE_CHECKS } from '../domain/evidence/report.ts';
import { verifyEvidenceBundle } from '../domain/evidence/verify.ts';

/**
 * `safe-passage evidence verify <bundle.json>`: the court clerk's check, offline. No database and
 * no network: the file, the log key compared out of band, the witness keys. Exit 0 when every
 * check passes, 1 with each failure named, 2 when the file cannot be read.
 */
const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function addEvidenceCommands(program: Command): void {
  const evidence = program.command('evidence').description('evidence bundles of corridors (docs/evidence.md)');
  evidence
    .command('verify <bundle>')
    .description('verify an evidence bundle offline: hashes, party signatures, key enrolments, log proofs, checkpoint, cosignatures; exit 1 naming each failure')
    .option('--log-key <vkey>', "the log's verifier key <origin>+<id>+<base64>, compared with the operator's out of band (default: the bundle's own, with a warning)")
    .option('--witness <base64>', 'a witness key (base64 raw Ed25519) that must have cosigned; repeat for each', collect, [])
    .option('--known <file>', 'a checkpoint seen before (signed note or body); the bundle must be consistent with it; repeat for each', collect, [])
    .action(async (file: string, options: { logKey?: string; witness: string[]; known: string[] }) => {
      let text: string;
      let known: string[];
      try {
        text = fs.readFileSync(file, 'utf8');
        known = options.known.map((k) => fs.readFileSync(k, 'utf8'));
      } catch (error) {
        process.stderr.write(`cannot read: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 2;
        return;
      }
      const report = await verifyEvidenceBundle(text, { logKey: options.logKey, witnessKeys: options.witness, knownCheckpoints: known });
      for (const check of EVIDENCE_CHECKS) {
        const c = report.checks.find((x) => x.check === check);
        if (c && c.checked + c.failed > 0) process.stdout.write(`${c.failed === 0 ? 'ok  ' : 'FAIL'} ${check} (${c.checked} checked${c.failed ? `, ${c.failed} failed` : ''})\n`);
      }
      for (const w of report.warnings) process.stdout.write(`warning ${w.code}: ${w.message}\n`);
      for (const f of report.failures) process.stderr.write(`FAIL ${f.code}: ${f.message}\n`);
      process.stdout.write(report.ok ? 'evidence bundle verified\n' : `evidence bundle NOT verified: ${report.failures.length} failure(s)\n`);
      process.exitCode = report.ok ? 0 : 1;
    });
}
