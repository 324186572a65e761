/**
 * Deconfliction speed: `deconflict(plan, world)` over 10,000 active incidents in an IncidentIndex
 * (R-tree) and 1,000 corridors, for 5,000 mixed notifications; and the same checks by a linear
 * scan over every incident, for contrast.
 *
 *   npx tsx bench/deconflict.bench.ts [--json] [--seed 42] [--incidents 10000] [--corridors 1000]
 *                                     [--notifications 5000] [--linear 300]
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { CorridorStatus, LineString, TimeWindow } from '../src/domain/corridor.ts';
import { metersFromRoute } from '../src/domain/geo.ts';
import { IncidentIndex, INCIDENT_TYPES, SEVERITIES, type IncidentFacts, type IncidentType } from '../src/domain/incident.ts';
import { deconflict, MOVEMENT_KINDS, type CorridorForDeconfliction, type MovementPlan, type Warning, type World } from '../src/domain/movement.ts';
import { OWN_ROUTE_BUFFER_METERS } from '../src/domain/movement.ts';
import { between, detour, incidentLocation, pick, randomRoute, rng, type Random } from './ukraine.ts';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    incidents: { type: 'string', default: '10000' },
    corridors: { type: 'string', default: '1000' },
    notifications: { type: 'string', default: '5000' },
    warmup: { type: 'string', default: '500' },
    linear: { type: 'string', default: '300' },
  },
});
const SEED = Number(args.seed);
const N_INCIDENTS = Number(args.incidents);
const N_CORRIDORS = Number(args.corridors);
const N_NOTIFICATIONS = Number(args.notifications);
const N_WARMUP = Number(args.warmup);
const N_LINEAR = Math.min(Number(args.linear), N_NOTIFICATIONS);

const NOW = new Date('2026-03-01T06:00:00.000Z');
const NOTICE_HOURS = 48;
const hoursFromNow = (h: number): string => new Date(NOW.getTime() + h * 3_600_000).toISOString();
const log = (line: string): void => {
  if (!args.json) process.stderr.write(`${line}\n`);
};

// ── The world ───────────────────────────────────────────────────────────────

const r: Random = rng(SEED);

const NON_MINE_TYPES = INCIDENT_TYPES.filter((t): t is Exclude<IncidentType, 'mine'> => t !== 'mine');

/** Active incidents: reported in the last 72 h, and uncleared mines (3 %) of any age. */
function makeIncidents(count: number): IncidentFacts[] {
  return Array.from({ length: count }, (_, i) => {
    const p = incidentLocation(r);
    const mine = r() < 0.03;
    return {
      id: `inc-${i}`,
      type: mine ? 'mine' : pick(r, NON_MINE_TYPES),
      severity: pick(r, SEVERITIES),
      lat: p.lat,
      lon: p.lon,
      occurredAt: hoursFromNow(mine ? -between(r, 1, 24 * 400) : -between(r, 0, 71.9)),
      clearedAt: null,
    };
  });
}

/** Corridor statuses as a conflict has them: most agreed or open, some not (yet, or no longer). */
const STATUSES: CorridorStatus[] = ['agreed', 'agreed', 'agreed', 'open', 'open', 'open', 'open', 'proposed', 'suspended', 'closed'];

function makeCorridors(count: number): CorridorForDeconfliction[] {
  return Array.from({ length: count }, (_, i) => {
    const route = randomRoute(r);
    const windows: TimeWindow[] = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
      const start = between(r, -2, 168);
      return { start: hoursFromNow(start), end: hoursFromNow(start + between(r, 6, 12)) };
    });
    return {
      id: `cor-${i}`,
      status: pick(r, STATUSES),
      route,
      bufferMeters: pick(r, [1000, 2000, 2000, 3000, 5000]),
      windows,
      parties: ['party-a', 'party-b'],
      checkpoints: [],
    };
  });
}

type Category = 'corridor' | 'corridor+own route' | 'own route';

interface Notification {
  category: Category;
  plan: MovementPlan;
  corridor: CorridorForDeconfliction | null;
}

