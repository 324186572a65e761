import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createProposedCorridor } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { answerAs, decideAs } from '../helpers/signing.ts';
import { hoursFromNow } from '../helpers/time.ts';

interface Who {
  id: string;
  orgId: string;
  role: string;
  name: string | null;
}

/**
 * Names instead of user ids wherever a person acted (issue 12 point 6): each view carries `who`
 * beside the id, with the name only for those allowed to see it (own organisation; the mediator
 * sees all), else the organisation and role.
 */
describe.each(DIALECTS)('who acted, by name, on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let mediatorId: string;
  let partyId: string;
  let agencyId: string;
  const tokens: Record<'liaison' | 'coordinator' | 'field' | 'registrar' | 'stranger', string> = { liaison: '', coordinator: '', field: '', registrar: '', stranger: '' };
  const ids: Record<string, string> = {};
  let corridor: string;
  let movement: string;

  const post = (token: string, url: string, payload?: object) => t.as(token, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
  const get = async (token: string, url: string) => {
    const r = await t.as(token, { method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const named = (key: string, orgId: string, role: string, name: string): Who => ({ id: ids[key]!, orgId, role, name });
  const unnamed = (key: string, orgId: string, role: string): Who => ({ id: ids[key]!, orgId, role, name: null });

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0 });
    admin = await t.login(ADMIN.email, ADMIN.password);
    const me = await get(admin, '/api/v1/me');
    mediatorId = me.orgId;
    ids.admin = me.id;
    const org = async (name: string, kind: string) => (await post(admin, '/api/v1/orgs', { name, kind })).json().id as string;
    partyId = await org('Names UA', 'party');
    agencyId = await org('Names agency', 'agency');
    const strangerOrg = await org('Names other agency', 'agency');
    const user = async (key: keyof typeof tokens, orgId: string, role: string, name: string) => {
      const r = await post(admin, '/api/v1/users', { orgId, email: `${key}@names.test`, name, password: 'names-password-1', role });
      expect(r.statusCode, r.body).toBe(201);
      ids[key] = r.json().id;
      tokens[key] = await t.login(`${key}@names.test`, 'names-password-1');
    };
    await user('liaison', partyId, 'liaison', 'Olha Liaison');
    await user('coordinator', agencyId, 'coordinator', 'Andrii Coordinator');
    await user('field', agencyId, 'field', 'Fedir Field');
    await user('registrar', agencyId, 'registrar', 'Roksolana Registrar');
    await user('stranger', strangerOrg, 'coordinator', 'Stepan Stranger');

    corridor = (await createProposedCorridor(t, admin, [partyId], { windows: [{ start: hoursFromNow(-1), end: hoursFromNow(96) }] })).id;
    expect((await decideAs(t, tokens.liaison, corridor, { version: 1, decision: 'approve' })).statusCode).toBe(201);
    const notified = await post(tokens.coordinator, '/api/v1/movements', {
      kind: 'evacuation', corridorId: corridor, departAt: hoursFromNow(73), arriveBy: hoursFromNow(79), vehicles: [{ type: 'bus' }], personnel: 2, passengers: 1,
    });
    expect(notified.statusCode, notified.body).toBe(201);
    movement = notified.json().id;
    expect((await answerAs(t, tokens.liaison, movement, { decision: 'acknowledge' })).statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  it('names the signer of a corridor decision and the mediator who suspended it, in the view and the timeline', async () => {
    expect((await post(admin, `/api/v1/corridors/${corridor}/suspend`, { reason: 'Shelling reported on the route' })).statusCode).toBe(200);
    const adminName = (await get(admin, '/api/v1/me')).name as string;

    const asMediator = await get(admin, `/api/v1/corridors/${corridor}`);
    expect(asMediator.approvals[0].who).toEqual(named('liaison', partyId, 'liaison', 'Olha Liaison'));
    expect(asMediator.suspension).toMatchObject({ by: ids.admin, who: named('admin', mediatorId, 'admin', adminName) });

    // The liaison sees its own party's signer by name, the mediator's admin by organisation and role.
    const asLiaison = await get(tokens.liaison, `/api/v1/corridors/${corridor}`);
    expect(asLiaison.approvals[0].who).toEqual(named('liaison', partyId, 'liaison', 'Olha Liaison'));
    expect(asLiaison.suspension.who).toEqual(unnamed('admin', mediatorId, 'admin'));

    const timeline = (await get(tokens.liaison, `/api/v1/corridors/${corridor}/timeline`)).items as { type: string; who: Who | null }[];
    expect(timeline.find((e) => e.type === 'drafted')?.who).toEqual(unnamed('admin', mediatorId, 'admin'));
    expect(timeline.find((e) => e.type === 'approved')?.who).toEqual(named('liaison', partyId, 'liaison', 'Olha Liaison'));
    expect(timeline.find((e) => e.type === 'suspended')?.who).toEqual(unnamed('admin', mediatorId, 'admin'));
    expect(timeline.find((e) => e.type === 'window_opened')?.who).toBeNull();
    const mediatorTimeline = (await get(admin, `/api/v1/corridors/${corridor}/timeline`)).items as { type: string; who: Who | null }[];
    expect(mediatorTimeline.find((e) => e.type === 'suspended')?.who?.name).toBe(adminName);

    const signatures = (await get(admin, `/api/v1/corridors/${corridor}/signatures`)).items;
    expect(signatures[0].approval.who.name).toBe('Olha Liaison');
    expect((await get(tokens.coordinator, `/api/v1/corridors/${corridor}/versions/1`)).approvals[0].who).toEqual(unnamed('liaison', partyId, 'liaison'));
    expect((await post(admin, `/api/v1/corridors/${corridor}/resume`, { reason: 'Ceasefire confirmed' })).statusCode).toBe(200);
  });

  it('names who acknowledged a movement to the party and the mediator; the agency learns the role at the party', async () => {
    const ack = async (token: string) => (await get(token, `/api/v1/movements/${movement}`)).acknowledgements[0];
    expect(await ack(tokens.liaison)).toMatchObject({ partyId, decision: 'acknowledge', who: named('liaison', partyId, 'liaison', 'Olha Liaison') });
    expect((await ack(admin)).who.name).toBe('Olha Liaison');
    expect((await ack(tokens.coordinator)).who).toEqual(unnamed('liaison', partyId, 'liaison'));
    const listed = (await get(tokens.coordinator, '/api/v1/movements')).items.find((m: { id: string }) => m.id === movement);
    expect(listed.acknowledgements[0].who).toEqual(unnamed('liaison', partyId, 'liaison'));
  });

  it('names who undid a boarding on the manifest, and who corrected a person record', async () => {
    const person = await post(tokens.registrar, '/api/v1/people', { givenName: 'Оксана', familyName: 'Коваль', birthDate: '1990' });
    expect(person.statusCode, person.body).toBe(201);
    const personId = person.json().id as string;
    expect((await post(tokens.coordinator, `/api/v1/movements/${movement}/passengers`, { personIds: [personId] })).statusCode).toBe(200);
    expect((await post(tokens.field, `/api/v1/movements/${movement}/board`, { personId })).statusCode).toBe(200);
    const undone = await post(tokens.field, `/api/v1/movements/${movement}/board/undo`, { personId, reason: 'Tapped the wrong row' });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json().passengers[0].corrections[0]).toMatchObject({ byUserId: ids.field, who: named('field', agencyId, 'field', 'Fedir Field') });
    const manifest = await get(tokens.coordinator, `/api/v1/movements/${movement}/passengers`);
    expect(manifest.passengers[0].corrections[0].who.name).toBe('Fedir Field');

    const corrected = await post(tokens.registrar, `/api/v1/people/${personId}/corrections`, { changes: { birthDate: '1991' }, reason: 'Passport seen' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().correction).toMatchObject({ byUser: ids.registrar, who: named('registrar', agencyId, 'registrar', 'Roksolana Registrar') });
    const history = (await get(tokens.registrar, `/api/v1/people/${personId}/corrections`)).items;
    expect(history[0].who.name).toBe('Roksolana Registrar');
  });

  it('never gives another organisation’s staff names to an agency that may not see them', async () => {
    const seen = JSON.stringify([
      await get(tokens.stranger, `/api/v1/corridors/${corridor}`),
      await get(tokens.stranger, `/api/v1/corridors/${corridor}/timeline`),
    ]);
    for (const name of ['Olha Liaison', 'Andrii Coordinator', 'Fedir Field', 'Roksolana Registrar']) expect(seen).not.toContain(name);
  });
});
