/**
 * Name matching quality and speed (issue 5, "Quality").
 *
 *   npx tsx bench/names-quality.ts [--misses 5] [--calls 1000000]
 *
 * Prints, at DEFAULT_MATCH_THRESHOLD, precision / recall / F1 / accuracy on the labelled
 * development pairs (all rows, even rows — where the threshold was calibrated — and odd rows,
 * held out), a confusion table per `kind`, the threshold sweep around the default, the misses by
 * kind, the recall of the blocking keys, the same figures on pairs generated from *other* names
 * (test/helpers/name-variants.ts: names not in the development file, spelled by independent
 * transliteration tables), and the time of prepareName and of 1,000,000 scorePrepared calls.
 * For comparison it also blocks by Daitch–Mokotoff Soundex codes (talisman) of every word.
 *
 * The pairs are synthetic test data, not people: printing them here is fine. The server never
 * logs names.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import cyrillicToTranslit from 'cyrillic-to-translit-js';
import daitchMokotoff from 'talisman/phonetics/daitch-mokotoff.js';
import { parseCsv } from '../src/cli/csv.ts';
import {
  blockingKeysPrepared,
  DEFAULT_MATCH_THRESHOLD,
  prepareName,
  scorePrepared,
  type PreparedName,
} from '../src/domain/names/index.ts';
import { CONVENTIONS, OTHER_GIVEN_NAMES, OTHER_SURNAMES, otherNamePairs, transliterateName } from '../test/helpers/name-variants.ts';

const DEV_PAIRS = fileURLToPath(new URL('../test/fixtures/names/dev-pairs.csv', import.meta.url));
const KINDS = ['same', 'same-given', 'same-surname', 'lookalike-surname', 'gender-form', 'different'] as const;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
}

interface Scored {
  index: number;
  a: string;
  b: string;
  same: boolean;
  kind: string;
  pa: PreparedName;
  pb: PreparedName;
  score: number;
}

interface Quality {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

function quality(rows: readonly Scored[], threshold: number): Quality {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const r of rows) {
    const match = r.score >= threshold;
    if (match && r.same) tp++;
    else if (match) fp++;
    else if (r.same) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, tn, precision, recall, f1, accuracy: (tp + tn) / Math.max(1, rows.length) };
}

const f4 = (x: number): string => x.toFixed(4);

function scoreRows(pairs: ReadonlyArray<{ a: string; b: string; same: boolean; kind: string }>): Scored[] {
  return pairs.map((p, index) => {
    const pa = prepareName(p.a);
    const pb = prepareName(p.b);
    return { index, ...p, pa, pb, score: scorePrepared(pa, pb) };
  });
}

function printQuality(label: string, rows: readonly Scored[], threshold: number): void {
  const q = quality(rows, threshold);
  console.log(
    `${label.padEnd(22)} n=${String(rows.length).padStart(4)}  precision ${f4(q.precision)}  recall ${f4(q.recall)}  F1 ${f4(q.f1)}  accuracy ${f4(q.accuracy)}  (TP ${q.tp} FP ${q.fp} FN ${q.fn} TN ${q.tn})`,
  );
}

function printConfusionByKind(rows: readonly Scored[], threshold: number): void {
  console.log('\n| kind | pairs | labelled same | predicted match | TP | FP | FN | TN | accuracy |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const kind of KINDS) {
    const list = rows.filter((r) => r.kind === kind);
    if (list.length === 0) continue;
    const q = quality(list, threshold);
    const same = list.filter((r) => r.same).length;
    console.log(`| ${kind} | ${list.length} | ${same} | ${q.tp + q.fp} | ${q.tp} | ${q.fp} | ${q.fn} | ${q.tn} | ${f4(q.accuracy)} |`);
  }
}

function printSweep(rows: readonly Scored[], threshold: number): void {
  const even = rows.filter((r) => r.index % 2 === 0);
  const odd = rows.filter((r) => r.index % 2 === 1);
  console.log('\n| threshold | F1 even (calibration) | F1 odd (held out) | F1 all | precision all | recall all |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (let step = -6; step <= 6; step++) {
    const t = Math.round((threshold + step * 0.025) * 1000) / 1000;
    const all = quality(rows, t);
    const mark = step === 0 ? ' (default)' : '';
    console.log(`| ${t.toFixed(3)}${mark} | ${f4(quality(even, t).f1)} | ${f4(quality(odd, t).f1)} | ${f4(all.f1)} | ${f4(all.precision)} | ${f4(all.recall)} |`);
  }
  // The calibration itself: the interval of thresholds with the best F1 on the even rows.
  let best = 0;
  const grid: number[] = [];
  for (let t = 0.5; t <= 0.95 + 1e-9; t += 0.005) grid.push(Math.round(t * 1000) / 1000);
  for (const t of grid) best = Math.max(best, quality(even, t).f1);
  const plateau = grid.filter((t) => quality(even, t).f1 >= best - 1e-12);
  console.log(`\nbest F1 on even rows ${f4(best)} for thresholds ${plateau[0]?.toFixed(3)}–${plateau[plateau.length - 1]?.toFixed(3)}; default ${threshold}`);
  const negatives = rows.filter((r) => !r.same).map((r) => r.score);
  const positives = rows.filter((r) => r.same).map((r) => r.score);
  console.log(`highest non-match score ${f4(Math.max(...negatives))}, lowest same-person score ${f4(Math.min(...positives))}`);
}

function printMisses(rows: readonly Scored[], threshold: number, perKind: number): void {
  console.log(`\nMisses at ${threshold} (up to ${perKind} per kind):`);
  for (const kind of KINDS) {
    const misses = rows.filter((r) => r.kind === kind && r.score >= threshold !== r.same);
    for (const m of misses.slice(0, perKind)) {
      console.log(`  ${kind.padEnd(18)} ${m.same ? 'FN' : 'FP'} ${f4(m.score)}  ${m.a}  |  ${m.b}`);
    }
  }
}

function printBlocking(label: string, rows: readonly Scored[], threshold: number): void {
  let same = 0;
  let sameShared = 0;
  let matched = 0;
  let matchedShared = 0;
  let keys = 0;
  let maxKeys = 0;
  let names = 0;
  for (const r of rows) {
    const ka = blockingKeysPrepared(r.pa);
    const kb = blockingKeysPrepared(r.pb);
    keys += ka.length + kb.length;
    names += 2;
    maxKeys = Math.max(maxKeys, ka.length, kb.length);
    const shared = ka.some((k) => kb.includes(k));
    if (process.env.SHOW_BLOCKING_MISSES && r.same && !shared) console.log("  miss", r.a, "/", r.b, ka.join(" "), "/", kb.join(" "));
    if (r.same) {
      same++;
      if (shared) sameShared++;
    }
    if (r.score >= threshold) {
      matched++;
      if (shared) matchedShared++;
    }
  }
  console.log(
    `${label.padEnd(22)} same-person pairs sharing a key ${sameShared}/${same} (${f4(sameShared / same)}); pairs the scorer matches sharing a key ${matchedShared}/${matched} (${f4(matchedShared / matched)}); keys per name ${(keys / names).toFixed(2)} (max ${maxKeys})`,
  );
}

const KMU = cyrillicToTranslit({ preset: 'uk' });

/** Baseline: every Daitch–Mokotoff code of every word (Cyrillic through KMU 2010 first). */
function soundexKeys(name: string): string[] {
  const words = name.split(/[\s,]+/).filter((w) => w.length > 0);
  const latin = words.map((w) => (/[\u0400-\u04ff]/.test(w) ? KMU.transform(w) : w).normalize('NFD').replace(/[^A-Za-z]/g, ''));
  return [...new Set(latin.filter((w) => w.length > 0).flatMap((w) => daitchMokotoff(w)))];
}

