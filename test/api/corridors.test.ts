import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metersFromRoute } from '../../src/domain/geo.ts';
import { routeArea, ringSignedArea } from '../../src/domain/route-area.ts';
import { verifyStatement } from '../../src/domain/signature.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { corridorBody, createCorridor, createProposedCorridor } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { hoursFromNow } from '../helpers/time.ts';
import { decideAs } from '../helpers/signing.ts';


describe.each(DIALECTS)('corridors on %s', (dialect) => {
  let t: TestApp;
  let coordinator: string;
  let ua: string;
  let ru: string;
  let uaLiaison: string;
  let ruLiaison: string;
  let otherLiaison: string;
  let agencyUser: string;
  let agencyId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string, kind: string, timeZone: string) =>
      (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind, timeZone } })).json().id as string;
    ua = await org('Ukraine', 'party', 'Europe/Kyiv');
    ru = await org('Russia', 'party', 'Europe/Moscow');
    const other = await org('Another party', 'party', 'Europe/Kyiv');
    agencyId = await org('Red Cross', 'agency', 'Europe/Kyiv');
    const me = (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json();
    const user = async (orgId: string, email: string, role: string) => {
      const r = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: role, password: 'corridor-pass-1', role } });
      expect(r.statusCode).toBe(201);
      return t.login(email, 'corridor-pass-1');
    };
    coordinator = await user(me.orgId, 'coord@m.test', 'coordinator');
    uaLiaison = await user(ua, 'liaison@ua.test', 'liaison');
    ruLiaison = await user(ru, 'liaison@ru.test', 'liaison');
    otherLiaison = await user(other, 'liaison@other.test', 'liaison');
    agencyUser = await user(agencyId, 'coord@rc.test', 'coordinator');
  });
  afterAll(async () => t?.close());

  const get = (token: string, id: string) => t.as(token, { method: 'GET', url: `/api/v1/corridors/${id}` });
  const decide = (token: string, id: string, version: number, decision: 'approve' | 'reject', comment?: string) =>
    decideAs(t, token, id, { version, decision, ...(comment ? { comment } : {}) });
  const count = async () => Number((await t.app.ctx.db.selectFrom('corridor_versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('drafts with only a name, and refuses to propose until every required element is there', async () => {
    const draft = await createCorridor(t, coordinator, { name: 'Mariupol – Zaporizhzhia' });
    const view = (await get(coordinator, draft.id)).json();
    expect(view).toMatchObject({ version: 1, status: 'draft', route: null, windows: [], parties: [], proposedAt: null, atRisk: false });
    expect(view.versionHash).toMatch(/^[0-9a-f]{64}$/);
    const propose = await t.as(coordinator, { method: 'POST', url: `/api/v1/corridors/${draft.id}/propose` });
    expect(propose.statusCode).toBe(422);
    expect(propose.json().code).toBe('CORRIDOR_INCOMPLETE');
    expect(propose.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(
      [
        ...['/allowedTraffic', '/destination', '/eligibility', '/gatheringPoints', '/origin', '/parties', '/purpose', '/route', '/windows'],
        ...['uk', 'ru', 'en'].flatMap((lang) => ['title', 'eligibility', 'whatToBring'].map((field) => `/publicText/${lang}/${field}`)),
      ].sort(),
    );
  });

  it('carries its area from the server: the route widened by bufferMeters, the feeds’ ring, redrawn when the buffer changes', async () => {
    const body = corridorBody([ua, ru], { bufferMeters: 3000 });
    const { id } = await createCorridor(t, coordinator, body);
    const view = (await get(coordinator, id)).json();
    expect(view.area.type).toBe('Polygon');
    const [ring] = view.area.coordinates as [number, number][][];
    expect(ring!.length).toBeGreaterThan(8);
    expect(ring![0]).toEqual(ring![ring!.length - 1]);
    expect(ringSignedArea(ring!)).toBeGreaterThan(0); // counter-clockwise, as RFC 7946 asks
    for (const [lon, lat] of ring!) expect(Math.abs(metersFromRoute({ lat, lon }, view.route) - 3000)).toBeLessThan(60);
    expect(view.area).toEqual(routeArea(view.route, 3000));

    const amended = await t.as(coordinator, { method: 'PUT', url: `/api/v1/corridors/${id}`, payload: { ...body, bufferMeters: 1000, version: 1 } });
    expect(amended.statusCode, amended.body).toBe(200);
    for (const [lon, lat] of amended.json().area.coordinates[0]) expect(Math.abs(metersFromRoute({ lat, lon }, view.route) - 1000)).toBeLessThan(30);
    const listed = (await t.as(coordinator, { method: 'GET', url: '/api/v1/corridors' })).json().items.find((c: { id: string }) => c.id === id);
    expect(listed.area).toEqual(amended.json().area);

    const { id: bare } = await createCorridor(t, coordinator, { name: 'No route yet' });
    expect((await get(coordinator, bare)).json().area).toBeNull();
  });

  it('refuses malformed and rule-breaking corridors with field errors, storing nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, number, string][] = [
      [corridorBody([ua, ru], { windows: [{ start: '2022-03-08T09:00:00', end: '2022-03-08T21:00:00+02:00' }] }), 400, '/windows/0/start'],
      [corridorBody([ua, ru], { windows: [{ start: '09:00', end: '21:00' }] }), 400, '/windows/0/start'],
      [corridorBody([ua, ru], { windows: [{ start: '2022-03-08T21:00:00+02:00', end: '2022-03-08T09:00:00+02:00' }] }), 422, '/windows/0/end'],
      [
        corridorBody([ua, ru], {
          windows: [
            { start: '2022-03-08T09:00:00+02:00', end: '2022-03-08T21:00:00+02:00' },
            { start: '2022-03-08T20:00:00+02:00', end: '2022-03-08T22:00:00+02:00' },
          ],
        }),
        422,
        '/windows/1',
      ],
      [corridorBody([ua, ru], { route: { type: 'LineString', coordinates: [[34.79, 50.9]] } }), 400, '/route'],
      [corridorBody([ua, ru], { route: { type: 'LineString', coordinates: [[34.79, 95], [34.5, 49.5]] } }), 400, '/route'],
      [corridorBody([ua, ru], { route: { type: 'Point', coordinates: [34.79, 50.9] } }), 400, '/route'],
      [corridorBody([ua], { checkpoints: [{ name: 'X', lat: 50, lon: 33, controlledBy: ru }] }), 422, '/checkpoints/0/controlledBy'],
      [corridorBody([ua, ru], { gatheringPoints: [{ name: 'Far away', lat: 49.59, lon: 34.55 }] }), 422, '/gatheringPoints/0'],
      [corridorBody([ua, agencyId]), 422, '/parties/1'],
      [corridorBody([ua, ru], { bufferMeters: 1 }), 400, '/bufferMeters'],
      [corridorBody([ua, ru], { purpose: ['tourism'] }), 400, '/purpose/0'],
      [{ ...corridorBody([ua, ru]), colour: 'green' }, 400, '/colour'],
    ];
    for (const [body, status, path] of cases) {
      const response = await t.as(coordinator, { method: 'POST', url: '/api/v1/corridors', payload: body });
      expect(response.statusCode, `${path}: ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.json().errors.map((e: { path: string }) => e.path).some((p: string) => p.startsWith(path)), response.body).toBe(true);
    }
    expect(await count()).toBe(before);
  });

  it('stores windows in UTC and needs every listed party to approve the current version', async () => {
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru]);
    const proposed = (await get(coordinator, id)).json();
    expect(proposed.windows).toEqual([{ start: '2022-03-08T07:00:00.000Z', end: '2022-03-08T19:00:00.000Z' }]);
    expect(proposed).toMatchObject({ status: 'proposed', pendingParties: [ua, ru], partyTimeZones: ['Europe/Kyiv', 'Europe/Moscow'] });

    const first = await decide(uaLiaison, id, 1, 'approve', 'Agreed at the Lokhvytsia meeting');
    expect(first.statusCode).toBe(201);
    expect((await get(coordinator, id)).json()).toMatchObject({ status: 'proposed', pendingParties: [ru] });
    const second = await decide(ruLiaison, id, 1, 'approve');
    expect(second.statusCode).toBe(201);
    // Its only window (8 March 2022) is over: agreed, then closed by the clock.
    expect((await get(coordinator, id)).json()).toMatchObject({ status: 'closed', pendingParties: [], closure: null });
  });

  it('keeps each decision with the statement the party signed, verifiable offline with the public key alone', async () => {
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru]);
    const approval = (await decide(ruLiaison, id, 1, 'approve')).json();
    const statement = JSON.parse(approval.signedPayload);
    expect(statement).toMatchObject({ statement: 'safe-passage/corridor-decision/1', corridorId: id, version: 1, decision: 'approve', partyId: ru, signedAt: approval.signedAt });
    expect(verifyStatement(statement, approval.signature, approval.publicKey)).toBe(true);
    expect(verifyStatement({ ...statement, decision: 'reject' }, approval.signature, approval.publicKey)).toBe(false);
    expect(verifyStatement({ ...statement, version: 2 }, approval.signature, approval.publicKey)).toBe(false);
  });

  it('refuses decisions that are not the party liaison’s to make, twice, or on a superseded version', async () => {
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru]);
    expect((await decide(agencyUser, id, 1, 'approve')).statusCode).toBe(403);
    expect((await decide(coordinator, id, 1, 'approve')).statusCode).toBe(403);
    expect((await decide(otherLiaison, id, 1, 'approve')).statusCode).toBe(404);
    expect((await decide(uaLiaison, id, 1, 'approve')).statusCode).toBe(201);
    const twice = await decide(uaLiaison, id, 1, 'reject');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('CORRIDOR_ALREADY_DECIDED');

    const amended = await t.as(coordinator, { method: 'PUT', url: `/api/v1/corridors/${id}`, payload: { ...corridorBody([ua, ru], { eligibility: 'Women, children, elderly' }), version: 1 } });
    expect(amended.statusCode).toBe(200);
    expect(amended.json()).toMatchObject({ version: 2, status: 'draft', approvals: [], eligibility: 'Women, children, elderly' });
    const superseded = await decide(ruLiaison, id, 1, 'approve');
    expect(superseded.statusCode).toBe(409);
    expect(superseded.json().code).toBe('CORRIDOR_STALE_VERSION');
    expect((await decide(ruLiaison, id, 2, 'approve')).json().code).toBe('CORRIDOR_NOT_PROPOSED');
  });

  it('keeps every version immutable, answers 409 to a stale amendment, and voids earlier approvals', async () => {
    const windows = [{ start: hoursFromNow(-1), end: hoursFromNow(5) }];
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru], { windows });
    await decide(uaLiaison, id, 1, 'approve');
    await decide(ruLiaison, id, 1, 'approve');
    expect((await get(coordinator, id)).json().status).toBe('open');
    const v1 = (await get(coordinator, id)).json();

    const amend = (version: number, name: string) =>
      t.as(coordinator, { method: 'PUT', url: `/api/v1/corridors/${id}`, payload: { ...corridorBody([ua, ru], { windows, name }), version } });
    expect((await amend(1, 'Sumy – Poltava (new route)')).statusCode).toBe(200);
    const stale = await amend(1, 'Someone else’s edit');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CORRIDOR_STALE_VERSION');

    const now = (await get(coordinator, id)).json();
    expect(now).toMatchObject({ version: 2, status: 'draft', approvals: [] });
    const old = (await t.as(coordinator, { method: 'GET', url: `/api/v1/corridors/${id}/versions/1` })).json();
    expect(old).toMatchObject({ version: 1, versionHash: v1.versionHash, content: { name: 'Sumy – Poltava' } });
    expect(old.approvals).toHaveLength(2);
    expect((await t.as(coordinator, { method: 'GET', url: `/api/v1/corridors/${id}/versions/9` })).statusCode).toBe(404);
    const publicIds = (await t.inject({ method: 'GET', url: '/api/v1/public/corridors' })).json().items.map((c: { id: string }) => c.id);
    expect(publicIds).not.toContain(id);
  });

  it('a rejection makes it rejected; suspend, resume and close are the mediator’s, from the right states only', async () => {
    const rejected = await createProposedCorridor(t, coordinator, [ua, ru], { windows: [{ start: hoursFromNow(1), end: hoursFromNow(10) }] });
    await decide(ruLiaison, rejected.id, 1, 'approve');
    await decide(uaLiaison, rejected.id, 1, 'reject', 'Leads into occupied territory');
    expect((await get(coordinator, rejected.id)).json().status).toBe('rejected');

    const { id } = await createProposedCorridor(t, coordinator, [ua, ru], { windows: [{ start: hoursFromNow(-1), end: hoursFromNow(5) }] });
    const control = (token: string, type: string, body: Record<string, unknown> = { reason: 'Shelling reported near Vasylivka' }) =>
      t.as(token, { method: 'POST', url: `/api/v1/corridors/${id}/${type}`, payload: body });
    expect((await control(coordinator, 'suspend')).json().code).toBe('CORRIDOR_NOT_AGREED');
    await decide(uaLiaison, id, 1, 'approve');
    await decide(ruLiaison, id, 1, 'approve');
    expect((await control(coordinator, 'resume')).json().code).toBe('CORRIDOR_NOT_SUSPENDED');
    expect((await control(uaLiaison, 'suspend')).statusCode).toBe(403);
    expect((await control(coordinator, 'suspend', {})).statusCode).toBe(400);
    // The incident named as the reason must exist.
    expect((await control(coordinator, 'suspend', { reason: 'Shelling on the route', incidentId: 'incident-17' })).json().code).toBe('INCIDENT_UNKNOWN');
    const incident = await t.as(coordinator, { method: 'POST', url: '/api/v1/incidents', payload: { type: 'shelling', lat: 50.3667, lon: 33.2667, occurredAt: hoursFromNow(-0.5), severity: 'high' } });
    const incidentId = incident.json().id as string;
    const suspended = await control(coordinator, 'suspend', { reason: 'Shelling on the route', incidentId });
    expect(suspended.json()).toMatchObject({ status: 'suspended', suspension: { reason: 'Shelling on the route', incidentId } });
    expect((await control(coordinator, 'resume', { reason: 'Ceasefire confirmed by both parties' })).json().status).toBe('open');
    expect((await control(coordinator, 'close', { reason: 'Evacuation completed' })).json()).toMatchObject({ status: 'closed', closure: { reason: 'Evacuation completed' } });
    expect((await control(coordinator, 'suspend')).statusCode).toBe(409);
    expect((await control(coordinator, 'close')).statusCode).toBe(409);

    const timeline = (await t.as(coordinator, { method: 'GET', url: `/api/v1/corridors/${id}/timeline` })).json().items;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['drafted', 'proposed', 'approved', 'approved', 'window_opened', 'suspended', 'resumed', 'closed']),
    );
    expect(timeline.filter((e: { type: string }) => e.type === 'approved').map((e: { orgId: string }) => e.orgId).sort()).toEqual([ua, ru].sort());
  });

  it('records a unilateral announcement as such and never shows it to the public unless all agree', async () => {
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru], {
      name: 'Kyiv – Gomel',
      windows: [{ start: hoursFromNow(1), end: hoursFromNow(12) }],
      origin: { name: 'Kyiv', lat: 50.4501, lon: 30.5234 },
      gatheringPoints: [{ name: 'Kyiv central station', lat: 50.4406, lon: 30.4897 }],
      checkpoints: [],
      unilateral: { announcedBy: ru, source: 'MoD statement, 10:00 Moscow time' },
    });
    await decide(ruLiaison, id, 1, 'approve');
    const view = (await get(coordinator, id)).json();
    expect(view).toMatchObject({ status: 'proposed', unilateral: { announcedBy: ru, source: 'MoD statement, 10:00 Moscow time' } });
    const publicList = (await t.inject({ method: 'GET', url: '/api/v1/public/corridors' })).json();
    expect(publicList.items.map((c: { id: string }) => c.id)).not.toContain(id);
    const bad = await t.as(coordinator, { method: 'POST', url: '/api/v1/corridors', payload: corridorBody([ua], { unilateral: { announcedBy: ru } }) });
    expect(bad.statusCode).toBe(422);
  });

  it('shows the public only agreed corridors, without checkpoints, signatures or comments, with ETag and 304', async () => {
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru], { name: 'Enerhodar – Zaporizhzhia', origin: { name: 'Enerhodar', lat: 47.4989, lon: 34.6558 }, gatheringPoints: [{ name: 'Enerhodar bus station', lat: 47.5, lon: 34.65 }], windows: [{ start: hoursFromNow(-2), end: hoursFromNow(6) }] });
    await decide(uaLiaison, id, 1, 'approve', 'secret liaison remark');
    const pending = await t.inject({ method: 'GET', url: '/api/v1/public/corridors' });
    expect(pending.json().items.map((c: { id: string }) => c.id)).not.toContain(id);
    await decide(ruLiaison, id, 1, 'approve');

    const response = await t.inject({ method: 'GET', url: '/api/v1/public/corridors' });
    expect(response.statusCode).toBe(200);
    const item = response.json().items.find((c: { id: string }) => c.id === id);
    expect(item).toMatchObject({ name: 'Enerhodar – Zaporizhzhia', status: 'open', currentWindow: { start: expect.any(String) }, partyTimeZones: ['Europe/Kyiv', 'Europe/Moscow'] });
    for (const hidden of ['checkpoints', 'approvals', 'parties', 'pendingParties', 'suspension', 'closure', 'unilateral', 'versionHash']) {
      expect(item).not.toHaveProperty(hidden);
    }
    expect(response.body).not.toContain('secret liaison remark');
    expect(response.body).not.toContain('Lokhvytsia');
    expect(response.headers['cache-control']).toMatch(/max-age/);
    const etag = response.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await t.inject({ method: 'GET', url: '/api/v1/public/corridors', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('keeps never-proposed drafts from parties and agencies, and filters lists by derived status', async () => {
    const draft = await createCorridor(t, coordinator, corridorBody([ua, ru], { name: 'Secret draft' }));
    const proposed = await createProposedCorridor(t, coordinator, [ua, ru], { name: 'Listed for both parties' });
    expect((await get(uaLiaison, draft.id)).statusCode).toBe(404);
    expect((await get(agencyUser, draft.id)).statusCode).toBe(404);
    const listResponse = await t.as(uaLiaison, { method: 'GET', url: '/api/v1/corridors?limit=200' });
    expect(listResponse.statusCode, listResponse.body).toBe(200);
    const list = listResponse.json().items;
    expect(list.map((c: { id: string }) => c.id)).not.toContain(draft.id);
    expect(list.map((c: { id: string }) => c.id)).toContain(proposed.id);
    expect(list.every((c: { parties: string[] }) => c.parties.includes(ua))).toBe(true);
    const drafts = (await t.as(coordinator, { method: 'GET', url: '/api/v1/corridors?status=draft&limit=200' })).json().items;
    expect(drafts.map((c: { id: string }) => c.id)).toContain(draft.id);
    expect(drafts.map((c: { id: string }) => c.id)).not.toContain(proposed.id);
    expect(drafts.every((c: { status: string }) => c.status === 'draft')).toBe(true);
    expect((await t.as(coordinator, { method: 'GET', url: '/api/v1/corridors?status=happy' })).statusCode).toBe(400);
  });

  it('records both parties’ decisions when they sign at the same moment', async () => {
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru], { windows: [{ start: hoursFromNow(24), end: hoursFromNow(30) }] });
    const [a, b] = await Promise.all([decide(uaLiaison, id, 1, 'approve'), decide(ruLiaison, id, 1, 'approve')]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect((await get(coordinator, id)).json()).toMatchObject({ status: 'agreed', nextWindow: { start: expect.any(String) }, currentWindow: null });
    const audit = await t.as(await t.login(ADMIN.email, ADMIN.password), { method: 'GET', url: '/api/v1/audit/verify' });
    expect(audit.json().ok).toBe(true);
    const actions = (await t.app.ctx.db.selectFrom('audit_events').select('action').where('subject_id', '=', id).orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(['corridor.draft', 'corridor.propose', 'corridor.approve', 'corridor.approve']);
  });
});
