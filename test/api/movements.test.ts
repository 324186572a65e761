import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/services/audit.service.ts';
import { registerPerson } from '../../src/services/people.service.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createProposedCorridor } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { openSse } from '../helpers/sse.ts';
import { hoursFromNow } from '../helpers/time.ts';
import { answerAs, decideAs } from '../helpers/signing.ts';

const at = hoursFromNow;
type Json = Record<string, unknown>;

describe.each(DIALECTS)('movements on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let ua: string;
  let ru: string;
  let uaLiaison: string;
  let ruLiaison: string;
  let outsiderLiaison: string;
  let agencyCoordinator: string;
  let agencyField: string;
  let otherAgency: string;
  /** Agreed, with a window 72–96 h from now: notifications inside it give no warnings. */
  let agreedCorridor: string;

  beforeAll(async () => {
    // Long sessions: the overdue test moves the clock three days ahead.
    t = await startTestApp(dialect, { schedulerIntervalMs: 0, overdueGraceMinutes: 30, sessionHours: 1000 });
    admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string, kind: string) => (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind } })).json().id as string;
    ua = await org('M-UA', 'party');
    ru = await org('M-RU', 'party');
    const outsider = await org('M-outsider', 'party');
    const agency = await org('M-agency', 'agency');
    const other = await org('M-other-agency', 'agency');
    const user = async (orgId: string, email: string, role: string) => {
      const r = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: role, password: 'movement-pass', role } });
      expect(r.statusCode).toBe(201);
      return t.login(email, 'movement-pass');
    };
    uaLiaison = await user(ua, 'l@m-ua.test', 'liaison');
    ruLiaison = await user(ru, 'l@m-ru.test', 'liaison');
    outsiderLiaison = await user(outsider, 'l@m-out.test', 'liaison');
    agencyCoordinator = await user(agency, 'c@m-agency.test', 'coordinator');
    agencyField = await user(agency, 'f@m-agency.test', 'field');
    otherAgency = await user(other, 'c@m-other.test', 'coordinator');
    agreedCorridor = (await createProposedCorridor(t, admin, [ua, ru], { windows: [{ start: at(72), end: at(96) }] })).id;
    for (const token of [uaLiaison, ruLiaison]) {
      await decideAs(t, token, agreedCorridor, { version: 1, decision: 'approve' });
    }
  });
  afterAll(async () => t?.close());

  const supply = (overrides: Json = {}): Json => ({
    kind: 'supply',
    corridorId: agreedCorridor,
    departAt: at(73),
    arriveBy: at(79),
    vehicles: [{ type: 'truck', plate: 'AA 1234 BB', markings: 'Red Cross emblem' }],
    personnel: 4,
    cargo: [
      { category: 'food', item: 'flour', quantity: 20, unit: 't', weightKg: 20000 },
      { category: 'medical', item: 'insulin', quantity: 500, unit: 'doses' },
    ],
    ...overrides,
  });
  const notify = (body: Json, token = agencyCoordinator) => t.as(token, { method: 'POST', url: '/api/v1/movements', payload: body });
  const get = (id: string, token = agencyCoordinator) => t.as(token, { method: 'GET', url: `/api/v1/movements/${id}` });
  const post = (id: string, action: string, token = agencyField, payload?: Json) => t.as(token, { method: 'POST', url: `/api/v1/movements/${id}/${action}`, ...(payload ? { payload } : {}) });
  const ackBoth = async (id: string) => {
    for (const token of [uaLiaison, ruLiaison]) expect((await answerAs(t, token, id, { decision: 'acknowledge' })).statusCode).toBe(201);
  };
  const codes = (body: { warnings: { code: string }[] }) => body.warnings.map((w) => w.code).sort();

  it('notifies a movement on an agreed corridor: submitted, the corridor parties to acknowledge, no warnings', async () => {
    const response = await notify(supply());
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ status: 'submitted', requiredAcknowledgements: [ua, ru], warnings: [], kind: 'supply', overdue: false });
    expect(body.acknowledgementDeadline).toBe(body.departAt);
    expect(body.acknowledgementMeaning).toMatch(/not a guarantee of safety/);
  });

  it('needs the notice period, or urgent with a justification, flagged SHORT_NOTICE either way', async () => {
    const soon = { departAt: at(3), arriveBy: at(8) };
    const refused = await notify(supply(soon));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'NOTICE_TOO_SHORT', errors: [{ path: '/departAt' }] });
    const noReason = await notify(supply({ ...soon, urgent: true }));
    expect(noReason.json().errors).toEqual([{ path: '/justification', code: 'MOVEMENT_INVALID', message: expect.any(String) }]);
    const urgent = await notify(supply({ ...soon, urgent: true, justification: 'Insulin stocks in Sumy run out tomorrow' }));
    expect(urgent.statusCode).toBe(201);
    const warning = urgent.json().warnings.find((w: { code: string }) => w.code === 'SHORT_NOTICE');
    expect(warning).toMatchObject({ noticeHours: 48, urgent: true });
    expect(warning.hoursGiven).toBeCloseTo(3, 0);
  });

  it('keeps evacuation and aid apart and refuses impossible plans', async () => {
    const cases: [Json, string][] = [
      [supply({ kind: 'evacuation', passengers: 40 }), '/cargo'],
      [supply({ passengers: 10 }), '/passengers'],
      [supply({ arriveBy: at(70) }), '/arriveBy'],
      [supply({ corridorId: undefined }), '/route'],
    ];
    for (const [body, path] of cases) {
      const response = await notify(body);
      expect(response.statusCode, path).toBe(422);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await notify(supply({ departAt: '2030-01-01T10:00:00' }))).statusCode).toBe(400);
    // A departure in 2022, or years ahead, is a typo: refused by the dry run and by the notification.
    for (const [departAt, arriveBy] of [['2022-03-08T10:00:00+02:00', '2022-03-08T18:00:00+02:00'], [at(24 * 800), at(24 * 800 + 6)]]) {
      for (const url of ['/api/v1/movements/check', '/api/v1/movements']) {
        const refused = await t.as(agencyCoordinator, { method: 'POST', url, payload: supply({ departAt, arriveBy }) });
        expect(refused.statusCode, `${url} ${departAt}`).toBe(422);
        expect(refused.json().errors.map((e: { path: string }) => e.path)).toContain('/departAt');
      }
    }
    expect((await notify(supply({ vehicles: [] }))).statusCode).toBe(400);
    expect((await notify(supply({ corridorId: 'nope' }))).json().code).toBe('UNKNOWN_CORRIDOR');
    expect((await notify(supply(), uaLiaison)).statusCode).toBe(403);
  });

  it('warns: corridor not agreed, outside its windows, route leaving the buffer (with the deviation)', async () => {
    const proposed = await createProposedCorridor(t, admin, [ua, ru], { windows: [{ start: at(100), end: at(110) }] });
    const outside = await notify(supply({ corridorId: proposed.id }));
    expect(codes(outside.json())).toEqual(['CORRIDOR_NOT_AGREED', 'OUTSIDE_WINDOW']);

    // The corridor runs Sumy → Lokhvytsia → Lubny → Poltava; this route detours east through Hadiach.
    const detour = { type: 'LineString', coordinates: [[34.7981, 50.9077], [34.0, 50.37], [34.5514, 49.5883]] };
    const deviating = await notify(supply({ route: detour }));
    const warning = deviating.json().warnings.find((w: { code: string }) => w.code === 'OUTSIDE_CORRIDOR');
    expect(warning.maxDeviationMeters).toBeGreaterThan(20_000);
    expect(warning.bufferMeters).toBe(2000);
    expect((await t.as(agencyCoordinator, { method: 'POST', url: '/api/v1/movements/check', payload: supply({ route: detour }) })).json().warnings.map((w: { code: string }) => w.code)).toContain('OUTSIDE_CORRIDOR');
  });

  it('warns of recent incidents near the route and of uncleared mines until cleared', async () => {
    // A corridor of its own, the file's corridor moved 5° west: the incidents reported here must
    // not warn the movements of the other tests, whichever order they run in.
    const west = (name: string, lon: number, lat: number) => ({ name, lat, lon: lon - 5 });
    const corridor = (
      await createProposedCorridor(t, admin, [ua, ru], {
        name: 'Incident test corridor',
        origin: west('West origin', 34.7981, 50.9077),
        destination: west('West destination', 34.5514, 49.5883),
        route: { type: 'LineString', coordinates: [[29.7981, 50.9077], [28.2667, 50.3667], [27.9869, 50.0186], [29.5514, 49.5883]] },
        gatheringPoints: [{ ...west('West gathering point', 34.8415, 50.8926), address: 'Main St 2' }],
        checkpoints: [{ ...west('West checkpoint', 33.2667, 50.3667), controlledBy: ua }],
        windows: [{ start: at(72), end: at(96) }],
      })
    ).id;
    for (const token of [uaLiaison, ruLiaison]) expect((await decideAs(t, token, corridor, { version: 1, decision: 'approve' })).statusCode).toBe(201);
    const onIt = supply({ corridorId: corridor });
    const near = await t.as(agencyField, { method: 'POST', url: '/api/v1/incidents', payload: { type: 'shelling', lat: 50.3675, lon: 28.268, occurredAt: at(-2), severity: 'high' } });
    expect(near.statusCode).toBe(201);
    expect(near.json().affected.corridors.map((c: { id: string }) => c.id)).toContain(corridor);
    // At risk at once; suspension stays the mediator's decision, whoever reports.
    expect((await t.as(admin, { method: 'GET', url: `/api/v1/corridors/${corridor}` })).json()).toMatchObject({ atRisk: true, status: 'agreed' });
    await t.as(agencyField, { method: 'POST', url: '/api/v1/incidents', payload: { type: 'shelling', lat: 48.0, lon: 30.0, occurredAt: at(-1), severity: 'high' } });
    const old = await t.as(agencyField, { method: 'POST', url: '/api/v1/incidents', payload: { type: 'gunfire', lat: 50.019, lon: 27.987, occurredAt: at(-24 * 10), severity: 'low' } });
    const mine = await t.as(agencyField, { method: 'POST', url: '/api/v1/incidents', payload: { type: 'mine', lat: 50.018, lon: 27.99, occurredAt: at(-24 * 30), severity: 'critical', description: 'Anti-tank mines on the verge' } });

    const checked = (await t.as(agencyCoordinator, { method: 'POST', url: '/api/v1/movements/check', payload: onIt })).json();
    expect(codes(checked)).toEqual(['HAZARD_ON_ROUTE', 'INCIDENT_NEAR_ROUTE']);
    const incidents = checked.warnings.find((w: { code: string }) => w.code === 'INCIDENT_NEAR_ROUTE').incidents;
    expect(incidents.map((i: { id: string }) => i.id)).toEqual([near.json().id]);
    expect(incidents[0].distanceMeters).toBeLessThan(500);
    expect(incidents.map((i: { id: string }) => i.id)).not.toContain(old.json().id);

    expect((await t.as(agencyField, { method: 'POST', url: `/api/v1/incidents/${mine.json().id}/clear`, payload: { note: 'Cleared by the State Emergency Service' } })).statusCode).toBe(403);
    expect((await t.as(admin, { method: 'POST', url: `/api/v1/incidents/${mine.json().id}/clear`, payload: { note: 'Cleared by the State Emergency Service' } })).json().clearedAt).toEqual(expect.any(String));
    const after = (await t.as(agencyCoordinator, { method: 'POST', url: '/api/v1/movements/check', payload: onIt })).json();
    expect(codes(after)).toEqual(['INCIDENT_NEAR_ROUTE']);
    // The file's own corridor never saw any of it.
    expect(codes((await t.as(agencyCoordinator, { method: 'POST', url: '/api/v1/movements/check', payload: supply() })).json())).toEqual([]);
  });

  it('asks every party to acknowledge an own-route movement; an acknowledgement is receipt, a denial is final for that party', async () => {
    const own = await notify(supply({ corridorId: undefined, route: { type: 'LineString', coordinates: [[35.14, 47.84], [36.0, 47.5]] } }));
    expect(own.json().requiredAcknowledgements.sort()).toEqual(expect.arrayContaining([ua, ru]));
    expect(own.json().requiredAcknowledgements.length).toBeGreaterThanOrEqual(3);

    const { id } = (await notify(supply())).json();
    expect((await answerAs(t, agencyCoordinator, id, { decision: 'acknowledge' })).statusCode).toBe(403);
    expect((await answerAs(t, outsiderLiaison, id, { decision: 'acknowledge' })).statusCode).toBe(404);
    expect((await answerAs(t, uaLiaison, id, { decision: 'acknowledge', comment: 'Received' })).json().status).toBe('submitted');
    expect((await answerAs(t, uaLiaison, id, { decision: 'deny' })).json().code).toBe('MOVEMENT_ALREADY_ANSWERED');
    const denied = await answerAs(t, ruLiaison, id, { decision: 'deny', comment: 'Active fighting near Lubny' });
    expect(denied.json()).toMatchObject({ status: 'denied' });
    expect((await post(id, 'start')).json().code).toBe('MOVEMENT_ILLEGAL_TRANSITION');
    expect((await get(id, uaLiaison)).json().acknowledgements.map((a: { decision: string }) => a.decision).sort()).toEqual(['acknowledge', 'deny']);
    expect((await get(id, otherAgency)).statusCode).toBe(404);
  });

  it('follows a convoy: guarded transitions, check-ins at checkpoints, expected passage times', async () => {
    const { id } = (await notify(supply())).json();
    expect((await post(id, 'checkins', agencyField, { lat: 50.9, lon: 34.79 })).statusCode).toBe(409);
    await ackBoth(id);
    const started = await post(id, 'start');
    expect(started.json().status).toBe('underway');
    expect((await post(id, 'start')).statusCode).toBe(409);
    expect((await post(id, 'checkins', uaLiaison, { lat: 50.9, lon: 34.79 })).statusCode).toBe(403);

    const view = started.json();
    expect(view.expectedPassages).toHaveLength(1);
    const passage = view.expectedPassages[0];
    expect(passage.checkpoint).toBe('Lokhvytsia');
    expect(passage.fraction).toBeGreaterThan(0.2);
    expect(passage.fraction).toBeLessThan(0.7);
    const expectedMs = new Date(view.departAt).getTime() + passage.fraction * (new Date(view.arriveBy).getTime() - new Date(view.departAt).getTime());
    expect(Math.abs(new Date(passage.expectedAt).getTime() - expectedMs)).toBeLessThan(1000);

    // Times no convoy could have: 1999, before it started, tomorrow.
    for (const [when, code] of [['1999-03-08T10:00:00Z', 'CHECKIN_BEFORE_START'], [at(-1), 'CHECKIN_BEFORE_START'], [at(24), 'CHECKIN_IN_FUTURE']] as const) {
      const implausible = await post(id, 'checkins', agencyField, { lat: 50.9, lon: 34.79, at: when });
      expect(implausible.statusCode, when).toBe(422);
      expect(implausible.json()).toMatchObject({ code, errors: [{ path: '/at' }] });
    }
    expect((await post(id, 'checkins', agencyField, { lat: 50.37, lon: 33.27, checkpoint: 'Nowhere' })).json().code).toBe('UNKNOWN_CHECKPOINT');
    expect((await post(id, 'checkins', agencyField, { lat: 50.37, lon: 33.27, checkpoint: 'Lokhvytsia', note: 'Passed without delay' })).statusCode).toBe(201);
    const tracked = (await get(id)).json();
    expect(tracked.lastCheckin).toMatchObject({ lat: 50.37, lon: 33.27, checkpoint: 'Lokhvytsia' });
    expect(tracked.progress).toBeGreaterThan(0.2);
    expect((await post(id, 'complete')).json().status).toBe('completed');
    expect((await post(id, 'checkins', agencyField, { lat: 49.6, lon: 34.55 })).statusCode).toBe(409);
    expect((await post(id, 'abort', agencyField, { reason: 'too late' })).statusCode).toBe(409);
  });

  it('stores check-ins sent together (one batch, written at its close): every one stored and audited in order, each movement stamped with its latest', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const { id } = (await notify(supply())).json();
      await ackBoth(id);
      expect((await post(id, 'start')).statusCode).toBe(200);
      ids.push(id);
    }
    const realNow = t.app.ctx.now;
    // A second apart per command, so the movements' stamps differ within one batch.
    let tick = 0;
    const start = Date.now();
    t.app.ctx.now = () => new Date(start + 1000 * tick++);
    try {
      const sent = await Promise.all(Array.from({ length: 10 }, (_, i) => post(ids[i % 2]!, 'checkins', agencyField, { lat: 50.3 + i / 100, lon: 33.2 })));
      expect(sent.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
      for (const [n, id] of ids.entries()) {
        const stored = await t.app.ctx.db.selectFrom('movement_checkins').select(['id', 'received_at']).where('movement_id', '=', id).orderBy('received_at').execute();
        expect(stored.map((c) => c.id).sort()).toEqual(sent.filter((_, i) => i % 2 === n).map((r) => r.json().id as string).sort());
        const movement = await t.app.ctx.db.selectFrom('movements').select(['updated_at', 'overdue_since']).where('id', '=', id).executeTakeFirstOrThrow();
        expect(movement).toEqual({ updated_at: stored[stored.length - 1]!.received_at, overdue_since: null });
        const audited = await t.app.ctx.db.selectFrom('audit_events').select('at').where('subject_id', '=', id).where('action', '=', 'movement.checkin').orderBy('seq').execute();
        expect(audited.map((a) => a.at)).toEqual(stored.map((c) => c.received_at));
      }
      expect(await verifyAuditLog(t.app.ctx)).toMatchObject({ ok: true });
    } finally {
      t.app.ctx.now = realNow;
    }
  });

  it('flags a convoy overdue once its checkpoint is late by the grace period, alerts mediator and agency live, and a check-in clears it', async () => {
    const base = await t.app.server.listen({ port: 0, host: '127.0.0.1' });
    const agencyStream = await openSse(`${base}/api/v1/stream`, { authorization: `Bearer ${agencyCoordinator}` });
    const mediatorStream = await openSse(`${base}/api/v1/stream`, { authorization: `Bearer ${admin}` });
    const otherStream = await openSse(`${base}/api/v1/stream`, { authorization: `Bearer ${otherAgency}` });
    const realNow = t.app.ctx.now;
    try {
      const { id } = (await notify(supply())).json();
      await ackBoth(id);
      const view = (await post(id, 'start')).json();
      const due = new Date(view.expectedPassages[0].expectedAt).getTime();
      t.app.ctx.now = () => new Date(due + 20 * 60_000);
      await t.app.live.tick();
      expect((await get(id)).json().overdue).toBe(false);

      t.app.ctx.now = () => new Date(due + 31 * 60_000);
      await t.app.live.tick();
      const flagged = (await get(id)).json();
      expect(flagged).toMatchObject({ overdue: true, expectedNext: { what: 'Lokhvytsia' } });
      const isAlert = (e: { event: string; data: unknown }) => e.event === 'movement' && (e.data as { id: string; overdue: boolean }).id === id && (e.data as { overdue: boolean }).overdue;
      await agencyStream.waitFor(isAlert);
      await mediatorStream.waitFor(isAlert);
      await t.app.live.tick();
      await t.app.live.idle();
      expect(otherStream.events.some(isAlert)).toBe(false);
      const audits = await t.app.ctx.db.selectFrom('audit_events').select('action').where('subject_id', '=', id).where('action', '=', 'movement.overdue').execute();
      expect(audits).toHaveLength(1);

      await post(id, 'checkins', agencyField, { lat: 50.37, lon: 33.27, checkpoint: 'Lokhvytsia', at: new Date(due + 32 * 60_000).toISOString() });
      expect((await get(id)).json()).toMatchObject({ overdue: false, expectedNext: { what: 'arrival' } });
    } finally {
      t.app.ctx.now = realNow;
      agencyStream.close();
      mediatorStream.close();
      otherStream.close();
    }
  });

  it('confirms a delivery once, against the manifest, with discrepancies', async () => {
    const { id } = (await notify(supply())).json();
    await ackBoth(id);
    await post(id, 'start');
    expect((await post(id, 'delivery', agencyField, { items: [{ item: 'flour', quantityReceived: 20 }] })).statusCode).toBe(409);
    await post(id, 'complete');
    expect((await post(id, 'delivery', agencyField, { items: [{ item: 'tanks', quantityReceived: 1 }] })).json().code).toBe('UNKNOWN_CARGO_ITEM');
    const delivered = await post(id, 'delivery', agencyField, { items: [{ item: 'flour', quantityReceived: 18.5 }], note: 'Two pallets damaged' });
    expect(delivered.statusCode).toBe(201);
    expect(delivered.json().delivery.lines).toEqual([
      { item: 'flour', unit: 't', expected: 20, received: 18.5, difference: -1.5 },
      { item: 'insulin', unit: 'doses', expected: 500, received: 0, difference: -500 },
    ]);
    expect((await post(id, 'delivery', agencyField, { items: [{ item: 'flour', quantityReceived: 20 }] })).json().code).toBe('DELIVERY_CONFIRMED');
  });

  it('lets parties see the movements they must acknowledge, and agencies only their own', async () => {
    const mine = (await notify(supply())).json().id;
    const ruList = (await t.as(ruLiaison, { method: 'GET', url: '/api/v1/movements' })).json().items;
    expect(ruList.map((m: { id: string }) => m.id)).toContain(mine);
    expect(ruList.every((m: { requiredAcknowledgements: string[] }) => m.requiredAcknowledgements.includes(ru))).toBe(true);
    expect((await t.as(otherAgency, { method: 'GET', url: '/api/v1/movements' })).json().items).toEqual([]);
    const submitted = (await t.as(agencyCoordinator, { method: 'GET', url: '/api/v1/movements?status=submitted' })).json().items;
    expect(submitted.map((m: { id: string }) => m.id)).toContain(mine);
    expect(submitted.every((m: { status: string }) => m.status === 'submitted')).toBe(true);
  });

  it('carries passengers: the agency sees names on its manifest, parties and others only counts', async () => {
    const me = (await t.as(agencyCoordinator, { method: 'GET', url: '/api/v1/me' })).json();
    const actor = { userId: me.id, orgId: me.orgId, orgKind: 'agency' as const, role: 'coordinator' as const };
    const olena = await registerPerson(t.app.ctx, actor, { givenName: 'Олена', familyName: 'Шевченко', birthDate: '1948' });
    const petro = await registerPerson(t.app.ctx, actor, { givenName: 'Petro', familyName: 'Bondarenko' });
    const otherMe = (await t.as(otherAgency, { method: 'GET', url: '/api/v1/me' })).json();
    const stranger = await registerPerson(t.app.ctx, { userId: otherMe.id, orgId: otherMe.orgId, orgKind: 'agency', role: 'coordinator' }, { givenName: 'Ivan', familyName: 'Stranger' });

    const evacuation = { kind: 'evacuation', corridorId: agreedCorridor, departAt: at(73), arriveBy: at(79), vehicles: [{ type: 'bus' }], personnel: 2, passengers: 40 };
    const { id } = (await notify(evacuation)).json();
    const foreign = await post(id, 'passengers', agencyCoordinator, { personIds: [olena.id, stranger.id] });
    expect(foreign.json()).toMatchObject({ code: 'UNKNOWN_PERSON', errors: [{ path: '/personIds/1' }] });
    const manifest = await post(id, 'passengers', agencyCoordinator, { personIds: [olena.id, petro.id, olena.id] });
    expect(manifest.json()).toMatchObject({ listed: 2, boarded: 0, arrived: 0 });
    expect(manifest.json().passengers.map((p: { familyName: string }) => p.familyName).sort()).toEqual(['Bondarenko', 'Шевченко']);
    expect((await post(id, 'board', agencyField, { personId: olena.id })).statusCode).toBe(409);

    await ackBoth(id);
    expect((await post(id, 'board', agencyField, { personId: olena.id })).json().boarded).toBe(1);
    expect((await post(id, 'board', agencyField, { personId: olena.id })).json().code).toBe('ALREADY_BOARDED');
    expect((await post(id, 'board', agencyField, { personId: stranger.id })).json().code).toBe('NOT_ON_MANIFEST');
    await post(id, 'start');
    expect((await post(id, 'arrive', agencyField, { personId: petro.id })).json().code).toBe('NOT_BOARDED');
    // Arrival is true only once the convoy has checked in near Poltava (or completed).
    expect((await post(id, 'arrive', agencyField, { personId: olena.id })).json().code).toBe('CONVOY_NOT_AT_DESTINATION');
    expect((await post(id, 'checkins', agencyField, { lat: 49.59, lon: 34.55 })).statusCode).toBe(201);
    expect((await post(id, 'arrive', agencyField, { personId: olena.id })).json()).toMatchObject({ listed: 2, boarded: 1, arrived: 1 });

    for (const token of [uaLiaison, ruLiaison, admin]) {
      const seen = await t.as(token, { method: 'GET', url: `/api/v1/movements/${id}/passengers` });
      expect(seen.json()).toEqual({ movementId: id, listed: 2, boarded: 1, arrived: 1, notBoarded: 0 });
      const movement = await t.as(token, { method: 'GET', url: `/api/v1/movements/${id}` });
      const list = await t.as(token, { method: 'GET', url: '/api/v1/movements' });
      for (const body of [seen.body, movement.body, list.body]) {
        for (const name of ['Олена', 'Шевченко', 'Petro', 'Bondarenko']) expect(body).not.toContain(name);
      }
    }
    expect((await post(id, 'passengers', uaLiaison, { personIds: [olena.id] })).statusCode).toBe(403);
  });

  it('keeps incidents in time and place, refuses future ones, and lists by box', async () => {
    const future = await t.as(agencyField, { method: 'POST', url: '/api/v1/incidents', payload: { type: 'shelling', lat: 50, lon: 33, occurredAt: at(5), severity: 'low' } });
    expect(future.json().code).toBe('INCIDENT_IN_FUTURE');
    // Its own incidents, one in the box and one outside, so that the test needs no earlier one.
    const report = async (lat: number, lon: number) =>
      (await t.as(agencyField, { method: 'POST', url: '/api/v1/incidents', payload: { type: 'blocked_road', lat, lon, occurredAt: at(-1), severity: 'low' } })).json().id as string;
    const inside = await report(50.9, 33.1);
    const outside = await report(50.5, 35.5);
    const inBox = (await t.as(uaLiaison, { method: 'GET', url: '/api/v1/incidents?bbox=33.0,50.0,34.0,51.0' })).json().items;
    const ids = inBox.map((i: { id: string }) => i.id);
    expect(ids).toContain(inside);
    expect(ids).not.toContain(outside);
    expect(inBox.every((i: { lat: number; lon: number }) => i.lat >= 50 && i.lat <= 51 && i.lon >= 33 && i.lon <= 34)).toBe(true);
    expect((await t.as(uaLiaison, { method: 'GET', url: '/api/v1/incidents?bbox=1,2,3' })).statusCode).toBe(400);
    const verified = await t.as(admin, { method: 'POST', url: `/api/v1/incidents/${inside}/verification`, payload: { status: 'disputed', comment: 'Party B denies' } });
    expect(verified.json().verification).toBe('disputed');
  });
});
