import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createProposedCorridor } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { hoursFromNow } from '../helpers/time.ts';

/**
 * Shared manifests (issue 12 point 4): the agency that registered people and let another agency
 * carry them sees them by name on that agency's manifest, and everyone else on it as counts.
 */
describe.each(DIALECTS)('a registering agency on another agency’s manifest, on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let carrierId: string;
  let registeringId: string;
  let carrier: string;
  let carrierRegistrar: string;
  let registrar: string;
  let registeringField: string;
  let stranger: string;
  let movement: string;
  let emptyMovement: string;
  let mine: string[];
  let carriersOwn: string;

  const post = (token: string, url: string, payload?: object) => t.as(token, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
  const get = (token: string, url: string) => t.as(token, { method: 'GET', url });
  const register = async (token: string, body: Record<string, unknown>) => {
    const r = await post(token, '/api/v1/people', body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string, kind: string) => (await post(admin, '/api/v1/orgs', { name, kind })).json().id as string;
    carrierId = await org('Carrier agency', 'agency');
    registeringId = await org('Registering agency', 'agency');
    const strangerId = await org('Stranger agency', 'agency');
    const partyId = await org('Shared UA', 'party');
    const user = async (orgId: string, email: string, role: string) => {
      expect((await post(admin, '/api/v1/users', { orgId, email, name: `${role} ${email}`, password: 'shared-password', role })).statusCode).toBe(201);
      return t.login(email, 'shared-password');
    };
    carrier = await user(carrierId, 'c@carrier.test', 'coordinator');
    carrierRegistrar = await user(carrierId, 'r@carrier.test', 'registrar');
    registrar = await user(registeringId, 'r@registering.test', 'registrar');
    registeringField = await user(registeringId, 'f@registering.test', 'field');
    stranger = await user(strangerId, 'r@stranger.test', 'registrar');
    const notify = async () => {
      const corridor = await createProposedCorridor(t, admin, [partyId]);
      const r = await post(carrier, '/api/v1/movements', { kind: 'evacuation', corridorId: corridor.id, departAt: hoursFromNow(72), arriveBy: hoursFromNow(80), vehicles: [{ type: 'bus' }], personnel: 2, passengers: 40 });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    movement = await notify();
    emptyMovement = await notify();
    mine = [
      await register(registrar, { givenName: 'Софія', familyName: 'Дячук', birthDate: '2014', vulnerabilities: ['medical', 'unaccompanied_child'] }),
      await register(registrar, { givenName: 'Орест', familyName: 'Дячук', birthDate: '1977' }),
    ];
    carriersOwn = await register(carrierRegistrar, { givenName: 'Тарас', familyName: 'Мельничук', birthDate: '1960' });
    expect((await post(registrar, '/api/v1/people/shares', { personIds: mine, orgId: carrierId, movementId: movement })).statusCode).toBe(201);
    expect((await post(carrier, `/api/v1/movements/${movement}/passengers`, { personIds: [...mine, carriersOwn] })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it('names its own people there, with their flags, and counts the carrier’s people', async () => {
    for (const token of [registrar, registeringField]) {
      const r = await get(token, `/api/v1/movements/${movement}/passengers`);
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json();
      expect(body).toMatchObject({ movementId: movement, listed: 3, carriedBy: carrierId });
      expect(body.passengers.map((p: { personId: string }) => p.personId).sort()).toEqual([...mine].sort());
      expect(body.passengers.find((p: { personId: string }) => p.personId === mine[0])).toMatchObject({ familyName: 'Дячук', vulnerabilities: ['unaccompanied_child', 'medical'], state: 'listed' });
      expect(body.others).toEqual([{ orgId: carrierId, listed: 1, boarded: 0, arrived: 0, unaccompaniedChildren: 0 }]);
      expect(r.body).not.toMatch(/Мельничук|Тарас|1960/);
    }
  });

  it('the carrier still names only its own registrations', async () => {
    const body = (await get(carrier, `/api/v1/movements/${movement}/passengers`)).json();
    expect(body.passengers.map((p: { personId: string }) => p.personId)).toEqual([carriersOwn]);
    expect(body.carriedBy).toBeUndefined();
    expect(body.others).toEqual([{ orgId: registeringId, listed: 2, boarded: 0, arrived: 0, unaccompaniedChildren: 1 }]);
  });

  it('learns nothing of a manifest without its people, reads no movement and records no step', async () => {
    expect((await get(registrar, `/api/v1/movements/${emptyMovement}/passengers`)).statusCode).toBe(404);
    expect((await get(stranger, `/api/v1/movements/${movement}/passengers`)).statusCode).toBe(404);
    expect((await get(registrar, `/api/v1/movements/${movement}`)).statusCode).toBe(404);
    const before = (await t.app.ctx.db.selectFrom('audit_events').select('seq').execute()).length;
    expect([403, 404]).toContain((await post(registeringField, `/api/v1/movements/${movement}/board`, { personId: mine[1] })).statusCode);
    expect([403, 404]).toContain((await post(registrar, `/api/v1/movements/${movement}/passengers`, { personIds: mine })).statusCode);
    expect((await t.app.ctx.db.selectFrom('audit_events').select('seq').execute()).length).toBe(before);
  });
});