/**
 * The mix: 55 % follow a corridor, 15 % follow a corridor with their own route (half within the
 * buffer, half detouring 1–20 km), 30 % give only their own route. Departures inside a window or
 * not; about a quarter at short notice (urgent).
 */
function makeNotification(corridors: readonly CorridorForDeconfliction[]): Notification {
  const roll = r();
  const category: Category = roll < 0.55 ? 'corridor' : roll < 0.7 ? 'corridor+own route' : 'own route';
  const corridor = category === 'own route' ? null : pick(r, corridors);
  let route: LineString | null = null;
  if (category === 'own route') route = randomRoute(r);
  else if (category === 'corridor+own route' && corridor?.route) {
    route = detour(corridor.route, r, r() < 0.5 ? between(r, 0, corridor.bufferMeters * 0.8) : between(r, 1_000, 20_000));
  }
  let departH: number;
  let arriveH: number;
  if (corridor && r() < 0.7) {
    const w = pick(r, corridor.windows);
    departH = (new Date(w.start).getTime() - NOW.getTime()) / 3_600_000 + between(r, 0, 1);
    arriveH = departH + between(r, 2, 5);
  } else {
    departH = r() < 0.2 ? between(r, 1, 47) : between(r, 48, 168);
    arriveH = departH + between(r, 2, 12);
  }
  const short = departH < NOTICE_HOURS;
  const kind = pick(r, MOVEMENT_KINDS);
  return {
    category,
    corridor,
    plan: {
      kind,
      corridorId: corridor?.id ?? null,
      route,
      departAt: hoursFromNow(departH),
      arriveBy: hoursFromNow(arriveH),
      passengers: kind === 'evacuation' ? Math.floor(between(r, 10, 400)) : null,
      cargo: kind === 'supply' ? [{ category: 'food', item: 'Food parcels', quantity: 500, unit: 'parcel' }] : [],
      urgent: short,
      justification: short ? 'Medical evacuation' : null,
    },
  };
}

/** The same contract as the index, answered by looking at every incident. */
class LinearIncidentScan extends IncidentIndex {
  private readonly all: IncidentFacts[];

  constructor(incidents: IncidentFacts[]) {
    super([]);
    this.all = incidents;
  }

  override nearRoute(route: LineString, meters: number): { incident: IncidentFacts; distanceMeters: number }[] {
    return this.all
      .map((incident) => ({ incident, distanceMeters: metersFromRoute(incident, route) }))
      .filter((hit) => hit.distanceMeters <= meters)
      .sort((a, b) => a.distanceMeters - b.distanceMeters);
  }
}

// ── Measuring ───────────────────────────────────────────────────────────────

interface Stats {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(samplesNs: readonly bigint[]): Stats {
  const ms = samplesNs.map((s) => Number(s) / 1e6).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] ?? 0;
  return { n: ms.length, mean: ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: ms[ms.length - 1] ?? 0 };
}

function worldFor(n: Notification, incidents: IncidentIndex): World {
  return { now: NOW, noticeHours: NOTICE_HOURS, corridor: n.corridor, incidents, defaultBufferMeters: OWN_ROUTE_BUFFER_METERS };
}

function time(n: Notification, incidents: IncidentIndex): { ns: bigint; warnings: Warning[] } {
  const world = worldFor(n, incidents);
  const start = process.hrtime.bigint();
  const warnings = deconflict(n.plan, world);
  return { ns: process.hrtime.bigint() - start, warnings };
}

let t0 = process.hrtime.bigint();
const incidents = makeIncidents(N_INCIDENTS);
const corridors = makeCorridors(N_CORRIDORS);
const notifications = Array.from({ length: N_NOTIFICATIONS }, () => makeNotification(corridors));
const warmups = Array.from({ length: N_WARMUP }, () => makeNotification(corridors));
log(`world generated in ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms`);

// Index build: bulk load (what incidentIndexFor does per request), and one-by-one upserts.
const buildNs: bigint[] = [];
let index = new IncidentIndex(incidents);
for (let i = 0; i < 20; i++) {
  const start = process.hrtime.bigint();
  index = new IncidentIndex(incidents);
  buildNs.push(process.hrtime.bigint() - start);
}
t0 = process.hrtime.bigint();
const incremental = new IncidentIndex();
for (const incident of incidents) incremental.upsert(incident);
const upsertAllMs = Number(process.hrtime.bigint() - t0) / 1e6;

