import type { Actor, OrgKind, Role } from '../domain/identity.ts';
import type { ServiceContext } from '../services/context.ts';
import { controlCorridor, createCorridor, decideOnCorridor, listCorridors, proposeCorridor } from '../services/corridor.service.ts';
import { ensureOrg, ensureUser } from '../services/identity.service.ts';
import { syncPlaces } from '../services/places.service.ts';
import { countOrgs, findOrgById } from '../store/orgs.repository.ts';
import { findUserByEmail } from '../store/users.repository.ts';
import { liveDemoCorridor, pendingDemoCorridor, SCENARIO_CORRIDORS, type DemoParty } from './scenario-corridors.ts';

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
 * The organisations of March 2022 (../shared/scenarios/ukraine-2022-03.json): a neutral
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
  return logins;
}

async function demoActor(ctx: ServiceContext, email: string): Promise<Actor> {
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
    for (const corridor of SCENARIO_CORRIDORS) {
      const { id } = await createCorridor(at(ctx, corridor.draftedAt), coordinator, corridor.content(parties));
      for (const step of corridor.steps) {
        const when = at(ctx, step.at);
        if (step.do === 'propose') await proposeCorridor(when, coordinator, id);
        else if ('by' in step) await decideOnCorridor(when, liaisons[step.by], id, { version: 1, decision: step.do, comment: step.comment });
        else await controlCorridor(when, coordinator, id, step.do, { reason: step.reason });
      }
    }
    const pending = await createCorridor(ctx, coordinator, pendingDemoCorridor(parties, ctx.now()));
    await proposeCorridor(ctx, coordinator, pending.id);
  }
  if (!existing.items.some((c) => c.status === 'open')) {
    const live = await createCorridor(ctx, coordinator, liveDemoCorridor(parties, ctx.now()));
    await proposeCorridor(ctx, coordinator, live.id);
    for (const party of ['ua', 'ru'] as const) {
      await decideOnCorridor(ctx, liaisons[party], live.id, { version: 1, decision: 'approve', comment: undefined });
    }
  }
}

/** The demo is loaded only into a database with no organisation yet, never over real data. */
export async function isDatabaseEmpty(ctx: Pick<ServiceContext, 'db'>): Promise<boolean> {
  return (await countOrgs(ctx.db)) === 0;
}
