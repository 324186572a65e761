import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_KINDS, ROLES_BY_KIND, type OrgKind, type Role } from '../../src/domain/identity.ts';
import { ACTIONS, type Action } from '../../src/domain/policy.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { readPermissionsDoc } from '../helpers/permissions-doc.ts';

/**
 * The API is checked against docs/permissions.md itself: for every organisation kind and role,
 * each action is tried over HTTP and must succeed exactly where the document says it may.
 */
interface Caller {
  kind: OrgKind;
  role: Role;
  token: string;
  orgId: string;
}

type Probe = (t: TestApp, caller: Caller, otherOrgId: string) => Promise<{ own: number; other?: number }>;

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${(counter += 1)}`;

const PROBES: Record<Action, Probe> = {
  'org.create': async (t, c) => ({
    own: (await t.as(c.token, { method: 'POST', url: '/api/v1/orgs', payload: { name: unique('org'), kind: 'agency' } })).statusCode,
  }),
  'org.list': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/orgs' })).statusCode }),
  'user.create': async (t, c, otherOrgId) => {
    const payload = (orgId: string) => ({ orgId, email: `${unique('u')}@rights.test`, name: 'Probe', password: 'probe-password', role: 'viewer' });
    return {
      own: (await t.as(c.token, { method: 'POST', url: '/api/v1/users', payload: payload(c.orgId) })).statusCode,
      other: (await t.as(c.token, { method: 'POST', url: '/api/v1/users', payload: payload(otherOrgId) })).statusCode,
    };
  },
  'user.list': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/users' })).statusCode }),
  'audit.read': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/audit/verify' })).statusCode }),
  'place.list': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/places' })).statusCode }),
};

describe.each(DIALECTS)('rights on %s follow docs/permissions.md', (dialect) => {
  let t: TestApp;
  const callers: Caller[] = [];
  let outsiderOrgId = '';

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const me = (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json();
    const orgIds: Record<OrgKind, string> = { mediator: me.orgId, party: '', agency: '' };
    for (const kind of ['party', 'agency'] as const) {
      orgIds[kind] = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: `Rights ${kind}`, kind } })).json().id;
    }
    outsiderOrgId = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Rights outsider', kind: 'party' } })).json().id;
    for (const kind of ORG_KINDS) {
      for (const role of ROLES_BY_KIND[kind]) {
        const email = `${role}@${kind}.rights.test`;
        const created = await t.as(admin, {
          method: 'POST',
          url: '/api/v1/users',
          payload: { orgId: orgIds[kind], email, name: `${kind} ${role}`, password: 'rights-password', role },
        });
        expect(created.statusCode).toBe(201);
        callers.push({ kind, role, orgId: orgIds[kind], token: await t.login(email, 'rights-password') });
      }
    }
  });
  afterAll(async () => t?.close());

  it('has a probe for every action of the policy', () => {
    expect(Object.keys(PROBES).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it('allows and refuses each action exactly as the table says, for every kind and role', async () => {
    const doc = readPermissionsDoc();
    let checked = 0;
    for (const action of Object.keys(ACTIONS) as Action[]) {
      for (const caller of callers) {
        const cell = doc.get(`${action}|${caller.kind}|${caller.role}`);
        const result = await PROBES[action](t, caller, outsiderOrgId);
        const label = `${action} as ${caller.kind} ${caller.role} (doc: ${cell})`;
        const ok = (status: number) => status >= 200 && status < 300;
        expect(ok(result.own), label).toBe(cell === 'all' || cell === 'own org');
        if (!ok(result.own)) expect(result.own, label).toBe(403);
        if (result.other !== undefined) {
          expect(ok(result.other), `${label}, other org`).toBe(cell === 'all');
          if (!ok(result.other)) expect(result.other, label).toBe(403);
        }
        checked += 1;
      }
    }
    expect(checked).toBe(Object.keys(ACTIONS).length * callers.length);
  });
});
