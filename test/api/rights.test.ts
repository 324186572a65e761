import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_KINDS, ROLES_BY_KIND, type OrgKind, type Role } from '../../src/domain/identity.ts';
import { ACTIONS, type Action } from '../../src/domain/policy.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { personRecordOf, registerPerson } from '../../src/services/people.service.ts';
import { insertPersonWithKeys } from '../../src/store/people-registry.repository.ts';
import { insertFlag } from '../../src/store/person-links.repository.ts';
import { createProposedCorridor } from '../helpers/corridors.ts';
import { readPermissionsDoc } from '../helpers/permissions-doc.ts';
import { hoursFromNow } from '../helpers/time.ts';
import { answerAs, decideAs, newEd25519, stateAs } from '../helpers/signing.ts';
import { insertPartyKey } from '../../src/store/keys.repository.ts';
import { fingerprintOf } from '../../src/services/keys.service.ts';

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

interface ProbeEnv {
  admin: string;
  /** A coordinator of the callers' agency, and of another agency no caller belongs to. */
  agencyCoordinator: string;
  otherAgencyCoordinator: string;
  /** A person registered by the callers' agency, by the mediator, and by the other agency. */
  agencyPersonId: string;
  mediatorPersonId: string;
  otherAgencyPersonId: string;
  /** The party org of the callers of kind party. */
  partyOrgId: string;
  /** A party no caller belongs to. */
  outsiderOrgId: string;
  otherAgencyId: string;
  /** A new person of the caller's organisation (of the callers' agency for a party), and of the other agency. */
  freshPerson(kind: OrgKind): Promise<string>;
  freshOtherPerson(): Promise<string>;
}

/** Statuses of trying the action on the caller's own (or listed) record and on another's. */
type Probe = (t: TestApp, caller: Caller, env: ProbeEnv) => Promise<{ own: number; other?: number }>;

