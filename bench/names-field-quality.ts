/**
 * Name matching on names as they really arrive (issue 13): diminutives, family-first documents,
 * passport machine-readable zones, mixed and wrong keyboard layouts, typos.
 *
 *   npx tsx bench/names-field-quality.ts [--misses 8]
 *
 * Prints precision / recall / F1 at DEFAULT_MATCH_THRESHOLD on test/fixtures/names/field-dev-pairs.csv:
 * all rows, the rows the rules were tuned on (row index % 3 !== 2) and the held-out third
 * (index % 3 === 2, never looked at while tuning), per kind, the misses, and the blocking-key
 * recall of the same-person pairs per convention the pair shows. The pairs are synthetic test
 * data, not people.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../src/cli/csv.ts';
import { blockingKeysPrepared, DEFAULT_MATCH_THRESHOLD, prepareName, scorePrepared } from '../src/domain/names/index.ts';
import { fieldPairs } from '../test/helpers/field-variants.ts';

const FIELD_PAIRS = fileURLToPath(new URL('../test/fixtures/names/field-dev-pairs.csv', import.meta.url));

interface Row { index: number; a: string; b: string; same: boolean; kind: string; score: number; keyed: boolean }

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
}

const f4 = (x: number): string => x.toFixed(4);

function line(label: string, rows: readonly Row[], threshold: number): string {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const r of rows) {
    const match = r.score >= threshold;
    if (match && r.same) tp++;
    else if (match) fp++;
    else if (r.same) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return `| ${label} | ${rows.length} | ${f4(precision)} | ${f4(recall)} | ${f4(f1)} | ${tp} | ${fp} | ${fn} | ${tn} |`;
}

/** The conventions a same-person pair shows, for the blocking recall per kind of spelling. */
function traits(text: string): string[] {
  const t: string[] = [];
  if (text.includes('<')) t.push('mrz');
  if (/[\u0400-\u04ff]/.test(text) && /[a-z]/i.test(text)) t.push('look-alike letters');
  if (/^[^\u0400-\u04ff]*$/.test(text) && /[;',.[\]`]|[qwrtpsdfghjklzxcvbnm]{4}/i.test(text.replace(/<+/g, ' '))) t.push('wrong layout?');
  if (/^\s|\s{2,}/.test(text)) t.push('stray spaces');
  if (/^[\p{Lu}’'ʼ]{3,}\s/u.test(text)) t.push('family first, capitals');
  return t;
}

function main(): void {
  const threshold = DEFAULT_MATCH_THRESHOLD;
  const rows: Row[] = parseCsv(readFileSync(FIELD_PAIRS, 'utf8'))
    .slice(1)
    .map(([a = '', b = '', same = '', kind = ''], index) => {
      const pa = prepareName(a);
      const pb = prepareName(b);
      const ka = blockingKeysPrepared(pa);
      const kb = blockingKeysPrepared(pb);
      return { index, a, b, same: same === 'true', kind, score: scorePrepared(pa, pb), keyed: ka.some((k) => kb.includes(k)) };
    });
  console.log(`## Field pairs (${rows.length}), threshold ${threshold}\n`);
  console.log('| set | pairs | precision | recall | F1 | TP | FP | FN | TN |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(line('all rows', rows, threshold));
  console.log(line('tuning rows (index % 3 ≠ 2)', rows.filter((r) => r.index % 3 !== 2), threshold));
  console.log(line('held-out rows (index % 3 = 2)', rows.filter((r) => r.index % 3 === 2), threshold));
  for (const kind of [...new Set(rows.map((r) => r.kind))].sort()) console.log(line(`kind ${kind}`, rows.filter((r) => r.kind === kind), threshold));

  const positives = rows.filter((r) => r.same);
  console.log(`\nblocking: same-person pairs sharing a key ${positives.filter((r) => r.keyed).length}/${positives.length}`);
  const byTrait = new Map<string, [number, number]>();
  for (const r of positives) {
    for (const t of new Set([...traits(r.a), ...traits(r.b)])) {
      const [k, n] = byTrait.get(t) ?? [0, 0];
      byTrait.set(t, [k + (r.keyed ? 1 : 0), n + 1]);
    }
  }
  for (const [t, [k, n]] of byTrait) console.log(`  ${t}: ${k}/${n}`);

  mediaSpellings(threshold);
  generated(threshold);

  const perKind = option('misses', 8);
  const tuning = rows.filter((r) => r.index % 3 !== 2);
  console.log(`\nMisses on the tuning rows (up to ${perKind} per kind):`);
  for (const kind of [...new Set(rows.map((r) => r.kind))].sort()) {
    for (const m of tuning.filter((r) => r.kind === kind && r.score >= threshold !== r.same).slice(0, perKind)) {
      console.log(`  ${kind.padEnd(18)} ${m.same ? 'FN' : 'FP'} ${f4(m.score)}  ${m.a}  |  ${m.b}${m.same && !m.keyed ? '  (no shared key)' : ''}`);
    }
  }
}

/**
 * Public figures as seven languages' media spell them (test/fixtures/names/media-spellings.csv)
 * against the Cyrillic name: every spelling of the same person is a positive, every spelling of
 * another figure a negative (the Klitschko brothers, Zelensky and Zelenska among them).
 */
function mediaSpellings(threshold: number): void {
  const file = fileURLToPath(new URL('../test/fixtures/names/media-spellings.csv', import.meta.url));
  const [header = [], ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const scored: Row[] = [];
  for (const [name = '', ...spellings] of rows) {
    for (const [other = '', ...theirs] of rows) {
      for (const spelling of theirs) {
        const pa = prepareName(name);
        const pb = prepareName(spelling);
        const kb = blockingKeysPrepared(pb);
        scored.push({ index: scored.length, a: name, b: spelling, same: other === name, kind: 'media', score: scorePrepared(pa, pb), keyed: blockingKeysPrepared(pa).some((k) => kb.includes(k)) });
      }
    }
  }
  console.log(`\n## Media spellings (${header.slice(1).join(', ')}), ${rows.length} people\n`);
  console.log('| set | pairs | precision | recall | F1 | TP | FP | FN | TN |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(line('media spellings', scored, threshold));
  const positives = scored.filter((r) => r.same);
  console.log(`blocking: same-person pairs sharing a key ${positives.filter((r) => r.keyed).length}/${positives.length}`);
  for (const m of scored.filter((r) => r.score >= threshold !== r.same)) console.log(`  ${m.same ? 'FN' : 'FP'} ${f4(m.score)}  ${m.a}  |  ${m.b}`);
}

/** The same kinds generated from other names (test/helpers/field-variants.ts), none of them tuned on. */
function generated(threshold: number): void {
  const rows: Row[] = fieldPairs(3000).map((p, index) => {
    const pa = prepareName(p.a);
    const pb = prepareName(p.b);
    const kb = blockingKeysPrepared(pb);
    return { index, ...p, score: scorePrepared(pa, pb), keyed: blockingKeysPrepared(pa).some((k) => kb.includes(k)) };
  });
  console.log('\n## Generated from other names (3,000 pairs)\n');
  console.log('| set | pairs | precision | recall | F1 | TP | FP | FN | TN |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(line('all', rows, threshold));
  for (const kind of [...new Set(rows.map((r) => r.kind))].sort()) console.log(line(`kind ${kind}`, rows.filter((r) => r.kind === kind), threshold));
  const positives = rows.filter((r) => r.same);
  console.log(`blocking: same-person pairs sharing a key ${positives.filter((r) => r.keyed).length}/${positives.length}`);
  for (const m of rows.filter((r) => r.score >= threshold !== r.same)) console.log(`  ${m.same ? 'FN' : 'FP'} ${f4(m.score)}  ${m.a}  |  ${m.b}`);
}

main();
