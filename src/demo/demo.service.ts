import type { Actor, OrgKind, Role } from '../domain/identity.ts';
import type { ServiceContext } from '../services/context.ts';
import { controlCorridor, createCorridor, listCorridors, proposeCorridor } from '../services/corridor.service.ts';
import { answerAsDemoParty, decideAsDemoParty, stateAsDemoParty } from './demo-signer.ts';
import { ensureOrg, ensureUser } from '../services/identity.service.ts';
import { syncPlaces } from '../services/places.service.ts';
import { countOrgs, findOrgById } from '../store/orgs.repository.ts';
import { findUserByEmail } from '../store/users.repository.ts';
import { clearHazard, reportIncident } from '../services/incident.service.ts';
import { checkIn, completeMovement, notifyMovement, startMovement } from '../services/movement.service.ts';
import { liveDemoCorridor, pendingDemoCorridor, SCENARIO_CORRIDORS, type DemoParty } from './scenario-corridors.ts';
import { SCENARIO_MOVEMENTS } from './scenario-movements.ts';
import { SCENARIO_INCIDENTS } from './scenario-incidents.ts';
import { seedDemoSites } from './scenario-sites.ts';

/** Every demo account shares this password; the demo runs only on an empty database. */
export const DEMO_PASSWORD = 'corridor-demo-2022';

interface DemoOrg {
  key: string;
  name: string;
  kind: OrgKind;
  timeZone: string;
  domain: string;
  roles: Role[];
}

/**
 * The organisations of March 2022 (src/demo/scenario/ukraine-2022-03.json): a neutral
 * coordination cell, the two parties (keeping Kyiv and Moscow time), and the two agencies that
 * facilitated the Sumy evacuations.
 */
export const DEMO_ORGS: readonly DemoOrg[] = [
  {
    key: 'mediator',
    name: 'Corridor Coordination Cell (demo)',
    kind: 'mediator',
    timeZone: 'Europe/Kyiv',
    domain: 'mediator.demo',
    roles: ['admin', 'coordinator', 'field', 'registrar', 'viewer'],
  },
  {
    key: 'ukraine',
    name: 'Ukraine: Government liaison (demo)',
    kind: 'party',
    timeZone: 'Europe/Kyiv',
    domain: 'ua.demo',
    roles: ['admin', 'liaison', 'coordinator', 'field', 'viewer'],
  },
  {
    key: 'russia',
    name: 'Russian Federation: Ministry of Defence liaison (demo)',
    kind: 'party',
    timeZone: 'Europe/Moscow',
    domain: 'ru.demo',
    roles: ['admin', 'liaison', 'coordinator', 'field', 'viewer'],
  },
  {
    key: 'icrc',
    name: 'International Committee of the Red Cross (demo)',
    kind: 'agency',
    timeZone: 'Europe/Kyiv',
    domain: 'icrc.demo',
    roles: ['admin', 'coordinator', 'field', 'registrar', 'viewer'],
  },
  {
    key: 'urcs',
    name: 'Ukrainian Red Cross Society (demo)',
    kind: 'agency',
    timeZone: 'Europe/Kyiv',
    domain: 'urcs.demo',
    roles: ['admin', 'coordinator', 'field', 'registrar', 'viewer'],
  },
];

export interface DemoLogin {
  org: string;
  kind: OrgKind;
  role: Role;
  email: string;
}

export function demoEmail(org: Pick<DemoOrg, 'domain'>, role: Role): string {
  return `${role}@${org.domain}`;
}

const ROLE_TITLES: Record<Role, string> = {
  admin: 'Administrator',
  coordinator: 'Coordinator',
  liaison: 'Liaison officer',
  field: 'Field officer',
  registrar: 'Registrar',
  viewer: 'Observer',
};

/** Creates the demo organisations, users and places; safe to run again (it only adds what is missing). */
export async function seedDemo(ctx: ServiceContext): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const demoOrg of DEMO_ORGS) {
    const { row } = await ensureOrg(ctx, { name: demoOrg.name, kind: demoOrg.kind, timeZone: demoOrg.timeZone });
    for (const role of demoOrg.roles) {
      const email = demoEmail(demoOrg, role);
      await ensureUser(ctx, row, { email, name: `${ROLE_TITLES[role]} (demo)`, password: DEMO_PASSWORD, role });
      logins.push({ org: demoOrg.name, kind: demoOrg.kind, role, email });
    }
  }
  await syncPlaces(ctx);
  await seedDemoCorridors(ctx);
  await seedDemoSites(ctx, { icrc: await demoActor(ctx, 'coordinator@icrc.demo'), urcs: await demoActor(ctx, 'coordinator@urcs.demo') });
  return logins;
}

export async function demoActor(ctx: ServiceContext, email: string): Promise<Actor> {
  const user = await findUserByEmail(ctx.db, email);
  const org = user ? await findOrgById(ctx.db, user.org_id) : undefined;
  if (!user || !org) throw new Error(`demo user ${email} is missing`);
  return { userId: user.id, orgId: org.id, orgKind: org.kind as OrgKind, role: user.role as Role };
}

/** The service context with the clock set to a moment of the scenario. */
const at = (ctx: ServiceContext, instant: string): ServiceContext => ({ ...ctx, now: () => new Date(instant) });

/**
 * The March 2022 corridors with their histories (once), a proposal awaiting both liaisons (once),
 * and a corridor open now (again whenever none is open, so the live views always show one).
 */
