import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyText } from '../../src/domain/signature.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createTwoParties } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { createAgreedCorridor, enrolKey, newEd25519, partyAdminToken, signText, stateAs } from '../helpers/signing.ts';
import { hoursFromNow } from '../helpers/time.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe.each(DIALECTS)('incidents and the parties’ statements on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let parties: string[];
  let liaisons: string[];
  let corridorId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.login(ADMIN.email, ADMIN.password);
    ({ parties, liaisons } = await createTwoParties(t, admin, 'Incidents'));
    corridorId = await createAgreedCorridor(t, admin, parties, liaisons, { windows: [{ start: hoursFromNow(24), end: hoursFromNow(30) }] });
  });
  afterAll(async () => t?.close());

  const report = async (body: Record<string, unknown> = {}) => {
    const r = await t.as(admin, { method: 'POST', url: '/api/v1/incidents', payload: { type: 'shelling', lat: 50.3667, lon: 33.2667, occurredAt: hoursFromNow(-1), severity: 'high', ...body } });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; affected: { corridors: { id: string }[] } };
  };
  const statementOf = async (token: string, id: string, text: string, signedAt: string) =>
    (await t.as(token, { method: 'POST', url: `/api/v1/incidents/${id}/statement`, payload: { text, signedAt } })).json() as { statement: string; textHash: string };
  const post = (token: string, id: string, body: Record<string, unknown>) => t.as(token, { method: 'POST', url: `/api/v1/incidents/${id}/statements`, payload: body });

  it('serves one incident with what it touched, and each party’s own signed words beside it, verifiable with the public key alone', async () => {
    const incident = await report({ description: 'Обстріл біля Лохвиці' });
    expect(incident.affected.corridors.map((c) => c.id)).toContain(corridorId);

    const uaWords = 'Колону обстріляли під час режиму тиші. Відповідальність — на стороні, що стріляла.';
    const ruWords = 'Огонь вёлся с позиций другой стороны; наши подразделения режим тишины соблюдали. 🚌';
    expect((await stateAs(t, liaisons[0]!, incident.id, uaWords)).statusCode).toBe(201);
    expect((await stateAs(t, liaisons[1]!, incident.id, ruWords)).statusCode).toBe(201);

    // A party reads the record as the mediator does: both accounts, neither attributed by the system.
    const record = (await t.as(liaisons[1]!, { method: 'GET', url: `/api/v1/incidents/${incident.id}` })).json();
    expect(record).toMatchObject({ id: incident.id, type: 'shelling', description: 'Обстріл біля Лохвиці', affected: { corridors: [{ id: corridorId }] }, suspensions: [] });
    expect(Object.keys(record)).not.toContain('responsibleParty');
    expect(JSON.stringify(record)).not.toMatch(/reported_by_user|reportedByUser|email/);
    expect(record.statements.map((s: { partyId: string; text: string }) => [s.partyId, s.text])).toEqual([
      [parties[0], uaWords],
      [parties[1], ruWords],
    ]);
    for (const s of record.statements) {
      // What an auditor does: rehash the text, read the statement, check the signature with the key.
      expect(s.textHash).toBe(sha256(s.text));
      expect(JSON.parse(s.signedPayload)).toEqual({ statement: 'safe-passage/incident-statement/1', incidentId: incident.id, partyId: s.partyId, textHash: s.textHash, signedAt: s.signedAt });
      expect(verifyText(s.signedPayload, s.signature, s.publicKey)).toBe(true);
      expect(s.key).toMatchObject({ id: s.keyId, status: 'active', orgId: s.partyId });
    }
    const audit = await t.app.ctx.db.selectFrom('audit_events').select('action').where('subject_id', '=', incident.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['incident.report', 'incident.statement', 'incident.statement']);
    expect((await t.as(admin, { method: 'GET', url: '/api/v1/incidents/no-such-incident' })).statusCode).toBe(404);
  });

  it('refuses a signature over other words, another party’s or an unknown key, a pending or revoked key, a stale time and a replay, changing nothing', async () => {
    const incident = await report();
    const ua = liaisons[0]!;
    const key = (await enrolKey(t, ua))!;
    const signedAt = t.app.ctx.now().toISOString();
    const text = 'Наша заява';
    const { statement, textHash } = await statementOf(ua, incident.id, text, signedAt);
    expect(textHash).toBe(sha256(text));
    expect(JSON.parse(statement)).toMatchObject({ statement: 'safe-passage/incident-statement/1', partyId: parties[0], textHash });
    const good = { text, keyId: key.keyId, signedAt, signature: signText(statement, key.privateKey) };

    const code = async (token: string, body: Record<string, unknown>) => (await post(token, incident.id, body)).json().code as string;
    expect(await code(ua, { ...good, text: 'Наша заява.' })).toBe('SIGNATURE_INVALID');
    expect(await code(ua, { ...good, signedAt: new Date(Date.parse(signedAt) + 1).toISOString() })).toBe('SIGNATURE_INVALID');
    expect(await code(ua, { ...good, signedAt: hoursFromNow(-30) })).toBe('SIGNED_AT_IMPLAUSIBLE');
    expect(await code(ua, { ...good, signedAt: 'yesterday' })).toBe('SIGNED_AT_INVALID');
    expect(await code(ua, { ...good, keyId: 'no-such-key' })).toBe('KEY_UNKNOWN');
    // The other party's liaison cannot use this key, nor sign for this party.
    expect(await code(liaisons[1]!, good)).toBe('KEY_UNKNOWN');
    expect((await post(admin, incident.id, good)).statusCode).toBe(403);
    expect((await post(ua, incident.id, { ...good, text: '   ' })).statusCode).toBe(400);

    // A pending key signs nothing.
    const pending = newEd25519();
    const enrolled = (await t.as(ua, { method: 'POST', url: '/api/v1/keys', payload: { publicKey: pending.publicKey } })).json();
    expect(await code(ua, { ...good, keyId: enrolled.id, signature: signText(statement, pending.privateKey) })).toBe('KEY_NOT_ACTIVE');
    expect((await t.as(admin, { method: 'GET', url: `/api/v1/incidents/${incident.id}` })).json().statements).toEqual([]);

    expect((await post(ua, incident.id, good)).statusCode).toBe(201);
    expect(await code(ua, good)).toBe('STATEMENT_EXISTS');

    // Revoked: signs nothing afterwards; what it signed stays on the record and verifies.
    const revoked = await t.as(await partyAdminToken(t, parties[0]!), { method: 'POST', url: `/api/v1/keys/${key.keyId}/revoke`, payload: { reason: 'laptop lost' } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const later = t.app.ctx.now().toISOString();
    const again = await statementOf(ua, incident.id, 'Ще одна заява', later);
    expect(await code(ua, { text: 'Ще одна заява', keyId: key.keyId, signedAt: later, signature: signText(again.statement, key.privateKey) })).toBe('KEY_NOT_ACTIVE');
    const stored = (await t.as(admin, { method: 'GET', url: `/api/v1/incidents/${incident.id}` })).json().statements;
    expect(stored).toHaveLength(1);
    expect(verifyText(stored[0].signedPayload, stored[0].signature, stored[0].publicKey)).toBe(true);
  });

  it('keeps mines and blocked roads on a route whatever their age until the mediator marks them cleared, recording who and when', async () => {
    // A corridor of its own, 6° west, so these hazards warn no other test's movements.
    const route = { type: 'LineString', coordinates: [[28.7981, 50.9077], [27.2667, 50.3667], [26.9869, 50.0186], [28.5514, 49.5883]] };
    const west = await createAgreedCorridor(t, admin, parties, liaisons, {
      name: 'Hazard test corridor',
      origin: { name: 'West origin', lat: 50.9077, lon: 28.7981 },
      destination: { name: 'West destination', lat: 49.5883, lon: 28.5514 },
      route,
      gatheringPoints: [{ name: 'West gathering point', lat: 50.8926, lon: 28.8415, address: 'Main St 2' }],
      checkpoints: [{ name: 'West checkpoint', lat: 50.3667, lon: 27.2667, controlledBy: parties[0] }],
      windows: [{ start: hoursFromNow(72), end: hoursFromNow(96) }],
    });
    const agency = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Hazard agency', kind: 'agency' } })).json().id;
    await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId: agency, email: 'c@hazard-agency.test', name: 'C', password: 'hazard-password-1', role: 'coordinator' } });
    const coordinator = await t.login('c@hazard-agency.test', 'hazard-password-1');
    const plan = {
      kind: 'supply', corridorId: west, departAt: hoursFromNow(73), arriveBy: hoursFromNow(80),
      vehicles: [{ type: 'truck' }], personnel: 2, cargo: [{ category: 'food', item: 'flour', quantity: 10, unit: 't' }],
    };
    const warnings = async () => ((await t.as(coordinator, { method: 'POST', url: '/api/v1/movements/check', payload: plan })).json().warnings as { code: string; incidents?: { id: string }[] }[]);
    expect(await warnings()).toEqual([]);

    // Ten days old: an ordinary incident would no longer warn; a blocked road and a mine still do.
    const blocked = await report({ type: 'blocked_road', lat: 50.3667, lon: 27.2667, occurredAt: hoursFromNow(-240), severity: 'high', description: 'Buses held at the checkpoint' });
    const mine = await report({ type: 'mine', lat: 50.0186, lon: 26.9869, occurredAt: hoursFromNow(-240), severity: 'critical' });
    await report({ type: 'gunfire', lat: 50.0186, lon: 26.9869, occurredAt: hoursFromNow(-240), severity: 'low' });
    const hazard = (await warnings()).find((w) => w.code === 'HAZARD_ON_ROUTE');
    expect(hazard?.incidents?.map((i) => i.id).sort()).toEqual([blocked.id, mine.id].sort());
    expect((await warnings()).map((w) => w.code)).toEqual(['HAZARD_ON_ROUTE']);
    expect((await t.as(admin, { method: 'GET', url: `/api/v1/corridors/${west}` })).json().atRisk).toBe(true);

    // Only the mediator clears, once; who and when are on the record.
    const clear = (token: string, id: string) => t.as(token, { method: 'POST', url: `/api/v1/incidents/${id}/clear`, payload: { note: 'Road open again, checked by the patrol' } });
    expect((await clear(coordinator, blocked.id)).statusCode).toBe(403);
    const me = (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json();
    const cleared = await clear(admin, blocked.id);
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ clearedAt: expect.any(String), clearedBy: me.id, clearedNote: 'Road open again, checked by the patrol' });
    expect((await clear(admin, blocked.id)).json().code).toBe('HAZARD_CLEARED');
    const shelling = await report();
    expect((await clear(admin, shelling.id)).json().code).toBe('NOT_A_HAZARD');
    expect((await t.as(liaisons[0]!, { method: 'GET', url: `/api/v1/incidents/${blocked.id}` })).json()).toMatchObject({ clearedBy: me.id, clearedAt: cleared.json().clearedAt });

    expect((await warnings()).find((w) => w.code === 'HAZARD_ON_ROUTE')?.incidents?.map((i) => i.id)).toEqual([mine.id]);
    expect((await clear(admin, mine.id)).statusCode).toBe(200);
    expect(await warnings()).toEqual([]);
    const audit = await t.app.ctx.db.selectFrom('audit_events').select('action').where('subject_id', '=', blocked.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['incident.report', 'incident.clear']);
  });

  it('suspends the corridors an incident touches in one click, with the incident as the reason, through the corridor’s own command', async () => {
    const agreed = await createAgreedCorridor(t, admin, parties, liaisons, { windows: [{ start: hoursFromNow(24), end: hoursFromNow(30) }] });
    const incident = await report({ type: 'gunfire', severity: 'critical' });
    expect(incident.affected.corridors.map((c) => c.id)).toContain(agreed);
    const suspend = (token: string, id: string, body: Record<string, unknown>) => t.as(token, { method: 'POST', url: `/api/v1/incidents/${id}/suspend-corridors`, payload: body });

    expect((await suspend(liaisons[0]!, incident.id, { corridorIds: [agreed] })).statusCode).toBe(403);
    expect((await suspend(admin, 'no-such-incident', { corridorIds: [agreed] })).statusCode).toBe(404);
    expect((await suspend(admin, incident.id, { corridorIds: [] })).statusCode).toBe(400);

    const done = await suspend(admin, incident.id, { corridorIds: [agreed, 'no-such-corridor'] });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ incidentId: incident.id, reason: expect.stringContaining(incident.id) });
    expect(done.json().results).toEqual([
      { corridorId: agreed, suspended: true },
      { corridorId: 'no-such-corridor', suspended: false, code: 'CORRIDOR_NOT_FOUND', message: expect.any(String) },
    ]);
    const corridor = (await t.as(liaisons[0]!, { method: 'GET', url: `/api/v1/corridors/${agreed}` })).json();
    expect(corridor.status).toBe('suspended');
    const control = await t.app.ctx.db.selectFrom('corridor_controls').selectAll().where('corridor_id', '=', agreed).executeTakeFirstOrThrow();
    expect(control).toMatchObject({ type: 'suspend', incident_id: incident.id });
    const me = (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json();
    const record = (await t.as(liaisons[1]!, { method: 'GET', url: `/api/v1/incidents/${incident.id}` })).json();
    expect(record.suspensions).toEqual([{ corridorId: agreed, at: expect.any(String), byUser: me.id, reason: done.json().reason }]);

    // Suspended already: said so, nothing changes.
    expect((await suspend(admin, incident.id, { corridorIds: [agreed] })).json().results).toEqual([
      { corridorId: agreed, suspended: false, code: 'CORRIDOR_NOT_AGREED', message: expect.any(String) },
    ]);
    // The corridor's own suspend command takes an incident too, but only a real one.
    const other = await createAgreedCorridor(t, admin, parties, liaisons, { windows: [{ start: hoursFromNow(24), end: hoursFromNow(30) }] });
    const direct = await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${other}/suspend`, payload: { reason: 'shelling', incidentId: 'no-such-incident' } });
    expect(direct.json().code).toBe('INCIDENT_UNKNOWN');
    expect((await t.as(admin, { method: 'GET', url: `/api/v1/corridors/${other}` })).json().status).toBe('agreed');
  });
});
