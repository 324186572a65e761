import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_CHECKS } from '../../src/domain/evidence/report.ts';
import en from '../../web/src/i18n/en/public.json' with { type: 'json' };

/**
 * The /verify page words every finding by its code: each code the verifier can give needs its
 * sentence (i18n.test.ts makes sure uk and ru have every key en has), and every check its name.
 */
const DIR = path.resolve('src/domain/evidence');
const codesInVerifier = (): string[] => {
  const text = fs.readdirSync(DIR).map((f) => fs.readFileSync(path.join(DIR, f), 'utf8')).join('\n');
  return [...new Set([...text.matchAll(/'([A-Z][A-Z_]{3,})'/g)].map((m) => m[1]!))].sort();
};

describe("the /verify page's words for the evidence verifier", () => {
  it('has a sentence for every failure and warning code of src/domain/evidence, and no stale one', () => {
    const codes = codesInVerifier();
    expect(codes.length).toBeGreaterThan(40);
    expect(Object.keys(en.verify.code).filter((c) => c !== 'unknown').sort()).toEqual(codes);
  });

  it('names every check', () => {
    expect(Object.keys(en.verify.check).sort()).toEqual([...EVIDENCE_CHECKS].sort());
  });
});
