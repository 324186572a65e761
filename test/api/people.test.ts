import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPfifXml, type PfifPerson } from '../../src/feeds/pfif.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';

describe.each(DIALECTS)('people registry on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let registrar: string;
  let otherRegistrar: string;
  let tracingDesk: string;
  let liaison: string;
  let receptionCentre: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { tracingRequestsPerMinute: 1000 });
    admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string, kind: string) => (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind } })).json().id as string;
    const agency = await org('P-agency', 'agency');
    const other = await org('P-other', 'agency');
    const party = await org('P-party', 'party');
    const me = (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json();
    const user = async (orgId: string, email: string, role: string) => {
      expect((await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: role, password: 'people-password', role } })).statusCode).toBe(201);
      return t.login(email, 'people-password');
    };
    registrar = await user(agency, 'r@p-agency.test', 'registrar');
    const agencyCoordinator = await user(agency, 'c@p-agency.test', 'coordinator');
    otherRegistrar = await user(other, 'r@p-other.test', 'registrar');
    tracingDesk = await user(me.orgId, 'tracing@m.test', 'registrar');
    liaison = await user(party, 'l@p-party.test', 'liaison');
    const site = await t.as(agencyCoordinator, {
      method: 'POST',
      url: '/api/v1/sites',
      payload: { name: 'Zaporizhzhia reception centre', kind: 'reception_centre', lat: 47.84, lon: 35.14, contact: '41 Rekordna St, Zaporizhzhia; +380 61 000 0000' },
    });
    expect(site.statusCode).toBe(201);
    receptionCentre = site.json().id;
  });
  afterAll(async () => t?.close());

  const register = (token: string, body: Record<string, unknown>) => t.as(token, { method: 'POST', url: '/api/v1/people', payload: body });

  type Registered = Awaited<ReturnType<typeof register>>;
  let shevchenkos: Promise<Record<'first' | 'second' | 'woman' | 'elsewhere', Registered>> | undefined;
  /**
   * The Shevchenkos the searches, tracing and consent tests look for, registered once per file by
   * whichever test comes first, so that no test depends on the order they run in.
   */
  const registerShevchenkos = () =>
    (shevchenkos ??= (async () => ({
      first: await register(registrar, {
        givenName: 'Олександр',
        patronymic: 'Петрович',
        familyName: 'Шевченко',
        birthDate: '1956-04-12',
        sex: 'male',
        vulnerabilities: ['elderly', 'medical'],
        site: receptionCentre,
        consentTracing: true,
      }),
      second: await register(registrar, { givenName: 'Oleksandr', familyName: 'Shevchenko', birthDate: '1956' }),
      woman: await register(registrar, { givenName: 'Oleksandra', familyName: 'Shevchenko', birthDate: '1956' }),
      elsewhere: await register(otherRegistrar, { givenName: 'Aleksandr', familyName: 'Shevchenko', birthDate: '1956-04-12' }),
    }))());

  it('registers a person and warns of likely duplicates across scripts and transliterations', async () => {
    const { first, second, woman, elsewhere } = await registerShevchenkos();
    expect(first.statusCode).toBe(201);
    expect(first.json().possibleDuplicates).toEqual([]);
    expect(second.json().possibleDuplicates).toEqual([{ id: first.json().id, score: expect.any(Number) }]);
    expect(woman.json().possibleDuplicates.map((d: { id: string }) => d.id)).not.toContain(first.json().id);
    // Another organisation's registrar is not told about this agency's people.
    expect(elsewhere.json().possibleDuplicates).toEqual([]);
  });

  it('refuses bad input with field errors and changes nothing', async () => {
    const count = async () => Number((await t.app.ctx.db.selectFrom('people').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    // Each field error carries a stable code the console says in its user's language.
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ givenName: 'A', familyName: 'B', birthDate: '12.04.1956' }, 400, '/birthDate', 'BAD_FORMAT'],
      [{ givenName: 'A', familyName: 'B', birthDate: '2099' }, 422, '/birthDate', 'BIRTH_DATE_INVALID'],
      [{ givenName: 'A', familyName: 'B', birthDate: '1956-02-30' }, 422, '/birthDate', 'BIRTH_DATE_INVALID'],
      [{ givenName: 'A', familyName: 'B', vulnerabilities: ['rich'] }, 400, '/vulnerabilities/0', 'NOT_ALLOWED_VALUE'],
      [{ givenName: ' ', familyName: 'B' }, 400, '/givenName', 'REQUIRED'],
      [{ familyName: 'B' }, 400, '/givenName', 'REQUIRED'],
      [{ givenName: 'A', familyName: 'B', site: 'nope' }, 422, '/site', 'UNKNOWN_SITE'],
      [{ givenName: 'Ivan\u0000', familyName: 'B' }, 400, '/givenName', 'CONTROL_CHARACTERS'],
      [{ givenName: 'A', familyName: 'Kov\u202Eal' }, 400, '/familyName', 'CONTROL_CHARACTERS'],
      [{ givenName: 'A', familyName: 'B', patronymic: '\u001b[2J' }, 400, '/patronymic', 'CONTROL_CHARACTERS'],
      [{ givenName: 'A', familyName: 'B\uD800' }, 400, '/familyName', 'INVALID_UNICODE'],
      [{ givenName: '\u200B\u200B', familyName: 'B' }, 400, '/givenName', 'NEEDS_LETTER'],
      [{ givenName: 'A', familyName: '---' }, 400, '/familyName', 'NEEDS_LETTER'],
      [{ givenName: 'A', familyName: 'Б'.repeat(5000) }, 400, '/familyName', 'TOO_LONG'],
      [{ givenName: 'A', familyName: 'B', unknown: 1 }, 400, '/unknown', 'UNKNOWN_FIELD'],
    ];
    for (const [body, status, path, code] of cases) {
      const response = await register(registrar, body);
      expect(response.statusCode, path).toBe(status);
      const errors: { path: string; code: string; limit?: number }[] = response.json().errors;
      expect(errors.filter((e) => e.path === path).map((e) => e.code), path).toContain(code);
      if (code === 'TOO_LONG') expect(errors.find((e) => e.path === path)?.limit).toBeGreaterThan(0);
    }
    expect(await count()).toBe(before);
    // Names are kept in NFC: the same name typed with combining marks is the same string.
    const decomposed = await register(registrar, { givenName: 'Йосип'.normalize('NFD'), familyName: 'Їжак'.normalize('NFD') });
    expect(decomposed.statusCode).toBe(201);
    const stored = (await t.as(registrar, { method: 'GET', url: `/api/v1/people/${decomposed.json().id}` })).json();
    expect(stored).toMatchObject({ givenName: 'Йосип', familyName: 'Їжак' });
  });

  it('finds people by any spelling, best first; a registrar sees its own, the tracing desk all, a party nothing', async () => {
    await registerShevchenkos();
    const search = (token: string, name: string, birthDate?: string) =>
      t.as(token, { method: 'POST', url: '/api/v1/people/search', payload: { name, ...(birthDate ? { birthDate } : {}) } });
    const found = (await search(registrar, 'Aleksandr Shevchenko')).json().items;
    expect(found[0]).toMatchObject({ givenName: 'Олександр', familyName: 'Шевченко' });
    const desk = (await search(tracingDesk, 'Szewczenko Aleksander', '1956-04-12')).json().items;
    expect(new Set(desk.map((p: { orgId: string }) => p.orgId)).size).toBe(2);
    // The other agency's Aleksandr Shevchenko, whom the desk just found, is not the registrar's to see.
    expect(new Set(found.map((p: { orgId: string }) => p.orgId))).toEqual(new Set([found[0].orgId]));
    expect((await search(liaison, 'Shevchenko')).statusCode).toBe(403);
    const person = found[0].id;
    expect((await t.as(liaison, { method: 'GET', url: `/api/v1/people/${person}` })).statusCode).toBe(404);
    expect((await t.as(otherRegistrar, { method: 'GET', url: `/api/v1/people/${person}` })).statusCode).toBe(404);
    expect((await t.as(registrar, { method: 'GET', url: `/api/v1/people/${person}` })).json()).toMatchObject({ vulnerabilities: ['elderly', 'medical'], consentTracing: true });
  });

  it('lets no cache keep what a signed-in caller gets: search, a person, and errors carry no-store', async () => {
    await registerShevchenkos();
    const search = await t.as(registrar, { method: 'POST', url: '/api/v1/people/search', payload: { name: 'Aleksandr Shevchenko' } });
    expect(search.statusCode).toBe(200);
    expect(search.headers['cache-control']).toBe('no-store');
    const person = search.json().items[0].id as string;
    const one = await t.as(registrar, { method: 'GET', url: `/api/v1/people/${person}` });
    expect(one.headers['cache-control']).toBe('no-store');
    expect((await t.as(otherRegistrar, { method: 'GET', url: `/api/v1/people/${person}` })).headers['cache-control']).toBe('no-store');
    const cookie = await t.inject({ method: 'GET', url: `/api/v1/people/${person}`, headers: { cookie: `sp_session=${registrar}` } });
    expect(cookie.statusCode).toBe(200);
    expect(cookie.headers['cache-control']).toBe('no-store');
    // The public list is still cacheable by shared caches.
    expect((await t.inject({ method: 'GET', url: '/api/v1/public/corridors' })).headers['cache-control']).toMatch(/public/);
  });

  it('records temporary protection at the reception centre', async () => {
    const id = (await register(registrar, { givenName: 'Ганна', familyName: 'Бондаренко', birthDate: '1990-07-01', site: receptionCentre })).json().id;
    const recorded = await t.as(registrar, { method: 'POST', url: `/api/v1/people/${id}/protection`, payload: { status: 'granted', documentNumber: 'TP-123456' } });
    expect(recorded.json().protection).toEqual({ status: 'granted', documentNumber: 'TP-123456' });
    expect((await t.as(otherRegistrar, { method: 'POST', url: `/api/v1/people/${id}/protection`, payload: { status: 'refused' } })).statusCode).toBe(404);
  });

  it('answers the public tracing request with a yes and a contact only for a strong match who consented', async () => {
    await registerShevchenkos();
    expect((await register(registrar, { givenName: 'Марта', familyName: 'Коваль', birthDate: '1985-03-03', site: receptionCentre })).statusCode).toBe(201);
    const trace = (name: string, birthDate: string) => t.inject({ method: 'POST', url: '/api/v1/public/tracing', payload: { name, birthDate } });
    const yes = await trace('Oleksandr Petrovych Shevchenko', '1956-04-12');
    expect(yes.json()).toEqual({ match: true, contact: { site: 'Zaporizhzhia reception centre', contact: expect.stringContaining('Rekordna') } });
    expect(yes.body).not.toMatch(/Шевченко|Shevchenko|1956/);
    expect((await trace('Oleksandr Shevchenko', '1971-01-01')).json()).toEqual({ match: false });
    // A year alone does not unlock a registration that holds the full date.
    expect((await trace('Oleksandr Shevchenko', '1956')).json()).toEqual({ match: false });
    expect((await trace('Marta Koval', '1985-03-03')).json()).toEqual({ match: false }); // did not consent
    expect((await trace('Kravchuk Oleksandr', '1956-04-12')).json()).toEqual({ match: false });
    expect((await t.inject({ method: 'POST', url: '/api/v1/public/tracing', payload: { name: 'x' } })).statusCode).toBe(400);
  });

  it('lets the registering organisation withdraw and give tracing consent: public tracing follows at once', async () => {
    await registerShevchenkos();
    const trace = () => t.inject({ method: 'POST', url: '/api/v1/public/tracing', payload: { name: 'Oleksandr Petrovych Shevchenko', birthDate: '1956-04-12' } });
    expect((await trace()).json().match).toBe(true);
    const person = (await t.as(registrar, { method: 'POST', url: '/api/v1/people/search', payload: { name: 'Олександр Петрович Шевченко', birthDate: '1956-04-12' } })).json().items[0].id;
    const consent = (token: string, payload: Record<string, unknown>) => t.as(token, { method: 'POST', url: `/api/v1/people/${person}/consent`, payload });
    const auditBefore = await t.app.ctx.db.selectFrom('audit_events').select('seq').execute();

    // Nobody outside the registering organisation may change it; bad input changes nothing.
    expect((await consent(otherRegistrar, { tracing: false })).statusCode).toBe(404);
    expect((await consent(liaison, { tracing: false })).statusCode).toBe(404);
    expect((await consent(registrar, { tracing: 'no' })).statusCode).toBe(400);
    expect((await consent(registrar, {})).statusCode).toBe(400);
    expect(await t.app.ctx.db.selectFrom('audit_events').select('seq').execute()).toHaveLength(auditBefore.length);
    expect((await trace()).json().match).toBe(true);

    const withdrawn = await consent(registrar, { tracing: false });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: person, consentTracing: false });
    expect((await trace()).json()).toEqual({ match: false });
    const event = await t.app.ctx.db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'person.consent', subject_id: person });

    expect((await consent(registrar, { tracing: true })).json().consentTracing).toBe(true);
    expect((await trace()).json().match).toBe(true);
  });

  it('rate-limits public tracing', async () => {
    const limited = await startTestApp(dialect, { tracingRequestsPerMinute: 2 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        statuses.push((await limited.inject({ method: 'POST', url: '/api/v1/public/tracing', payload: { name: 'Ivan Petrenko', birthDate: '1980' } })).statusCode);
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('keeps names out of the audit log and the logs', async () => {
    const audit = JSON.stringify(await t.app.ctx.db.selectFrom('audit_events').selectAll().execute());
    const logs = t.logs.join('\n');
    for (const name of ['Олександр', 'Шевченко', 'Shevchenko', 'Бондаренко', 'TP-123456']) {
      expect(audit).not.toContain(name);
      expect(logs).not.toContain(name);
    }
  });
});

describe.each(DIALECTS)('PFIF 1.4 on %s', (dialect) => {
  let t: TestApp;
  let desk: string;
  let agencyRegistrar: string;
  let agencySite: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const me = (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json();
    const agency = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'PFIF agency', kind: 'agency' } })).json().id;
    for (const [orgId, email] of [[me.orgId, 'desk@m.test'], [agency, 'r@pfif-agency.test']]) {
      await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: 'R', password: 'pfif-password', role: 'registrar' } });
    }
    desk = await t.login('desk@m.test', 'pfif-password');
    agencyRegistrar = await t.login('r@pfif-agency.test', 'pfif-password');
    await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId: agency, email: 'c@pfif-agency.test', name: 'C', password: 'pfif-password', role: 'coordinator' } });
    const coordinator = await t.login('c@pfif-agency.test', 'pfif-password');
    agencySite = (await t.as(coordinator, { method: 'POST', url: '/api/v1/sites', payload: { name: 'PFIF centre', kind: 'reception_centre', contact: '+380 00 000 0001' } })).json().id;
  });
  afterAll(async () => t?.close());

  it('exports consented people only, and imports a file once', async () => {
    await t.as(agencyRegistrar, { method: 'POST', url: '/api/v1/people', payload: { givenName: 'Марія', familyName: 'Коваленко', birthDate: '1985-05-05', sex: 'female', site: agencySite, consentTracing: true } });
    await t.as(agencyRegistrar, { method: 'POST', url: '/api/v1/people', payload: { givenName: 'Таємна', familyName: 'Особа', consentTracing: false } });
    const exported = await t.as(desk, { method: 'GET', url: '/api/v1/pfif/export' });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/application\/xml/);
    expect(exported.body).toContain('xmlns:pfif="http://zesty.ca/pfif/1.4"');
    expect(exported.body).toContain('<pfif:family_name>Коваленко</pfif:family_name>');
    expect(exported.body).toContain('<pfif:status>believed_alive</pfif:status>');
    expect(exported.body).not.toContain('Таємна');
    expect((await t.as(agencyRegistrar, { method: 'GET', url: '/api/v1/pfif/export' })).statusCode).toBe(403);

    const foreign = exported.body.replaceAll('safe-passage.local/', 'other-repository.example/');
    const importOnce = () => t.as(desk, { method: 'POST', url: '/api/v1/pfif/import', headers: { 'content-type': 'application/xml' }, payload: foreign });
    // Every consented record of the export, Коваленко among them (other tests of this file may have
    // imported consented people before this one runs).
    const records = exported.body.match(/<pfif:person>/g)?.length ?? 0;
    expect(records).toBeGreaterThan(0);
    const first = await importOnce();
    expect(first.json(), first.body).toEqual({ imported: records, skipped: 0 });
    expect((await importOnce()).json()).toEqual({ imported: 0, skipped: records });
    const found = (await t.as(desk, { method: 'POST', url: '/api/v1/people/search', payload: { name: 'Mariia Kovalenko', birthDate: '1985-05-05' } })).json().items;
    expect(found.length).toBe(2);
    const bad = await t.as(desk, { method: 'POST', url: '/api/v1/pfif/import', headers: { 'content-type': 'application/xml' }, payload: '<pfif><person/></pfif>' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_PFIF');
  });

  it('imports a file all or nothing: one bad record refuses the file, naming it, and keeps none', async () => {
    const person = (n: number, overrides: Partial<PfifPerson> = {}): PfifPerson => ({
      personRecordId: `field-office.example/person.${n}`,
      entryDate: '2022-03-08T10:00:00Z',
      authorName: 'Field office',
      sourceName: 'Field office',
      sourceDate: '2022-03-08T10:00:00Z',
      fullName: `Петро Бойко ${n}`,
      givenName: 'Петро',
      familyName: `Бойко`,
      dateOfBirth: '1970-01-0' + n,
      ...overrides,
    });
    const count = async () => Number((await t.app.ctx.db.selectFrom('people').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const audit = async () => Number((await t.app.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const importFile = (persons: PfifPerson[]) =>
      t.as(desk, { method: 'POST', url: '/api/v1/pfif/import', headers: { 'content-type': 'application/xml' }, payload: toPfifXml(persons, []) });
    const before = { people: await count(), audit: await audit() };
    for (const [third, field] of [
      [person(3, { dateOfBirth: '1990-13-45' }), 'birthDate'],
      [person(3, { familyName: 'Ш'.repeat(50_000) }), 'familyName'],
      [person(3, { givenName: '\u202Eаннa' }), 'givenName'],
      [person(3, { givenName: '***' }), 'givenName'],
    ] as const) {
      const refused = await importFile([person(1), person(2), third]);
      expect(refused.statusCode, refused.body.slice(0, 300)).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'PFIF_RECORD_INVALID', errors: [{ path: `/persons/2/${field}` }] });
      expect(refused.json().detail).toContain('field-office.example/person.3');
      expect({ people: await count(), audit: await audit() }).toEqual(before);
    }
    const accepted = await importFile([person(1), person(2), person(3)]);
    expect(accepted.json()).toEqual({ imported: 3, skipped: 0 });
    expect(await count()).toBe(before.people + 3);
    expect(await audit()).toBe(before.audit + 1);
  });
});
