import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';

/** Issue 13 point 7: a registered person's record corrected, audited, reindexed, and undone. */
describe.each(DIALECTS)('person record corrections on %s', (dialect) => {
  let t: TestApp;
  let registrar: string;
  let colleague: string;
  let otherRegistrar: string;
  let coordinator: string;
  let admin: string;
  let site: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { tracingRequestsPerMinute: 1000 });
    admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string) => (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind: 'agency' } })).json().id as string;
    const agency = await org('C-agency');
    const other = await org('C-other');
    const user = async (orgId: string, email: string, role: string) => {
      expect((await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: role, password: 'people-password', role } })).statusCode).toBe(201);
      return t.login(email, 'people-password');
    };
    registrar = await user(agency, 'r@c-agency.test', 'registrar');
    colleague = await user(agency, 'r2@c-agency.test', 'registrar');
    coordinator = await user(agency, 'c@c-agency.test', 'coordinator');
    otherRegistrar = await user(other, 'r@c-other.test', 'registrar');
    site = (await t.as(coordinator, { method: 'POST', url: '/api/v1/sites', payload: { name: 'Dnipro centre', kind: 'reception_centre', lat: 48.46, lon: 35.04, contact: '5 Yavornytskoho Ave' } })).json().id;
  });
  afterAll(async () => t?.close());

  const register = async (body: Record<string, unknown>) => (await t.as(registrar, { method: 'POST', url: '/api/v1/people', payload: body })).json().id as string;
  const correct = (token: string, id: string, changes: Record<string, unknown>, reason = 'typed from the wrong document') =>
    t.as(token, { method: 'POST', url: `/api/v1/people/${id}/corrections`, payload: { changes, reason } });
  const search = async (name: string) => (await t.as(registrar, { method: 'POST', url: '/api/v1/people/search', payload: { name } })).json().items.map((p: { id: string }) => p.id) as string[];
  const auditCount = async (action: string) =>
    Number((await t.app.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

  it('corrects names, birth date, sex, vulnerabilities and site; reindexes at once; recomputes duplicates', async () => {
    const existing = await register({ givenName: 'Тарас', familyName: 'Гончаренко', birthDate: '1979-05-04' });
    const id = await register({ givenName: 'Тара', familyName: 'Гончар', birthDate: '1979' });
    expect(await search('Тарас Гончаренко')).not.toContain(id);
    const before = await auditCount('person.correct');

    const response = await correct(colleague, id, { givenName: 'Тарас', familyName: 'Гончаренко', birthDate: '1979-05-04', sex: 'male', vulnerabilities: ['medical'], site });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.person).toMatchObject({ givenName: 'Тарас', familyName: 'Гончаренко', birthDate: '1979-05-04', sex: 'male', vulnerabilities: ['medical'], site });
    expect(body.correction).toMatchObject({ reason: 'typed from the wrong document', undoes: null, changes: { givenName: { from: 'Тара', to: 'Тарас' }, familyName: { from: 'Гончар', to: 'Гончаренко' } } });
    expect(body.possibleDuplicates.map((d: { id: string }) => d.id)).toEqual([existing]);
    // Found under the corrected name at once, in any script.
    expect(await search('Taras Honcharenko')).toContain(id);
    expect(await auditCount('person.correct')).toBe(before + 1);
    const listed = (await t.as(registrar, { method: 'GET', url: `/api/v1/people/${id}/corrections` })).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0].byUser).toBe(body.correction.byUser);
  });

  it('undoes the latest correction, and only that one', async () => {
    const id = await register({ givenName: 'Ганна', familyName: 'Мороз', birthDate: '1990-01-01' });
    const first = (await correct(registrar, id, { familyName: 'Морозенко' })).json().correction.id as string;
    const second = (await correct(registrar, id, { birthDate: '1990-01-10' })).json().correction.id as string;
    const undo = (correctionId: string) => t.as(registrar, { method: 'POST', url: `/api/v1/people/${id}/corrections/${correctionId}/undo`, payload: { reason: 'the first document was right' } });
    expect((await undo(first)).json().code).toBe('CORRECTION_NOT_LATEST');
    const undone = await undo(second);
    expect(undone.statusCode).toBe(200);
    expect(undone.json().person).toMatchObject({ familyName: 'Морозенко', birthDate: '1990-01-01' });
    expect(undone.json().correction).toMatchObject({ undoes: second, changes: { birthDate: { from: '1990-01-10', to: '1990-01-01' } } });
    expect((await undo(second)).json().code).toBe('CORRECTION_ALREADY_UNDONE');
    expect(await auditCount('person.correct.undo')).toBeGreaterThanOrEqual(1);
    const items = (await t.as(registrar, { method: 'GET', url: `/api/v1/people/${id}/corrections` })).json().items;
    expect(items.map((c: { undoneBy: string | null }) => c.undoneBy)).toEqual([null, undone.json().correction.id, null]);
  });

  it('refuses other organisations, other roles and bad input, and changes nothing then', async () => {
    const id = await register({ givenName: 'Олег', familyName: 'Савчук', birthDate: '1985' });
    const unchanged = async () => expect((await t.as(registrar, { method: 'GET', url: `/api/v1/people/${id}` })).json()).toMatchObject({ givenName: 'Олег', familyName: 'Савчук', birthDate: '1985' });
    expect((await correct(otherRegistrar, id, { givenName: 'Ігор' })).statusCode).toBe(404);
    // The mediator's admin may read every record, but only the registering organisation corrects.
    expect((await correct(admin, id, { givenName: 'Ігор' })).statusCode).toBe(403);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ givenName: 'Олег' }, 422, 'NOTHING_TO_CORRECT'],
      [{ birthDate: '2099-01-01' }, 422, 'IMPLAUSIBLE_BIRTH_DATE'],
      [{ site: 'nowhere' }, 422, 'UNKNOWN_SITE'],
      [{ givenName: ' ' }, 400, 'VALIDATION_FAILED'],
      [{ nickname: 'Олежка' }, 400, 'VALIDATION_FAILED'],
      [{}, 400, 'VALIDATION_FAILED'],
    ];
    for (const [changes, status] of cases) {
      const response = await correct(registrar, id, changes);
      expect(response.statusCode, JSON.stringify(changes)).toBe(status);
    }
    expect((await t.as(registrar, { method: 'POST', url: `/api/v1/people/${id}/corrections`, payload: { changes: { givenName: 'Ігор' } } })).statusCode).toBe(400);
    await unchanged();
    expect((await t.as(registrar, { method: 'GET', url: `/api/v1/people/${id}/corrections` })).json().items).toEqual([]);
  });

  it('keeps the site of a person who consented to tracing', async () => {
    const id = await register({ givenName: 'Ірина', familyName: 'Козак', birthDate: '1970-02-02', site, consentTracing: true });
    const response = await correct(registrar, id, { site: null });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CONSENT_NEEDS_SITE');
  });
});