export async function seedDemoCorridors(ctx: ServiceContext): Promise<void> {
  const coordinator = await demoActor(ctx, 'coordinator@mediator.demo');
  const liaisons: Record<DemoParty, Actor> = {
    ua: await demoActor(ctx, 'liaison@ua.demo'),
    ru: await demoActor(ctx, 'liaison@ru.demo'),
  };
  const parties = { ua: liaisons.ua.orgId, ru: liaisons.ru.orgId };
  const existing = await listCorridors(ctx, coordinator, { limit: 200 });
  if (existing.items.length === 0) {
    const idsByKey = new Map<string, string>();
    for (const corridor of SCENARIO_CORRIDORS) {
      const { id } = await createCorridor(at(ctx, corridor.draftedAt), coordinator, corridor.content(parties));
      idsByKey.set(corridor.key, id);
      for (const step of corridor.steps) {
        const when = at(ctx, step.at);
        if (step.do === 'propose') await proposeCorridor(when, coordinator, id);
        else if ('by' in step) await decideAsDemoParty(when, liaisons[step.by], id, { version: 1, decision: step.do, comment: step.comment });
        else await controlCorridor(when, coordinator, id, step.do, { reason: step.reason });
      }
    }
    const pending = await createCorridor(ctx, coordinator, pendingDemoCorridor(parties, ctx.now()));
    await proposeCorridor(ctx, coordinator, pending.id);
    await seedScenarioMovements(ctx, idsByKey, liaisons);
  }
  if (!existing.items.some((c) => c.status === 'open')) {
    const live = await createCorridor(ctx, coordinator, liveDemoCorridor(parties, ctx.now()));
    await proposeCorridor(ctx, coordinator, live.id);
    for (const party of ['ua', 'ru'] as const) {
      await decideAsDemoParty(ctx, liaisons[party], live.id, { version: 1, decision: 'approve', comment: undefined });
    }
    await seedLiveMovements(ctx, live.id, liaisons);
  }
}

/** Convoys and incidents of March 2022, each step at its historical time. */
async function seedScenarioMovements(ctx: ServiceContext, corridorIds: ReadonlyMap<string, string>, liaisons: Record<DemoParty, Actor>): Promise<void> {
  const agency = await demoActor(ctx, 'coordinator@icrc.demo');
  const field = await demoActor(ctx, 'field@icrc.demo');
  const coordinator = await demoActor(ctx, 'coordinator@mediator.demo');
  for (const { reportedAt, reporter, statements, cleared, ...incident } of SCENARIO_INCIDENTS) {
    const { id } = await reportIncident(at(ctx, reportedAt), await demoActor(ctx, reporter), incident);
    for (const s of statements) await stateAsDemoParty(at(ctx, s.signedAt), liaisons[s.by], id, s.text);
    if (cleared) await clearHazard(at(ctx, cleared.at), coordinator, id, { note: cleared.note });
  }
  for (const movement of SCENARIO_MOVEMENTS) {
    const corridorId = corridorIds.get(movement.corridorKey);
    if (!corridorId) throw new Error(`no demo corridor ${movement.corridorKey}`);
    const { id } = await notifyMovement(at(ctx, movement.notifiedAt), agency, { ...movement.input, corridorId });
    if (movement.acknowledgedAt) {
      for (const party of ['ua', 'ru'] as const) {
        await answerAsDemoParty(at(ctx, movement.acknowledgedAt), liaisons[party], id, { decision: 'acknowledge' });
      }
    }
    if (movement.startedAt) await startMovement(at(ctx, movement.startedAt), field, id);
    for (const checkin of movement.checkins) await checkIn(at(ctx, checkin.at), field, id, checkin);
    if (movement.completedAt) await completeMovement(at(ctx, movement.completedAt), field, id);
  }
}

/** On the corridor open now: one convoy underway with its check-ins, one aid convoy awaiting the parties. */
async function seedLiveMovements(ctx: ServiceContext, corridorId: string, liaisons: Record<DemoParty, Actor>): Promise<void> {
  const agency = await demoActor(ctx, 'coordinator@icrc.demo');
  const field = await demoActor(ctx, 'field@icrc.demo');
  const now = ctx.now().getTime();
  const iso = (hours: number) => new Date(now + hours * 3_600_000).toISOString();
  const notifiedAt = at(ctx, iso(-50));
  const convoy = await notifyMovement(notifiedAt, agency, {
    kind: 'evacuation',
    corridorId,
    departAt: iso(-0.75),
    arriveBy: iso(3),
    vehicles: [{ type: 'bus', markings: 'Red Cross emblem' }, { type: 'bus', markings: 'Red Cross emblem' }],
    personnel: 4,
    passengers: 90,
  });
  for (const party of ['ua', 'ru'] as const) await answerAsDemoParty(at(ctx, iso(-40)), liaisons[party], convoy.id, { decision: 'acknowledge' });
  await startMovement(at(ctx, iso(-0.75)), field, convoy.id);
  await checkIn(at(ctx, iso(-0.7)), field, convoy.id, { lat: 47.499, lon: 34.6563, note: 'Left the city council' });
  await checkIn(at(ctx, iso(-0.2)), field, convoy.id, { lat: 47.47, lon: 34.95 });
  await notifyMovement(ctx, agency, {
    kind: 'supply',
    corridorId,
    departAt: iso(52),
    arriveBy: iso(56),
    vehicles: [{ type: 'truck', plate: 'AA 4521 KX', markings: 'ICRC' }],
    personnel: 3,
    cargo: [
      { category: 'food', item: 'food parcels', quantity: 1200, unit: 'parcels', weightKg: 14400 },
      { category: 'medical', item: 'insulin', quantity: 800, unit: 'doses' },
    ],
  });
}

/** The demo is loaded only into a database with no organisation yet, never over real data. */
export async function isDatabaseEmpty(ctx: Pick<ServiceContext, 'db'>): Promise<boolean> {
  return (await countOrgs(ctx.db)) === 0;
}
