import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPfifXml, type PfifPerson } from '../../src/feeds/pfif.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';

/**
 * Issue 12's remaining field-work gaps: flags raised by the registration itself, the tracing
 * desk's resolution with its reason, sites for the mediator's coordinators, PFIF import to a site.
 */
describe.each(DIALECTS)('field gaps on %s', (dialect) => {
  let t: TestApp;
  let registrar: string;
  let otherRegistrar: string;
  let field: string;
  let desk: string;
  let mediatorCoordinator: string;
  let agencySite: string;

  const post = (token: string, url: string, payload?: object) => t.as(token, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
  const get = (token: string, url: string) => t.as(token, { method: 'GET', url });
  const lastAudit = async (action: string) =>
    t.app.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq', 'desc').executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string) => (await post(admin, '/api/v1/orgs', { name, kind: 'agency' })).json().id as string;
    const [agency, otherAgency] = [await org('Gaps agency'), await org('Gaps other agency')];
    const mediator = (await get(admin, '/api/v1/me')).json().orgId as string;
    const user = async (orgId: string, email: string, role: string) => {
      expect((await post(admin, '/api/v1/users', { orgId, email, name: `${role} ${email}`, password: 'gaps-password', role })).statusCode).toBe(201);
      return t.login(email, 'gaps-password');
    };
    registrar = await user(agency, 'r@gaps.test', 'registrar');
    field = await user(agency, 'f@gaps.test', 'field');
    otherRegistrar = await user(otherAgency, 'r@other-gaps.test', 'registrar');
    desk = await user(mediator, 'desk@gaps.test', 'registrar');
    mediatorCoordinator = await user(mediator, 'c@gaps.test', 'coordinator');
    const coordinator = await user(agency, 'c@agency-gaps.test', 'coordinator');
    agencySite = (await post(coordinator, '/api/v1/sites', { name: 'Gaps centre', kind: 'reception_centre', contact: '+380 61 000 0001' })).json().id;
  });
  afterAll(async () => t?.close());

  it('a registration flags likely duplicates in other organisations for the tracing desk, by id and score only', async () => {
    const theirs = (await post(otherRegistrar, '/api/v1/people', { givenName: 'Тарас', familyName: 'Литвиненко', birthDate: '1979-02-11' })).json();
    expect(theirs.flaggedElsewhere).toEqual([]);
    const mine = await post(registrar, '/api/v1/people', { givenName: 'Taras', familyName: 'Lytvynenko', birthDate: '1979-02-11' });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().flaggedElsewhere).toEqual([{ id: theirs.id, score: expect.any(Number) }]);
    expect(mine.json().possibleDuplicates).toEqual([]);
    expect(mine.body).not.toMatch(/Литвиненко|Тарас/);
    const audit = await lastAudit('person.register');
    expect(audit.subject_id).toBe(mine.json().id);

    // A field officer's registration flags too: nobody at the door can judge another agency's record.
    const again = await post(field, '/api/v1/people', { givenName: 'Тарас', familyName: 'Литвиненко', birthDate: '1979-02-11' });
    expect(again.json().possibleDuplicates.map((d: { id: string }) => d.id)).toEqual([mine.json().id]);
    expect(again.json().flaggedElsewhere.map((d: { id: string }) => d.id)).toEqual([theirs.id]);

    const own = (await get(registrar, '/api/v1/duplicate-flags')).json().items;
    expect(own.filter((f: { otherPersonId: string }) => f.otherPersonId === theirs.id)).toHaveLength(2);
    expect((await get(otherRegistrar, '/api/v1/duplicate-flags')).json().items).toEqual([]);
    // Asking from the record afterwards answers the flag that stands, adds none.
    const asked = (await post(registrar, `/api/v1/people/${mine.json().id}/duplicate-flags`)).json().items;
    expect(asked).toHaveLength(1);
    expect((await get(desk, '/api/v1/duplicate-flags')).json().items.map((f: { id: string }) => f.id)).toContain(asked[0].id);
  });

  it('the tracing desk resolves a flag with a reason, audited with who and why; nobody else may', async () => {
    const a = (await post(otherRegistrar, '/api/v1/people', { givenName: 'Оксана', familyName: 'Гнатюк', birthDate: '1990-07-01' })).json().id as string;
    const b = (await post(registrar, '/api/v1/people', { givenName: 'Oksana', familyName: 'Hnatiuk', birthDate: '1990-07-01' })).json();
    const flag = (await get(desk, '/api/v1/duplicate-flags')).json().items.find((f: { personId: string }) => f.personId === b.id);
    expect(flag).toMatchObject({ otherPersonId: a, outcome: null, reason: null, resolvedBy: null });
    expect(flag.otherOrgId).not.toBe(flag.flaggedOrgId);
    const url = `/api/v1/duplicate-flags/${flag.id}/resolution`;
    expect((await post(desk, url, { outcome: 'same_person' })).statusCode).toBe(400);
    expect((await post(desk, url, { outcome: 'same_person', reason: '   ' })).statusCode).toBe(400);
    expect((await post(registrar, url, { outcome: 'same_person', reason: 'mine' })).statusCode).toBe(403);
    expect((await post(mediatorCoordinator, url, { outcome: 'same_person', reason: 'mine' })).statusCode).toBe(403);
    expect((await post(desk, '/api/v1/duplicate-flags/no-such-flag/resolution', { outcome: 'same_person', reason: 'x' })).statusCode).toBe(404);

    const resolved = await post(desk, url, { outcome: 'different_people', reason: 'different fathers named on the documents' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ id: flag.id, outcome: 'different_people', resolvedAt: expect.any(String) });
    const audit = await lastAudit('person.flag.resolve');
    const deskId = (await get(desk, '/api/v1/me')).json().id as string;
    expect(audit).toMatchObject({ actor_user_id: deskId, subject_id: b.id });
    expect(resolved.json()).toMatchObject({ resolvedBy: deskId, reason: 'different fathers named on the documents' });
    expect((await post(desk, url, { outcome: 'same_person', reason: 'again' })).json().code).toBe('FLAG_ALREADY_RESOLVED');
    expect((await get(desk, '/api/v1/duplicate-flags')).json().items.map((f: { id: string }) => f.id)).not.toContain(flag.id);
    expect((await get(registrar, '/api/v1/duplicate-flags?status=resolved')).json().items.map((f: { id: string }) => f.id)).toContain(flag.id);
    // Both records stand, each its organisation's.
    expect((await get(desk, `/api/v1/people/${a}`)).json().orgId).not.toBe((await get(desk, `/api/v1/people/${b.id}`)).json().orgId);
  });

  it("the mediator's coordinators manage the mediator's sites", async () => {
    const me = (await get(mediatorCoordinator, '/api/v1/me')).json();
    expect(me.actions['site.manage']).toBe('own-org');
    const created = await post(mediatorCoordinator, '/api/v1/sites', { name: 'Desk reception', kind: 'reception_centre', contact: { uk: 'Запоріжжя, +380 61 000 0002', ru: 'Запорожье, +380 61 000 0002', en: 'Zaporizhzhia, +380 61 000 0002' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().orgId).toBe(me.orgId);
  });

  it('imports PFIF records to a site of the importing organisation, so that consented people are traceable', async () => {
    const deskSite = (await get(desk, '/api/v1/sites')).json().items.find((s: { name: string }) => s.name === 'Desk reception').id as string;
    const person = (n: number): PfifPerson => ({
      personRecordId: `gaps.example/person.${n}`,
      entryDate: '2022-03-08T10:00:00Z',
      authorName: 'Field office',
      sourceName: 'Field office',
      sourceDate: '2022-03-08T10:00:00Z',
      fullName: `Марта Кравець ${n}`,
      givenName: 'Марта',
      familyName: 'Кравець',
      dateOfBirth: `1961-03-0${n}`,
    });
    const importTo = (query: string, persons: PfifPerson[]) =>
      t.as(desk, { method: 'POST', url: `/api/v1/pfif/import${query}`, headers: { 'content-type': 'application/xml' }, payload: toPfifXml(persons, []) });
    const count = async () => Number((await t.app.ctx.db.selectFrom('people').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    const before = await count();
    const foreign = await importTo(`?site=${agencySite}`, [person(1)]);
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().code).toBe('UNKNOWN_SITE');
    expect(await count()).toBe(before);

    expect((await importTo(`?site=${deskSite}`, [person(1), person(2)])).json()).toEqual({ imported: 2, skipped: 0 });
    expect((await importTo('', [person(3)])).json()).toEqual({ imported: 1, skipped: 0 });
    const found = (await post(desk, '/api/v1/people/search', { name: 'Марта Кравець', birthDate: '1961-03-01' })).json().items;
    const byDate = new Map<string, string>(found.map((p: { birthDate: string; id: string }) => [p.birthDate, p.id]));
    const atSite = (await get(desk, `/api/v1/people/${byDate.get('1961-03-01')}`)).json();
    expect(atSite).toMatchObject({ site: deskSite, consentTracing: true, tracing: { traceable: true, missing: [] } });
    const noSite = (await get(desk, `/api/v1/people/${byDate.get('1961-03-03')}`)).json();
    expect(noSite).toMatchObject({ site: null, consentTracing: true, tracing: { traceable: false, missing: ['no_site'] } });

    const traced = await t.app.server.inject({ method: 'POST', url: '/api/v1/public/tracing', payload: { name: 'Марта Кравець', birthDate: '1961-03-02' } });
    expect(traced.json()).toMatchObject({ match: true, contact: { site: 'Desk reception' } });
  });
});
