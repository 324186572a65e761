/**
 * What the evidence verifier answers: each check with how many items it looked at, and every
 * failure and warning with where it is in the bundle (a JSON path such as `decisions[1].signature`)
 * and a stable code the /verify page words in each language.
 */

export const EVIDENCE_CHECKS = [
  'file',
  'versions',
  'decisions',
  'keys',
  'movements',
  'incidents',
  'timeline',
  'events',
  'proofs',
  'checkpoint',
  'witnesses',
  'consistency',
  'facts',
] as const;
export type EvidenceCheck = (typeof EVIDENCE_CHECKS)[number];

export interface EvidenceFinding {
  check: EvidenceCheck;
  /** Where in the bundle: a JSON path, or `bundle` for the whole file. */
  path: string;
  /** Stable code, e.g. SIGNATURE_INVALID. */
  code: string;
  /** The precise finding in English (what, where, which key or size). */
  message: string;
}

export interface EvidenceReport {
  ok: boolean;
  checks: { check: EvidenceCheck; checked: number; failed: number }[];
  failures: EvidenceFinding[];
  warnings: EvidenceFinding[];
}

export class Findings {
  private readonly counts = new Map<EvidenceCheck, number>();
  readonly failures: EvidenceFinding[] = [];
  readonly warnings: EvidenceFinding[] = [];

  count(check: EvidenceCheck, n = 1): void {
    this.counts.set(check, (this.counts.get(check) ?? 0) + n);
  }

  fail(check: EvidenceCheck, path: string, code: string, message: string): void {
    this.failures.push({ check, path, code, message: `${path}: ${message}` });
  }

  warn(check: EvidenceCheck, path: string, code: string, message: string): void {
    this.warnings.push({ check, path, code, message: `${path}: ${message}` });
  }

  report(): EvidenceReport {
    return {
      ok: this.failures.length === 0,
      checks: EVIDENCE_CHECKS.map((check) => ({ check, checked: this.counts.get(check) ?? 0, failed: this.failures.filter((f) => f.check === check).length })),
      failures: this.failures,
      warnings: this.warnings,
    };
  }
}