/** A movement notified by `token`'s agency on a corridor listing `parties`. */
const movementOn = async (t: TestApp, env: ProbeEnv, token: string, parties: string[]): Promise<string> => {
  const corridor = await createProposedCorridor(t, env.admin, parties);
  const response = await t.as(token, { method: 'POST', url: '/api/v1/movements', payload: movementBody(corridor.id) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
};

/** Movement probes: "own" is the callers' agency's and lists the callers' party; "other" neither. */
const movementPair = async (t: TestApp, env: ProbeEnv) => ({
  own: await movementOn(t, env, env.agencyCoordinator, [env.partyOrgId, env.outsiderOrgId]),
  other: await movementOn(t, env, env.otherAgencyCoordinator, [env.outsiderOrgId]),
});

/** Corridor probes: "own" lists the callers' party (and the outsider), "other" lists only the outsider. */
const corridorPair = async (t: TestApp, env: ProbeEnv) => ({
  own: await createProposedCorridor(t, env.admin, [env.partyOrgId, env.outsiderOrgId]),
  other: await createProposedCorridor(t, env.admin, [env.outsiderOrgId]),
});

/** A pending key of `orgId`, stored directly: as a liaison of that organisation would have enrolled it. */
const pendingKey = async (t: TestApp, orgId: string): Promise<string> => {
  const id = unique('key');
  const { publicKey } = newEd25519();
  await insertPartyKey(t.app.ctx.db, {
    id, org_id: orgId, algorithm: 'Ed25519', public_key: publicKey, fingerprint: fingerprintOf(Buffer.from(publicKey, 'base64')).hex, label: null,
    status: 'pending', server_held: 0, enrolled_by: null, enrolled_at: new Date().toISOString(),
    approved_by: null, approved_at: null, revoked_by: null, revoked_at: null, revoke_reason: null,
  });
  return id;
};

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${(counter += 1)}`;

const PROBES: Record<Action, Probe> = {
  'org.create': async (t, c) => ({
    own: (await t.as(c.token, { method: 'POST', url: '/api/v1/orgs', payload: { name: unique('org'), kind: 'agency' } })).statusCode,
  }),
  'org.list': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/orgs' })).statusCode }),
  'user.create': async (t, c, { outsiderOrgId: otherOrgId }) => {
    const payload = (orgId: string) => ({ orgId, email: `${unique('u')}@rights.test`, name: 'Probe', password: 'probe-password', role: 'viewer' });
    return {
      own: (await t.as(c.token, { method: 'POST', url: '/api/v1/users', payload: payload(c.orgId) })).statusCode,
      other: (await t.as(c.token, { method: 'POST', url: '/api/v1/users', payload: payload(otherOrgId) })).statusCode,
    };
  },
  'user.list': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/users' })).statusCode }),
  'audit.read': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/audit/verify' })).statusCode }),
  'place.list': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/places' })).statusCode }),
  'key.list': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/keys' })).statusCode }),
  'key.enrol': async (t, c) => ({ own: (await t.as(c.token, { method: 'POST', url: '/api/v1/keys', payload: { publicKey: newEd25519().publicKey } })).statusCode }),
  'key.approve': async (t, c, env) => ({
    own: (await t.as(c.token, { method: 'POST', url: `/api/v1/keys/${await pendingKey(t, c.orgId)}/approve` })).statusCode,
    other: (await t.as(c.token, { method: 'POST', url: `/api/v1/keys/${await pendingKey(t, env.outsiderOrgId)}/approve` })).statusCode,
  }),
  'key.revoke': async (t, c, env) => ({
    own: (await t.as(c.token, { method: 'POST', url: `/api/v1/keys/${await pendingKey(t, c.orgId)}/revoke`, payload: {} })).statusCode,
    other: (await t.as(c.token, { method: 'POST', url: `/api/v1/keys/${await pendingKey(t, env.outsiderOrgId)}/revoke`, payload: {} })).statusCode,
  }),
  'corridor.draft': async (t, c) => ({
    own: (await t.as(c.token, { method: 'POST', url: '/api/v1/corridors', payload: { name: unique('draft') } })).statusCode,
  }),
  'corridor.read': async (t, c, env) => {
    const pair = await corridorPair(t, env);
    return {
      own: (await t.as(c.token, { method: 'GET', url: `/api/v1/corridors/${pair.own.id}` })).statusCode,
      other: (await t.as(c.token, { method: 'GET', url: `/api/v1/corridors/${pair.other.id}` })).statusCode,
    };
  },
  'corridor.decide': async (t, c, env) => {
    const pair = await corridorPair(t, env);
    const decide = (id: string) => decideAs(t, c.token, id, { version: 1, decision: 'approve' });
    return { own: (await decide(pair.own.id)).statusCode, other: (await decide(pair.other.id)).statusCode };
  },
  'corridor.control': async (t, c, env) => {
    const pair = await corridorPair(t, env);
    const close = (id: string) => t.as(c.token, { method: 'POST', url: `/api/v1/corridors/${id}/close`, payload: { reason: 'rights probe' } });
    return { own: (await close(pair.own.id)).statusCode, other: (await close(pair.other.id)).statusCode };
  },
  'corridor.evidence': async (t, c, env) => {
    const pair = await corridorPair(t, env);
    const take = (id: string) => t.as(c.token, { method: 'GET', url: `/api/v1/corridors/${id}/evidence` });
    return { own: (await take(pair.own.id)).statusCode, other: (await take(pair.other.id)).statusCode };
  },
  'movement.notify': async (t, c, env) => {
    const corridor = await createProposedCorridor(t, env.admin, [env.partyOrgId]);
    return { own: (await t.as(c.token, { method: 'POST', url: '/api/v1/movements', payload: movementBody(corridor.id) })).statusCode };
  },
  'movement.read': async (t, c, env) => {
    const pair = await movementPair(t, env);
    return {
      own: (await t.as(c.token, { method: 'GET', url: `/api/v1/movements/${pair.own}` })).statusCode,
      other: (await t.as(c.token, { method: 'GET', url: `/api/v1/movements/${pair.other}` })).statusCode,
    };
  },
  'movement.acknowledge': async (t, c, env) => {
    const pair = await movementPair(t, env);
    const ack = (id: string) => answerAs(t, c.token, id, { decision: 'acknowledge' });
    return { own: (await ack(pair.own)).statusCode, other: (await ack(pair.other)).statusCode };
  },
  'movement.track': async (t, c, env) => {
    const pair = await movementPair(t, env);
    const abort = (id: string) => t.as(c.token, { method: 'POST', url: `/api/v1/movements/${id}/abort`, payload: { reason: 'rights probe' } });
    return { own: (await abort(pair.own)).statusCode, other: (await abort(pair.other)).statusCode };
  },
  'movement.passengers': async (t, c, env) => {
    const pair = await movementPair(t, env);
    return {
      own: (await t.as(c.token, { method: 'POST', url: `/api/v1/movements/${pair.own}/passengers`, payload: { personIds: [env.agencyPersonId] } })).statusCode,
      other: (await t.as(c.token, { method: 'POST', url: `/api/v1/movements/${pair.other}/passengers`, payload: { personIds: [env.agencyPersonId] } })).statusCode,
    };
  },
  'movement.registered-passengers': async (t, c, env) => {
    // A person of the callers' agency, shared with the other agency and carried on its movement:
    // named on that manifest to the registering agency only (a reader of the movement gets counts).
    const person = await env.freshPerson('agency');
    expect((await t.as(env.agencyCoordinator, { method: 'POST', url: '/api/v1/people/shares', payload: { personIds: [person], orgId: env.otherAgencyId } })).statusCode).toBe(201);
    const movement = await movementOn(t, env, env.otherAgencyCoordinator, [env.outsiderOrgId]);
    expect((await t.as(env.otherAgencyCoordinator, { method: 'POST', url: `/api/v1/movements/${movement}/passengers`, payload: { personIds: [person] } })).statusCode).toBe(200);
    const r = await t.as(c.token, { method: 'GET', url: `/api/v1/movements/${movement}/passengers` });
    const named = r.statusCode === 200 && (r.json().passengers ?? []).some((p: { personId: string }) => p.personId === person);
    return { own: named ? 200 : r.statusCode === 200 ? 403 : r.statusCode };
  },
  'person.register': async (t, c) => ({
    own: (await t.as(c.token, { method: 'POST', url: '/api/v1/people', payload: { givenName: 'Ганна', familyName: unique('Коваль') } })).statusCode,
  }),
  'person.read': async (t, c, env) => {
    const own = c.kind === 'mediator' ? env.mediatorPersonId : env.agencyPersonId;
    return {
      own: (await t.as(c.token, { method: 'GET', url: `/api/v1/people/${own}` })).statusCode,
      other: (await t.as(c.token, { method: 'GET', url: `/api/v1/people/${env.otherAgencyPersonId}` })).statusCode,
    };
  },
  'site.manage': async (t, c) => ({
    own: (await t.as(c.token, { method: 'POST', url: '/api/v1/sites', payload: { name: unique('site'), kind: 'reception_centre', contact: '+380 00 000 0000' } })).statusCode,
  }),
  'user.name': async (t, c, env) => {
    // The answer is 200 either way; whether the name is in it is the right.
    const named = async (token: string) => {
      const me = (await t.as(token, { method: 'GET', url: '/api/v1/me' })).json();
      const r = await t.as(c.token, { method: 'GET', url: `/api/v1/users/names?ids=${me.id}` });
      return r.statusCode === 200 && r.json().items[0]?.name === me.name ? 200 : 403;
    };
    return { own: await named(c.token), other: await named(env.otherAgencyCoordinator) };
  },
  'person.merge': async (t, c, env) => {
    const [a, b] = [await env.freshPerson(c.kind), await env.freshPerson(c.kind)];
    const [x, y] = [await env.freshOtherPerson(), await env.freshOtherPerson()];
    return {
      own: (await t.as(c.token, { method: 'POST', url: `/api/v1/people/${a}/merge`, payload: { otherId: b } })).statusCode,
      other: (await t.as(c.token, { method: 'POST', url: `/api/v1/people/${x}/merge`, payload: { otherId: y } })).statusCode,
    };
  },
  'person.share': async (t, c, env) => ({
    own: (await t.as(c.token, { method: 'POST', url: '/api/v1/people/shares', payload: { personIds: [await env.freshPerson(c.kind)], orgId: env.otherAgencyId } })).statusCode,
  }),
  'person.flag': async (t, c, env) => ({
    own: (await t.as(c.token, { method: 'POST', url: `/api/v1/people/${await env.freshPerson(c.kind)}/duplicate-flags` })).statusCode,
    other: (await t.as(c.token, { method: 'POST', url: `/api/v1/people/${await env.freshOtherPerson()}/duplicate-flags` })).statusCode,
  }),
  'person.resolve': async (t, c, env) => {
    const [person, other] = [await env.freshPerson('agency'), await env.freshOtherPerson()];
    const flag = { id: `flag-${unique('f')}`, person_id: person, other_person_id: other, score: 0.9, flagged_org_id: (await t.app.ctx.db.selectFrom('people').select('org_id').where('id', '=', person).executeTakeFirstOrThrow()).org_id };
    const by = (await t.app.ctx.db.selectFrom('users').select('id').where('email', '=', 'registrar@agency.rights.test').executeTakeFirstOrThrow()).id;
    await insertFlag(t.app.ctx.db, { ...flag, flagged_at: new Date().toISOString(), flagged_by: by, resolved_at: null, resolved_by: null, outcome: null, resolution_reason: null });
    return { own: (await t.as(c.token, { method: 'POST', url: `/api/v1/duplicate-flags/${flag.id}/resolution`, payload: { outcome: 'different_people', reason: 'rights probe' } })).statusCode };
  },
  'person.exchange': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/pfif/export' })).statusCode }),
  'site.read': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/sites' })).statusCode }),
  'incident.report': async (t, c) => ({
    own: (await t.as(c.token, { method: 'POST', url: '/api/v1/incidents', payload: incidentBody() })).statusCode,
  }),
  'incident.read': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/incidents' })).statusCode }),
  'incident.verify': async (t, c, env) => {
    const incident = (await t.as(env.admin, { method: 'POST', url: '/api/v1/incidents', payload: incidentBody() })).json();
    return { own: (await t.as(c.token, { method: 'POST', url: `/api/v1/incidents/${incident.id}/verification`, payload: { status: 'confirmed' } })).statusCode };
  },
  'incident.state': async (t, c, env) => {
    const incident = (await t.as(env.admin, { method: 'POST', url: '/api/v1/incidents', payload: incidentBody() })).json();
    return { own: (await stateAs(t, c.token, incident.id, `Rights probe ${unique('statement')}`)).statusCode };
  },
  // Listing the organisation's hooks: registering one is tried in test/api/webhooks.test.ts.
  'webhook.manage': async (t, c) => ({ own: (await t.as(c.token, { method: 'GET', url: '/api/v1/webhooks' })).statusCode }),
  'announcement.publish': async (t, c, env) => {
    // Only a corridor on the public page can be announced: the callers' party approves one first.
    const corridor = await createProposedCorridor(t, env.admin, [env.partyOrgId], { windows: [{ start: hoursFromNow(24), end: hoursFromNow(30) }] });
    const liaison = await t.login('liaison@party.rights.test', 'rights-password');
    const approved = await decideAs(t, liaison, corridor.id, { version: 1, decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(201);
    const text = { uk: 'Перевірка прав', ru: 'Проверка прав', en: 'Rights probe' };
    return { own: (await t.as(c.token, { method: 'POST', url: `/api/v1/corridors/${corridor.id}/announcements`, payload: { text } })).statusCode };
  },
};

function movementBody(corridorId: string): Record<string, unknown> {
  return { kind: 'supply', corridorId, departAt: hoursFromNow(72), arriveBy: hoursFromNow(80), vehicles: [{ type: 'truck' }], personnel: 2, cargo: [{ category: 'food', item: 'flour', quantity: 10, unit: 't' }] };
}

function incidentBody(): Record<string, unknown> {
  return { type: 'shelling', lat: 50.5, lon: 33.5, occurredAt: new Date(Date.now() - 3_600_000).toISOString(), severity: 'high' };
}

describe.each(DIALECTS)('rights on %s follow docs/permissions.md', (dialect) => {
  let t: TestApp;
  const callers: Caller[] = [];
  let env: ProbeEnv;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const me = (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json();
    const orgIds: Record<OrgKind, string> = { mediator: me.orgId, party: '', agency: '' };
    for (const kind of ['party', 'agency'] as const) {
      orgIds[kind] = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: `Rights ${kind}`, kind } })).json().id;
    }
    const outsiderOrgId = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Rights outsider', kind: 'party' } })).json().id;
    const otherAgency = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Rights other agency', kind: 'agency' } })).json().id;
    const coordinatorOf = async (orgId: string, email: string) => {
      await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: 'Coordinator', password: 'rights-password', role: 'coordinator' } });
      return t.login(email, 'rights-password');
    };
    env = {
      admin,
      partyOrgId: orgIds.party,
      outsiderOrgId,
      agencyCoordinator: await coordinatorOf(orgIds.agency, 'second-coordinator@agency.rights.test'),
      otherAgencyCoordinator: await coordinatorOf(otherAgency, 'coordinator@other-agency.rights.test'),
      agencyPersonId: '',
      mediatorPersonId: '',
      otherAgencyPersonId: '',
      otherAgencyId: otherAgency,
      freshPerson: async () => '',
      freshOtherPerson: async () => '',
    };
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
    const agencyActor = callers.find((c) => c.kind === 'agency' && c.role === 'registrar');
    const registrar = (await t.as(agencyActor!.token, { method: 'GET', url: '/api/v1/me' })).json();
    const actorOf = async (kind: OrgKind, role: Role) => {
      const me = (await t.as(callers.find((c) => c.kind === kind && c.role === role)!.token, { method: 'GET', url: '/api/v1/me' })).json();
      return { userId: me.id, orgId: me.orgId, orgKind: kind, role };
    };
    env.mediatorPersonId = (await registerPerson(t.app.ctx, await actorOf('mediator', 'registrar'), { givenName: 'Олег', familyName: 'Мельник' })).id;
    const otherMe = (await t.as(env.otherAgencyCoordinator, { method: 'GET', url: '/api/v1/me' })).json();
    env.otherAgencyPersonId = (
      await registerPerson(t.app.ctx, { userId: otherMe.id, orgId: otherMe.orgId, orgKind: 'agency', role: 'coordinator' }, { givenName: 'Іван', familyName: 'Інший' })
    ).id;
    const otherActor = { userId: otherMe.id, orgId: otherMe.orgId, orgKind: 'agency', role: 'coordinator' } as const;
    const agencyRegistrar = { userId: registrar.id, orgId: registrar.orgId, orgKind: 'agency', role: 'registrar' } as const;
    const mediatorRegistrar = await actorOf('mediator', 'registrar');
    // Stored directly, without a command each: the probes need many people and the test is long already.
    const store = async (actor: Parameters<typeof personRecordOf>[0]) => {
      const { record, keys } = personRecordOf(actor, { givenName: 'Олена', familyName: unique('Ткач') }, unique('person'), new Date().toISOString());
      await insertPersonWithKeys(t.app.ctx.db, record, keys);
      return record.id;
    };
    env.freshPerson = (kind) => store(kind === 'mediator' ? mediatorRegistrar : agencyRegistrar);
    env.freshOtherPerson = () => store(otherActor);
    env.agencyPersonId = (
      await registerPerson(t.app.ctx, { userId: registrar.id, orgId: registrar.orgId, orgKind: 'agency', role: 'registrar' }, { givenName: 'Ганна', familyName: 'Коваль' })
    ).id;
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
        const result = await PROBES[action](t, caller, env);
        const label = `${action} as ${caller.kind} ${caller.role} (doc: ${cell})`;
        const ok = (status: number) => status >= 200 && status < 300;
        expect(ok(result.own), label).toBe(cell === 'all' || cell === 'own org' || cell === 'listed');
        // Refused: 403, or 404 where the record itself must stay unseen.
        if (!ok(result.own)) expect([403, 404], label).toContain(result.own);
        if (result.other !== undefined) {
          expect(ok(result.other), `${label}, other org`).toBe(cell === 'all');
          if (!ok(result.other)) expect([403, 404], label).toContain(result.other);
        }
        checked += 1;
      }
    }
    expect(checked).toBe(Object.keys(ACTIONS).length * callers.length);
    // Every action for every kind and role over HTTP: hundreds of requests on a shared machine.
  }, 600_000);
});
