import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MINUTES } from '../../src/domain/movement.ts';
import { registerPerson } from '../../src/services/people.service.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createProposedCorridor } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { hoursFromNow } from '../helpers/time.ts';
import { answerAs, decideAs } from '../helpers/signing.ts';

type Json = Record<string, unknown>;
interface Row {
  personId: string;
  state: string;
  boardedAt: string | null;
  arrivedAt: string | null;
  didNotBoardReason: string | null;
  corrections: { undone: string; undoneAt: string; reason: string; byUserId: string }[];
}

/**
 * Corrections, not final taps, and taps sent late from a device's outbox: boarding and arrival
 * can be undone with a reason, "did not board" is a state, arrival waits for the convoy to be
 * there, the tap's own time is kept when plausible, and a replayed tap changes nothing.
 */
describe.each(DIALECTS)('passenger corrections and outbox taps on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;
  let field: string;
  let fieldId: string;
  let otherAgency: string;
  let liaison: string;
  let corridor: string;
  let actor: { userId: string; orgId: string; orgKind: 'agency'; role: 'coordinator' };

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0 });
    admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string, kind: string) => (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind } })).json().id as string;
    const ua = await org('PC-UA', 'party');
    const agency = await org('PC-agency', 'agency');
    const other = await org('PC-other', 'agency');
    const user = async (orgId: string, email: string, role: string) => {
      const r = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: `${role} ${email}`, password: 'corrections-pass', role } });
      expect(r.statusCode, r.body).toBe(201);
      return { token: await t.login(email, 'corrections-pass'), id: r.json().id as string };
    };
    liaison = (await user(ua, 'l@pc-ua.test', 'liaison')).token;
    const c = await user(agency, 'c@pc-agency.test', 'coordinator');
    coordinator = c.token;
    const f = await user(agency, 'f@pc-agency.test', 'field');
    field = f.token;
    fieldId = f.id;
    otherAgency = (await user(other, 'c@pc-other.test', 'coordinator')).token;
    corridor = (await createProposedCorridor(t, admin, [ua], { windows: [{ start: hoursFromNow(72), end: hoursFromNow(96) }] })).id;
    await decideAs(t, liaison, corridor, { version: 1, decision: 'approve' });
    actor = { userId: c.id, orgId: agency, orgKind: 'agency', role: 'coordinator' };
  });
  afterAll(async () => t?.close());

  const post = (id: string, action: string, payload: Json, token = field, headers: Record<string, string> = {}) =>
    t.as(token, { method: 'POST', url: `/api/v1/movements/${id}/${action}`, payload, headers });
  const rowOf = (body: { passengers?: Row[] }, personId: string) => body.passengers?.find((p) => p.personId === personId);

  /** An acknowledged evacuation with the given people on its manifest. */
  async function evacuation(people: number): Promise<{ id: string; personIds: string[] }> {
    const response = await t.as(coordinator, {
      method: 'POST',
      url: '/api/v1/movements',
      payload: { kind: 'evacuation', corridorId: corridor, departAt: hoursFromNow(73), arriveBy: hoursFromNow(79), vehicles: [{ type: 'bus' }], personnel: 2, passengers: people },
    });
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().id as string;
    const personIds: string[] = [];
    for (let i = 0; i < people; i++) personIds.push((await registerPerson(t.app.ctx, actor, { givenName: `Oksana${i}`, familyName: 'Koval' })).id);
    expect((await post(id, 'passengers', { personIds }, coordinator)).statusCode).toBe(200);
    expect((await answerAs(t, liaison, id, { decision: 'acknowledge' })).statusCode).toBe(201);
    return { id, personIds };
  }

  it('undoes a boarding with a reason, kept with who, when and why, and audited', async () => {
    const { id, personIds } = await evacuation(1);
    const [olena] = personIds as [string];
    const boarded = await post(id, 'board', { personId: olena });
    expect(rowOf(boarded.json(), olena)?.state).toBe('boarded');
    const boardedAt = rowOf(boarded.json(), olena)?.boardedAt;

    expect((await post(id, 'board/undo', { personId: olena, reason: '  ' })).statusCode).toBe(400);
    const undone = await post(id, 'board/undo', { personId: olena, reason: 'Tapped the wrong row' });
    expect(undone.statusCode, undone.body).toBe(200);
    const row = rowOf(undone.json(), olena);
    expect(row).toMatchObject({ state: 'listed', boardedAt: null });
    expect(row?.corrections).toEqual([expect.objectContaining({ undone: 'board', undoneAt: boardedAt, reason: 'Tapped the wrong row', byUserId: fieldId })]);
    expect(undone.json()).toMatchObject({ listed: 1, boarded: 0 });

    const audit = await t.app.ctx.db.selectFrom('audit_events').selectAll().where('subject_id', '=', id).where('action', '=', 'movement.passenger-undo').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_user_id).toBe(fieldId);

    // Nothing left to undo: a conflict, and nothing changes.
    expect((await post(id, 'board/undo', { personId: olena, reason: 'again' })).json().code).toBe('NOTHING_TO_UNDO');
    // Another agency cannot correct this manifest.
    expect((await post(id, 'board/undo', { personId: olena, reason: 'x' }, otherAgency)).statusCode).toBe(404);
  });

  it('"did not board" is a state: it blocks a boarding until undone, and boarding blocks it', async () => {
    const { id, personIds } = await evacuation(2);
    const [a, b] = personIds as [string, string];
    const marked = await post(id, 'not-boarded', { personId: a, reason: 'Stayed with her mother' });
    expect(rowOf(marked.json(), a)).toMatchObject({ state: 'did_not_board', didNotBoardReason: 'Stayed with her mother' });
    expect(marked.json()).toMatchObject({ listed: 2, boarded: 0, notBoarded: 1 });
    expect((await post(id, 'board', { personId: a })).json()).toMatchObject({ status: 409, code: 'MARKED_NOT_BOARDED' });
    expect((await post(id, 'not-boarded', { personId: a })).json().code).toBe('ALREADY_NOT_BOARDED');

    await post(id, 'board', { personId: b });
    expect((await post(id, 'not-boarded', { personId: b })).json().code).toBe('ALREADY_BOARDED');

    expect(rowOf((await post(id, 'not-boarded/undo', { personId: a, reason: 'She came after all' })).json(), a)?.state).toBe('listed');
    expect(rowOf((await post(id, 'board', { personId: a })).json(), a)?.state).toBe('boarded');
  });

  it('allows "arrived" only once the convoy checked in near its destination or completed; an arrival can be undone', async () => {
    const { id, personIds } = await evacuation(2);
    const [a, b] = personIds as [string, string];
    await post(id, 'board', { personId: a });
    await post(id, 'board', { personId: b });
    expect((await post(id, 'start', {})).statusCode).toBe(200);
    // Halfway (Lokhvytsia): not there yet.
    await post(id, 'checkins', { lat: 50.3667, lon: 33.2667 });
    expect((await post(id, 'arrive', { personId: a })).json()).toMatchObject({ status: 409, code: 'CONVOY_NOT_AT_DESTINATION' });
    // Within 5 km of Poltava.
    await post(id, 'checkins', { lat: 49.6, lon: 34.58 });
    expect(rowOf((await post(id, 'arrive', { personId: a })).json(), a)?.state).toBe('arrived');
    // Boarding cannot be undone under an arrival.
    expect((await post(id, 'board/undo', { personId: a, reason: 'x' })).json().code).toBe('UNDO_ARRIVAL_FIRST');
    const undone = await post(id, 'arrive/undo', { personId: a, reason: 'She is still on the bus' });
    expect(rowOf(undone.json(), a)).toMatchObject({ state: 'boarded', arrivedAt: null });

    // A completed convoy has arrived wherever its last check-in was sent from.
    const far = await evacuation(1);
    const [c] = far.personIds as [string];
    await post(far.id, 'board', { personId: c });
    await post(far.id, 'start', {});
    expect((await post(far.id, 'arrive', { personId: c })).json().code).toBe('CONVOY_NOT_AT_DESTINATION');
    await post(far.id, 'complete', {});
    expect(rowOf((await post(far.id, 'arrive', { personId: c })).json(), c)?.state).toBe('arrived');
  });

  it('keeps the tap time of a boarding sent later, within plausible bounds, and a replay changes nothing', async () => {
    const { id, personIds } = await evacuation(2);
    const [a, b] = personIds as [string, string];
    // Minutes before now, yet after the notification (within the clock skew allowed).
    const tapped = new Date(Date.now() - 3 * 60_000).toISOString();
    const headers = { 'idempotency-key': `board-${a}` };
    const first = await post(id, 'board', { personId: a, at: tapped }, field, headers);
    expect(rowOf(first.json(), a)?.boardedAt).toBe(tapped);
    const replay = await post(id, 'board', { personId: a, at: tapped }, field, headers);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const audits = await t.app.ctx.db.selectFrom('audit_events').select('seq').where('subject_id', '=', id).where('action', '=', 'movement.board').execute();
    expect(audits).toHaveLength(1);

    const future = new Date(Date.now() + (CLOCK_SKEW_MINUTES + 5) * 60_000).toISOString();
    expect((await post(id, 'board', { personId: b, at: future })).json()).toMatchObject({ status: 422, code: 'BOARD_IN_FUTURE' });
    const beforeNotified = new Date(Date.now() - 3 * 3_600_000).toISOString();
    expect((await post(id, 'board', { personId: b, at: beforeNotified })).json().code).toBe('BOARD_BEFORE_START');
    expect(rowOf((await t.as(field, { method: 'GET', url: `/api/v1/movements/${id}/passengers` })).json(), b)?.state).toBe('listed');
  });

  it('answers a tap queued while the convoy was aborted meanwhile with a 409 and a code, storing nothing', async () => {
    const { id, personIds } = await evacuation(1);
    const [a] = personIds as [string];
    await post(id, 'start', {});
    await post(id, 'abort', { reason: 'Shelling near the route' }, coordinator);
    const late = await post(id, 'checkins', { lat: 50.3, lon: 33.3, at: new Date(Date.now() - 10 * 60_000).toISOString() }, field, { 'idempotency-key': 'late-checkin' });
    expect(late.json()).toMatchObject({ status: 409, code: 'MOVEMENT_ILLEGAL_TRANSITION' });
    expect((await post(id, 'board', { personId: a })).json()).toMatchObject({ status: 409, code: 'MOVEMENT_ILLEGAL_TRANSITION' });
    const movement = (await t.as(field, { method: 'GET', url: `/api/v1/movements/${id}` })).json();
    expect(movement.checkins).toEqual([]);
  });
  it('keeps the tap time of a registration sent later from the outbox, once, and refuses an implausible one', async () => {
    const tappedAt = new Date(Date.now() - 90 * 60_000).toISOString();
    const body = { givenName: 'Iryna', familyName: 'Outboxenko', birthDate: '1980', tappedAt };
    const headers = { 'idempotency-key': 'registration-iryna' };
    const first = await t.as(coordinator, { method: 'POST', url: '/api/v1/people', payload: body, headers });
    expect(first.statusCode, first.body).toBe(201);
    const again = await t.as(coordinator, { method: 'POST', url: '/api/v1/people', payload: body, headers });
    expect(again.json().id).toBe(first.json().id);
    const person = await t.as(coordinator, { method: 'GET', url: `/api/v1/people/${first.json().id}` });
    expect(person.json().createdAt).toBe(tappedAt);
    const stored = await t.app.ctx.db.selectFrom('people').select('id').where('family_name', '=', 'Outboxenko').execute();
    expect(stored).toHaveLength(1);

    const old = await t.as(coordinator, { method: 'POST', url: '/api/v1/people', payload: { ...body, tappedAt: new Date(Date.now() - 8 * 86_400_000).toISOString() } });
    expect(old.json()).toMatchObject({ status: 422, code: 'REGISTRATION_TOO_OLD', errors: [{ path: '/tappedAt' }] });
    const future = await t.as(coordinator, { method: 'POST', url: '/api/v1/people', payload: { ...body, tappedAt: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(future.json().code).toBe('REGISTRATION_IN_FUTURE');
  });
});