function printSoundexBaseline(label: string, rows: readonly Scored[]): void {
  let same = 0;
  let shared = 0;
  let keys = 0;
  for (const r of rows) {
    const ka = soundexKeys(r.a);
    const kb = soundexKeys(r.b);
    keys += ka.length + kb.length;
    if (!r.same) continue;
    same++;
    if (ka.some((k) => kb.includes(k))) shared++;
  }
  console.log(
    `${label.padEnd(22)} baseline, Daitch–Mokotoff code of any word: same-person pairs sharing a code ${shared}/${same} (${f4(shared / same)}); codes per name ${(keys / (2 * rows.length)).toFixed(2)}`,
  );
}

function roundTrips(threshold: number): void {
  let total = 0;
  let matched = 0;
  let keyed = 0;
  for (const [uk, ru, sex] of OTHER_GIVEN_NAMES) {
    for (const surname of OTHER_SURNAMES) {
      for (const language of ['uk', 'ru'] as const) {
        const given = language === 'uk' ? uk : ru;
        const family = sex === 'm' ? (language === 'uk' ? surname[0] : surname[1]) : language === 'uk' ? surname[2] : surname[3];
        const cyrillic = prepareName(`${given} ${family}`);
        for (const convention of CONVENTIONS) {
          if (language === 'uk' ? convention === 'bgn' : convention === 'kmu2010' || convention === 'passport2007') continue;
          const latin = prepareName(transliterateName(`${given} ${family}`, convention, language));
          total++;
          if (scorePrepared(cyrillic, latin) >= threshold) matched++;
          const keys = blockingKeysPrepared(latin);
          if (blockingKeysPrepared(cyrillic).some((k) => keys.includes(k))) keyed++;
        }
      }
    }
  }
  console.log(`transliteration round trips of other names (${CONVENTIONS.length} conventions): matched ${matched}/${total}, sharing a key ${keyed}/${total}`);
}

