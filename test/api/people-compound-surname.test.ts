import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';

/**
 * Issue 14, finding 8: a person with a compound surname whose first part ends like a patronymic
 * (Гнаткевич-, -evych) was found by no search and no tracing request: the part was read as the
 * patronymic, the real patronymic as a surname.
 */
describe.each(DIALECTS)('compound surnames with a -vych part on %s', (dialect) => {
  let t: TestApp;
  let registrar: string;
  let halyna: string;
  let ivan: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { tracingRequestsPerMinute: 1000 });
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const agency = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'H-agency', kind: 'agency' } })).json().id as string;
    const user = async (email: string, role: string) => {
      expect((await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId: agency, email, name: role, password: 'people-password', role } })).statusCode).toBe(201);
      return t.login(email, 'people-password');
    };
    registrar = await user('r@h-agency.test', 'registrar');
    const coordinator = await user('c@h-agency.test', 'coordinator');
    const site = await t.as(coordinator, {
      method: 'POST',
      url: '/api/v1/sites',
      payload: { name: 'Lviv reception centre', kind: 'reception_centre', lat: 49.84, lon: 24.03, contact: '1 Rynok Sq, Lviv' },
    });
    const register = async (body: Record<string, unknown>) => {
      const response = await t.as(registrar, { method: 'POST', url: '/api/v1/people', payload: { ...body, site: site.json().id, consentTracing: true } });
      expect(response.statusCode).toBe(201);
      return response.json().id as string;
    };
    halyna = await register({ givenName: 'Halyna', patronymic: 'Ivanivna', familyName: 'Hnatkevych-Bondarenko', birthDate: '1961-03-08' });
    ivan = await register({ givenName: 'Іван', patronymic: 'Петрович', familyName: 'Гнаткевич-Бондаренко', birthDate: '1958-11-02' });
  });
  afterAll(async () => t?.close());

  const search = async (name: string, birthDate?: string): Promise<string[]> => {
    const response = await t.as(registrar, { method: 'POST', url: '/api/v1/people/search', payload: { name, ...(birthDate ? { birthDate } : {}) } });
    expect(response.statusCode).toBe(200);
    return response.json().items.map((p: { id: string }) => p.id);
  };

  it('finds them by search however the name is written', async () => {
    for (const name of ['Halyna Ivanivna Hnatkevych-Bondarenko', 'Галина Іванівна Гнаткевич-Бондаренко', 'HNATKEVYCH-BONDARENKO Halyna Ivanivna', 'Галина Гнаткевич-Бондаренко', 'HNATKEVYCH<BONDARENKO<<HALYNA']) {
      expect(await search(name), name).toContain(halyna);
    }
    for (const name of ['Ivan Petrovych Hnatkevych-Bondarenko', 'Іван Петрович Гнаткевич-Бондаренко', 'Иван Петрович Гнаткевич-Бондаренко']) {
      expect(await search(name, '1958-11-02'), name).toContain(ivan);
    }
  });

  it('finds them by a public tracing request', async () => {
    const trace = async (name: string, birthDate: string) => (await t.inject({ method: 'POST', url: '/api/v1/public/tracing', payload: { name, birthDate } })).json();
    expect(await trace('Halyna Ivanivna Hnatkevych-Bondarenko', '1961-03-08')).toMatchObject({ match: true });
    expect(await trace('Галина Іванівна Гнаткевич-Бондаренко', '1961-03-08')).toMatchObject({ match: true });
    expect(await trace('Іван Петрович Гнаткевич-Бондаренко', '1958-11-02')).toMatchObject({ match: true });
  });

  it('warns of the duplicate when the same person is registered again', async () => {
    const again = await t.as(registrar, { method: 'POST', url: '/api/v1/people', payload: { givenName: 'Галина', patronymic: 'Іванівна', familyName: 'Гнаткевич-Бондаренко', birthDate: '1961-03-08' } });
    expect(again.json().possibleDuplicates.map((d: { id: string }) => d.id)).toContain(halyna);
  });
});
