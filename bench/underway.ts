/**
 * The seed and checks the write benchmarks share (bench/checkin-ingest.bench.ts,
 * bench/mixed-load.bench.ts): movements underway on one open corridor, the check-in body field
 * officers send, and what must be stored afterwards.
 */
import { sql } from 'kysely';
import type { CorridorInput } from '../src/domain/corridor.ts';
import type { Actor, OrgKind, Role } from '../src/domain/identity.ts';
import { verifyAuditLog } from '../src/services/audit.service.ts';
import { createCorridor, proposeCorridor } from '../src/services/corridor.service.ts';
import { answerAsDemoParty, decideAsDemoParty } from '../src/demo/demo-signer.ts';
import { ensureOrg, ensureUser, login } from '../src/services/identity.service.ts';
import { notifyMovement, startMovement } from '../src/services/movement.service.ts';
import { openDatabase } from '../src/store/database.ts';

type ServiceContext = Parameters<typeof notifyMovement>[0];

/** Every seeded user's password. */
export const BENCH_PASSWORD = 'bench-password-1';
/** Zaporizhzhia → Vasylivka → Enerhodar, open for the whole run. */
const ROUTE: [number, number][] = [
  [35.1396, 47.8388],
  [35.2789, 47.4434],
  [34.6563, 47.499],
];

/** A mediator, an agency (coordinator, field officers), one party (liaison), an open corridor, movements underway. */
export async function seedUnderway(ctx: ServiceContext, counts: { users: number; movements: number }): Promise<{ id: string; token: string }[]> {
  const actorOf = (user: { id: string; orgId: string; role: Role }, kind: OrgKind): Actor => ({ userId: user.id, orgId: user.orgId, orgKind: kind, role: user.role });
  const mediatorOrg = (await ensureOrg(ctx, { name: 'Bench Mediator', kind: 'mediator' })).row;
  const agencyOrg = (await ensureOrg(ctx, { name: 'Bench Agency', kind: 'agency' })).row;
  const partyOrg = (await ensureOrg(ctx, { name: 'Bench Party', kind: 'party' })).row;
  const user = (org: typeof mediatorOrg, role: Role, email: string) => ensureUser(ctx, org, { email, name: `${role} (bench)`, password: BENCH_PASSWORD, role });
  const mediator = actorOf(await user(mediatorOrg, 'coordinator', 'coordinator@mediator.bench'), 'mediator');
  const coordinator = actorOf(await user(agencyOrg, 'coordinator', 'coordinator@agency.bench'), 'agency');
  const liaison = actorOf(await user(partyOrg, 'liaison', 'liaison@party.bench'), 'party');
  const field: { actor: Actor; token: string }[] = [];
  for (let i = 0; i < counts.users; i++) {
    const email = `field${i}@agency.bench`;
    const actor = actorOf(await user(agencyOrg, 'field', email), 'agency');
    field.push({ actor, token: (await login(ctx, { email, password: BENCH_PASSWORD })).token });
  }

  const now = ctx.now();
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
  const content: CorridorInput = {
    name: 'Zaporizhzhia – Enerhodar (bench)',
    purpose: ['evacuation', 'supply'],
    origin: { name: 'Zaporizhzhia', lat: 47.8388, lon: 35.1396 },
    destination: { name: 'Enerhodar', lat: 47.499, lon: 34.6563 },
    route: { type: 'LineString', coordinates: ROUTE },
    bufferMeters: 3000,
    gatheringPoints: [{ name: 'Central station', lat: 47.8205, lon: 35.1871 }],
    checkpoints: [{ name: 'Vasylivka', lat: 47.4434, lon: 35.2789, controlledBy: partyOrg.id }],
    windows: [{ start: at(-1), end: at(12) }],
    parties: [partyOrg.id],
    allowedTraffic: ['bus', 'truck'],
    eligibility: 'Everyone',
    conditions: 'Marked vehicles only.',
    publicText: {
      uk: { title: 'Запоріжжя → Енергодар', eligibility: 'Усі цивільні', conditions: 'Лише позначені транспортні засоби.', whatToBring: 'Документи, вода, ліки.', gatheringPoints: [{ name: 'Центральний вокзал' }] },
      ru: { title: 'Запорожье → Энергодар', eligibility: 'Все гражданские', conditions: 'Только обозначенные транспортные средства.', whatToBring: 'Документы, вода, лекарства.', gatheringPoints: [{ name: 'Центральный вокзал' }] },
      en: { title: 'Zaporizhzhia → Enerhodar', eligibility: 'All civilians', conditions: 'Marked vehicles only.', whatToBring: 'Documents, water, medicines.', gatheringPoints: [{ name: 'Central station' }] },
    },
  };
  const corridor = await createCorridor(ctx, mediator, content);
  await proposeCorridor(ctx, mediator, corridor.id);
  await decideAsDemoParty(ctx, liaison, corridor.id, { version: 1, decision: 'approve', comment: undefined });

  const movements: { id: string; token: string }[] = [];
  for (let i = 0; i < counts.movements; i++) {
    const officer = field[i % field.length]!;
    const movement = await notifyMovement(ctx, coordinator, {
      kind: i % 2 === 0 ? 'evacuation' : 'supply',
      corridorId: corridor.id,
      departAt: at(0.1),
      arriveBy: at(6),
      vehicles: [{ type: i % 2 === 0 ? 'bus' : 'truck' }],
      personnel: 2,
      passengers: i % 2 === 0 ? 40 : undefined,
      cargo: i % 2 === 0 ? undefined : [{ category: 'food', item: 'Food parcels', quantity: 400, unit: 'parcel' }],
      urgent: true,
      justification: 'Window open now',
    });
    await answerAsDemoParty(ctx, liaison, movement.id, { decision: 'acknowledge' });
    await startMovement(ctx, officer.actor, movement.id);
    movements.push({ id: movement.id, token: officer.token });
  }
  return movements;
}