for (const n of warmups) time(n, index);

const byCategory = new Map<Category, bigint[]>();
const all: bigint[] = [];
const warningCounts = new Map<string, number>();
let nearRouteHits = 0;
const indexWarnings: Warning[][] = [];
for (const n of notifications) {
  const { ns, warnings } = time(n, index);
  all.push(ns);
  byCategory.set(n.category, [...(byCategory.get(n.category) ?? []), ns]);
  indexWarnings.push(warnings);
  for (const w of warnings) {
    warningCounts.set(w.code, (warningCounts.get(w.code) ?? 0) + 1);
    if (w.code === 'INCIDENT_NEAR_ROUTE' || w.code === 'HAZARD_ON_ROUTE') nearRouteHits += (w.incidents as unknown[]).length;
  }
}

// The contrast: the first N notifications again, every incident looked at; same warnings expected.
const linear = new LinearIncidentScan(incidents);
for (const n of warmups.slice(0, 20)) time(n, linear);
const linearNs: bigint[] = [];
let mismatches = 0;
for (let i = 0; i < N_LINEAR; i++) {
  const { ns, warnings } = time(notifications[i]!, linear);
  linearNs.push(ns);
  if (JSON.stringify(warnings) !== JSON.stringify(indexWarnings[i])) mismatches++;
}

const result = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString() },
  world: { incidents: N_INCIDENTS, mines: incidents.filter((i) => i.type === 'mine').length, corridors: N_CORRIDORS, notifications: N_NOTIFICATIONS, warmup: N_WARMUP, seed: SEED },
  indexBuild: { bulkLoad: stats(buildNs), upsertOneByOneMs: upsertAllMs },
  deconflict: stats(all),
  byCategory: Object.fromEntries([...byCategory].map(([k, v]) => [k, stats(v)])),
  linearScan: { ...stats(linearNs), sameWarningsAsIndex: mismatches === 0, mismatches },
  warnings: Object.fromEntries([...warningCounts].sort()),
  incidentsReportedNearRoutes: nearRouteHits,
  /** SHA-256 of every warning of every notification: equal digests, equal answers (compare before and after a change). */
  warningsDigest: createHash('sha256').update(JSON.stringify(indexWarnings)).digest('hex'),
  target: { p99Ms: 5, met: stats(all).p99 < 5 },
};

if (args.json) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const f = (x: number) => (x < 10 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(1));
  const row = (name: string, s: Stats) => `| ${name} | ${s.n} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.max)} | ${f(s.mean)} |`;
  const lines = [
    `Machine: ${result.machine.cpus} × ${result.machine.cpu}, Node ${result.machine.node}, ${result.machine.date}`,
    `World: ${N_INCIDENTS} active incidents (${result.world.mines} uncleared mines), ${N_CORRIDORS} corridors, seed ${SEED}`,
    '',
    '| deconflict(plan, world) | n | p50 ms | p95 ms | p99 ms | max ms | mean ms |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row('**all, R-tree index**', result.deconflict),
    ...[...byCategory].map(([k, v]) => row(`  ${k}`, stats(v))),
    row(`linear scan over all incidents (first ${N_LINEAR})`, result.linearScan),
    '',
    `Index build, ${N_INCIDENTS} incidents: bulk load p50 ${f(result.indexBuild.bulkLoad.p50)} ms (max ${f(result.indexBuild.bulkLoad.max)} ms of 20); one-by-one upsert ${f(upsertAllMs)} ms.`,
    `Linear scan gives the same warnings as the index: ${mismatches === 0 ? 'yes' : `NO (${mismatches} differ)`}.`,
    `Warnings raised: ${Object.entries(result.warnings).map(([k, v]) => `${k} ${v}`).join(', ')}; ${nearRouteHits} incident mentions in all.`,
    `Warnings digest (equal before and after a change = same answers): ${result.warningsDigest.slice(0, 16)}`,
    `Target p99 < 5 ms: ${result.target.met ? 'met' : 'MISSED'} (p99 ${f(result.deconflict.p99)} ms).`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
