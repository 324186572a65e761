import type { OrgKind, Role } from '../domain/identity.ts';
import type { ServiceContext } from '../services/context.ts';
import { ensureOrg, ensureUser } from '../services/identity.service.ts';
import { syncPlaces } from '../services/places.service.ts';
import { countOrgs } from '../store/orgs.repository.ts';

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
  return logins;
}

/** The demo is loaded only into a database with no organisation yet, never over real data. */
export async function isDatabaseEmpty(ctx: Pick<ServiceContext, 'db'>): Promise<boolean> {
  return (await countOrgs(ctx.db)) === 0;
}