/** A position near the corridor, so the load is what field officers would send. */
export function checkinBody(k: number): string {
  const t = (k % 1000) / 1000;
  const lat = 47.8388 + (47.4434 - 47.8388) * t + ((k % 7) - 3) * 0.001;
  const lon = 35.1396 + (35.2789 - 35.1396) * t + ((k % 5) - 2) * 0.001;
  return JSON.stringify(k % 50 === 0 ? { lat, lon, checkpoint: 'Vasylivka', note: 'Passed the checkpoint' } : { lat, lon });
}

/** The q-quantile (0..1) of ascending numbers, 0 when there are none. */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** What the database holds after the load: check-in rows and audit events, registered people and theirs, the audit chain, SQLite's integrity. */
export async function verifyStored(databaseUrl: string): Promise<{ rows: number; auditCheckins: number; people: number; auditRegistrations: number; audit: Awaited<ReturnType<typeof verifyAuditLog>>; integrity: string }> {
  const database = openDatabase(databaseUrl);
  try {
    const count = async (query: Promise<{ n: number | string | bigint } | undefined>) => Number((await query)?.n ?? 0);
    const rows = await count(database.db.selectFrom('movement_checkins').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst());
    const auditCheckins = await count(
      database.db.selectFrom('audit_events').where('action', '=', 'movement.checkin').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    );
    const people = await count(database.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst());
    const auditRegistrations = await count(
      database.db.selectFrom('audit_events').where('action', '=', 'person.register').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    );
    const audit = await verifyAuditLog(database);
    let integrity = 'n/a';
    if (database.dialect === 'sqlite') {
      const result = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db);
      integrity = result.rows.map((r) => r.integrity_check).join(', ');
    }
    return { rows, auditCheckins, people, auditRegistrations, audit, integrity };
  } finally {
    await database.close();
  }
}
