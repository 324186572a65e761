/**
 * Impact of one incident: `affectedBy(incident, corridors, movements)`, the pure function
 * reportIncident calls to find which corridors in play and which active movements an incident
 * touches, against 1,000 corridors and 10,000 active movements (most on a corridor's route, some
 * on their own), for 2,000 incidents placed as the war places them (bench/ukraine.ts). For
 * contrast, the same answer by measuring every route exactly, with no box prefilter.
 *
 *   npx tsx bench/incident-impact.bench.ts [--json] [--seed 42] [--corridors 1000]
 *                                          [--movements 10000] [--incidents 2000]
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_BUFFER_METERS } from '../src/domain/corridor.ts';
import { metersFromRoute } from '../src/domain/geo.ts';
import type { IncidentFacts } from '../src/domain/incident.ts';
import { affectedBy, type Affected, type RouteToCheck } from '../src/domain/route-risk.ts';
import { between, incidentLocation, pick, randomRoute, rng, type Random } from './ukraine.ts';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    corridors: { type: 'string', default: '1000' },
    movements: { type: 'string', default: '10000' },
    incidents: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    exact: { type: 'string', default: '200' },
  },
});
const N_CORRIDORS = Number(args.corridors);
const N_MOVEMENTS = Number(args.movements);
const N_INCIDENTS = Number(args.incidents);
const N_WARMUP = Number(args.warmup);
const N_EXACT = Math.min(Number(args.exact), N_INCIDENTS);
const log = (line: string): void => {
  if (!args.json) process.stderr.write(`${line}\n`);
};

const r: Random = rng(Number(args.seed));
const corridors: RouteToCheck[] = Array.from({ length: N_CORRIDORS }, (_, i) => ({ id: `cor-${i}`, route: randomRoute(r), bufferMeters: pick(r, [2_000, 5_000, 5_000, 10_000]) }));
// Convoys mostly drive a corridor's route (the service gives them the corridor's route and buffer);
// a fifth go their own way with the default buffer, as the service gives them.
const movements: RouteToCheck[] = Array.from({ length: N_MOVEMENTS }, (_, i) => {
  if (r() < 0.8) {
    const c = pick(r, corridors);
    return { id: `mov-${i}`, route: c.route, bufferMeters: c.bufferMeters };
  }
  return { id: `mov-${i}`, route: randomRoute(r, 5, 150), bufferMeters: DEFAULT_BUFFER_METERS };
});
const incidents: IncidentFacts[] = Array.from({ length: N_INCIDENTS + N_WARMUP }, (_, i) => {
  const p = incidentLocation(r);
  return { id: `inc-${i}`, type: 'shelling', severity: 'high', lat: p.lat, lon: p.lon, occurredAt: new Date(Date.UTC(2026, 2, 1) - between(r, 0, 3_600_000)).toISOString(), clearedAt: null };
});

/** The answer without any prefilter: every route measured exactly (what affectedBy must equal). */
function exactly(incident: IncidentFacts, items: RouteToCheck[]) {
  return items.flatMap((i) => {
    if (!i.route) return [];
    const d = Math.round(metersFromRoute(incident, i.route));
    return d <= i.bufferMeters ? [{ id: i.id, distanceMeters: d }] : [];
  });
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1]! };
}

for (const incident of incidents.slice(0, N_WARMUP)) affectedBy(incident, corridors, movements);
const times: number[] = [];
const answers: Affected[] = [];
for (const incident of incidents.slice(N_WARMUP)) {
  const t0 = performance.now();
  answers.push(affectedBy(incident, corridors, movements));
  times.push(performance.now() - t0);
}
const exactTimes: number[] = [];
let differing = 0;
for (const [k, incident] of incidents.slice(N_WARMUP, N_WARMUP + N_EXACT).entries()) {
  const t0 = performance.now();
  const expected = { corridors: exactly(incident, corridors), movements: exactly(incident, movements) };
  exactTimes.push(performance.now() - t0);
  if (JSON.stringify(expected) !== JSON.stringify(answers[k])) differing += 1;
}

const touched = answers.map((a) => a.corridors.length + a.movements.length);
const result = {
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, load: os.loadavg().map((l) => Number(l.toFixed(2))), node: process.version },
  world: { corridors: N_CORRIDORS, movements: N_MOVEMENTS, incidents: N_INCIDENTS },
  affectedBy: stats(times),
  exactScan: stats(exactTimes),
  checkedAgainstExact: N_EXACT,
  differing,
  touching: { anything: touched.filter((n) => n > 0).length, meanRoutes: touched.reduce((a, b) => a + b, 0) / touched.length, maxRoutes: Math.max(...touched) },
};
if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  const row = (label: string, s: ReturnType<typeof stats>) => log(`${label.padEnd(34)} n=${s.n} p50=${s.p50.toFixed(3)} p95=${s.p95.toFixed(3)} p99=${s.p99.toFixed(3)} max=${s.max.toFixed(3)} ms`);
  log(`machine: ${result.machine.cpus} cpus ${result.machine.model}, load ${result.machine.load.join(' ')}, node ${result.machine.node}`);
  row('affectedBy (the service)', result.affectedBy);
  row('exact scan, no prefilter', result.exactScan);
  log(`answers differing from the exact scan: ${differing} of ${N_EXACT}`);
  log(`incidents touching a route: ${result.touching.anything} of ${N_INCIDENTS}, mean ${result.touching.meanRoutes.toFixed(1)} routes, max ${result.touching.maxRoutes}`);
}
if (differing > 0) process.exitCode = 1;