/** Runs and reports wall-clock and CPU time (the CPU figure is steadier on a shared machine). */
function timeIt(label: string, count: number, unit: string, run: () => void): void {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `${label}: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU — ${((ms * 1000) / count).toFixed(2)} µs per ${unit} (${((cpuMs * 1000) / count).toFixed(2)} µs CPU)`,
  );
}

function speed(rows: readonly Scored[], calls: number): void {
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
  const texts = rows.flatMap((r) => [r.a, r.b]);
  const rounds = 5;
  // The first round analyses each distinct word; later rounds find most words in the cache, as
  // a registry does with a population's repeated given names and surnames.
  timeIt(`prepareName × ${texts.length * rounds}`, texts.length * rounds, 'name', () => {
    for (let k = 0; k < rounds; k++) for (const t of texts) prepareName(t);
  });
  let sink = 0;
  // Warm up, then the measured run: the dev pairs cycled, a realistic mix of near and far names.
  for (let i = 0; i < 100_000; i++) sink += scorePrepared(rows[i % rows.length]!.pa, rows[i % rows.length]!.pb);
  timeIt(`scorePrepared × ${calls.toLocaleString('en')}`, calls, 'call', () => {
    for (let i = 0; i < calls; i++) {
      const r = rows[i % rows.length]!;
      sink += scorePrepared(r.pa, r.pb);
    }
  });
  if (sink < 0) console.log(sink);
}

function main(): void {
  const threshold = DEFAULT_MATCH_THRESHOLD;
  const perKind = option('misses', 5);
  const calls = option('calls', 1_000_000);
  const dev = parseCsv(readFileSync(DEV_PAIRS, 'utf8'))
    .slice(1)
    .map(([a = '', b = '', same = '', kind = '']) => ({ a, b, same: same === 'true', kind }));
  const rows = scoreRows(dev);

  console.log(`## Development pairs (${rows.length}), threshold ${threshold}\n`);
  printQuality('all rows', rows, threshold);
  printQuality('even rows (calibration)', rows.filter((r) => r.index % 2 === 0), threshold);
  printQuality('odd rows (held out)', rows.filter((r) => r.index % 2 === 1), threshold);
  printConfusionByKind(rows, threshold);
  printSweep(rows, threshold);
  printMisses(rows, threshold, perKind);

  console.log('\n## Blocking keys\n');
  printBlocking('development pairs', rows, threshold);
  const other = scoreRows(otherNamePairs(3000));
  printBlocking('other-name pairs', other, threshold);
  printSoundexBaseline('development pairs', rows);

  console.log('\n## Other names (not in the development file)\n');
  printQuality('other-name pairs', other, threshold);
  printConfusionByKind(other, threshold);
  printMisses(other, threshold, perKind);
  roundTrips(threshold);

  console.log('\n## Speed\n');
  speed(rows, calls);
}

main();
