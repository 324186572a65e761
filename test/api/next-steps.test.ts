import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { corridorBody, createCorridor, createTwoParties } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { answerAs, decideAs } from '../helpers/signing.ts';

/**
 * Views carry what their viewer may do next (`allowedActions`), and the console draws its buttons
 * from it. So every step a view offers must be one the server then accepts, and a step it does
 * not offer must be refused: the corridor and a convoy are walked through their lives, and at
 * each stage each user's offer is checked against what the server does.
 */

describe.each(DIALECTS)('allowedActions follow the server’s rules (%s)', (dialect) => {
  let t: TestApp;
  let coordinator: string;
  let liaisons: string[];
  let parties: string[];
  let agency: string;
  let field: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const me = (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json();
    const user = async (orgId: string, email: string, role: string) => {
      const r = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: role, password: 'steps-password-1', role } });
      expect(r.statusCode, r.body).toBe(201);
      return t.login(email, 'steps-password-1');
    };
    coordinator = await user(me.orgId, 'coord@steps.test', 'coordinator');
    ({ parties, liaisons } = await createTwoParties(t, admin, 'Steps'));
    const agencyId = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Steps agency', kind: 'agency' } })).json().id as string;
    agency = await user(agencyId, 'coord@steps-agency.test', 'coordinator');
    field = await user(agencyId, 'field@steps-agency.test', 'field');
  });
  afterAll(async () => t?.close());

  const corridorSteps = async (token: string, id: string): Promise<string[]> => {
    const r = await t.as(token, { method: 'GET', url: `/api/v1/corridors/${id}` });
    return r.statusCode === 200 ? (r.json().allowedActions as string[]).sort() : [];
  };
  const post = (token: string, url: string, payload?: Record<string, unknown>) =>
    t.as(token, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });

  it('a corridor: each user is offered exactly the steps the server then takes or refuses', async () => {
    const windows = [{ start: new Date(Date.now() + 3_600_000).toISOString(), end: new Date(Date.now() + 7 * 3_600_000).toISOString() }];
    const { id } = await createCorridor(t, coordinator, corridorBody(parties, { windows }));
    const base = `/api/v1/corridors/${id}`;

    // A draft: the mediator amends and proposes; a party does not see it yet.
    expect(await corridorSteps(coordinator, id)).toEqual(['amend', 'close', 'evidence', 'propose']);
    expect(await corridorSteps(liaisons[0]!, id)).toEqual([]);
    expect((await post(coordinator, `${base}/suspend`, { reason: 'not offered' })).statusCode).toBe(409);

    expect((await post(coordinator, `${base}/propose`)).statusCode).toBe(200);
    // Proposed: each liaison decides once; the agency reads but decides nothing.
    expect(await corridorSteps(coordinator, id)).toEqual(['amend', 'close', 'evidence']);
    expect(await corridorSteps(liaisons[0]!, id)).toEqual(['decide', 'evidence']);
    expect(await corridorSteps(agency, id)).toEqual([]);
    expect((await post(coordinator, `${base}/propose`)).statusCode).toBe(409);
    expect((await decideAs(t, liaisons[0]!, id, { version: 1, decision: 'approve' })).statusCode).toBe(201);
    expect(await corridorSteps(liaisons[0]!, id)).toEqual(['evidence']);
    expect((await decideAs(t, liaisons[0]!, id, { version: 1, decision: 'approve' })).statusCode).toBe(409);
    expect(await corridorSteps(liaisons[1]!, id)).toEqual(['decide', 'evidence']);
    expect((await decideAs(t, liaisons[1]!, id, { version: 1, decision: 'approve' })).statusCode).toBe(201);

    // Agreed, on the public page: the mediator may suspend, announce and close; nobody resumes.
    expect(await corridorSteps(coordinator, id)).toEqual(['amend', 'announce', 'close', 'evidence', 'suspend']);
    expect((await post(coordinator, `${base}/resume`, { reason: 'not offered' })).statusCode).toBe(409);
    expect((await post(coordinator, `${base}/suspend`, { reason: 'Shelling near the route' })).statusCode).toBe(200);
    expect(await corridorSteps(coordinator, id)).toEqual(['amend', 'announce', 'close', 'evidence', 'resume']);
    expect((await post(coordinator, `${base}/suspend`, { reason: 'not offered' })).statusCode).toBe(409);
    expect((await post(coordinator, `${base}/resume`, { reason: 'Shelling stopped' })).statusCode).toBe(200);
    expect((await post(coordinator, `${base}/close`, { reason: 'Ceasefire ended' })).statusCode).toBe(200);

    // Closed: only the record is left to take.
    expect(await corridorSteps(coordinator, id)).toEqual(['announce', 'evidence']);
    expect(await corridorSteps(liaisons[1]!, id)).toEqual(['evidence']);
    expect((await post(coordinator, `${base}/close`, { reason: 'not offered' })).statusCode).toBe(409);
    const amend = await t.as(coordinator, { method: 'PUT', url: base, payload: { ...corridorBody(parties, { windows }), version: 1 } });
    expect(amend.statusCode).toBe(409);
    // The list gives every row the same answer as the corridor's own page.
    const listed = (await t.as(coordinator, { method: 'GET', url: '/api/v1/corridors' })).json().items.find((c: { id: string }) => c.id === id);
    expect([...listed.allowedActions].sort()).toEqual(await corridorSteps(coordinator, id));
  });

  it('a convoy: parties acknowledge once, the agency moves it, the manifest opens and closes with its state', async () => {
    const windows = [{ start: new Date(Date.now() - 3_600_000).toISOString(), end: new Date(Date.now() + 7 * 3_600_000).toISOString() }];
    const { id: corridorId } = await createCorridor(t, coordinator, corridorBody(parties, { windows }));
    expect((await post(coordinator, `/api/v1/corridors/${corridorId}/propose`)).statusCode).toBe(200);
    for (const liaison of liaisons) expect((await decideAs(t, liaison, corridorId, { version: 1, decision: 'approve' })).statusCode).toBe(201);
    const notified = await post(agency, '/api/v1/movements', {
      kind: 'evacuation',
      corridorId,
      departAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      arriveBy: new Date(Date.now() + 5 * 3_600_000).toISOString(),
      vehicles: [{ type: 'bus' }],
      personnel: 2,
      passengers: 40,
      urgent: true,
      justification: 'Shelling expected by evening',
    });
    expect(notified.statusCode, notified.body).toBe(201);
    const id = notified.json().id as string;
    expect([...notified.json().allowedActions].sort()).toEqual(['abort', 'manifest']);
    const steps = async (token: string) => ((await t.as(token, { method: 'GET', url: `/api/v1/movements/${id}` })).json().allowedActions as string[]).sort();

    expect(await steps(liaisons[0]!)).toEqual(['acknowledge']);
    expect(await steps(coordinator)).toEqual([]);
    expect(await steps(field)).toEqual(['abort', 'manifest']);
    expect((await post(field, `/api/v1/movements/${id}/start`)).statusCode).toBe(409);
    for (const liaison of liaisons) expect((await answerAs(t, liaison, id, { decision: 'acknowledge' })).statusCode).toBe(201);
    expect(await steps(liaisons[0]!)).toEqual([]);
    expect((await answerAs(t, liaisons[0]!, id, { decision: 'acknowledge' })).statusCode).toBe(409);

    expect(await steps(field)).toEqual(['abort', 'board', 'manifest', 'start']);
    expect((await post(field, `/api/v1/movements/${id}/start`)).statusCode).toBe(200);
    expect(await steps(field)).toEqual(['abort', 'arrive', 'board', 'checkin', 'complete']);
    expect((await post(field, `/api/v1/movements/${id}/complete`)).statusCode).toBe(200);
    // Arrived: people can still be marked arrived; nothing moves the convoy any more, and it carried no cargo to confirm.
    expect(await steps(field)).toEqual(['arrive']);
    expect((await post(field, `/api/v1/movements/${id}/abort`, { reason: 'not offered' })).statusCode).toBe(409);
    expect(await steps(liaisons[1]!)).toEqual([]);
  });

  it('a person: the registering agency changes the record; merging and flagging need their own rights', async () => {
    const registered = await post(agency, '/api/v1/people', { givenName: 'Олена', familyName: 'Кравець', birthDate: '1961' });
    expect(registered.statusCode, registered.body).toBe(201);
    const id = registered.json().id as string;
    const other = (await post(agency, '/api/v1/people', { givenName: 'Olena', familyName: 'Kravets', birthDate: '1961' })).json().id as string;
    const steps = async (token: string) => {
      const r = await t.as(token, { method: 'GET', url: `/api/v1/people/${id}` });
      return r.statusCode === 200 ? (r.json().allowedActions as string[]).sort() : null;
    };
    expect(await steps(agency)).toEqual(['change', 'flag', 'merge']);
    // A field officer registers and corrects, but merging two records is not theirs to do.
    expect(await steps(field)).toEqual(['change']);
    expect((await post(field, `/api/v1/people/${id}/merge`, { otherId: other })).statusCode).toBe(403);
    expect(await steps(liaisons[0]!)).toBeNull();
    expect((await post(agency, `/api/v1/people/${id}/merge`, { otherId: other })).statusCode).toBe(200);
  });
});
