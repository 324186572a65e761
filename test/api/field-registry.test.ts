import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createProposedCorridor } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { hoursFromNow } from '../helpers/time.ts';

/**
 * Field work on the registry (issue 12 points 3–5): sites and what tracing can truly find, shared
 * manifests and cross-organisation flags, search by family name and household, merges.
 */
describe.each(DIALECTS)('field registry on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let agencyId: string;
  let otherAgencyId: string;
  let coordinator: string;
  let registrar: string;
  let otherCoordinator: string;
  let otherRegistrar: string;
  let desk: string;
  let liaison: string;
  let partyId: string;
  let site: string;
  let otherSite: string;

  const post = (token: string, url: string, payload?: object) => t.as(token, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
  const get = (token: string, url: string) => t.as(token, { method: 'GET', url });
  const register = async (token: string, body: Record<string, unknown>) => {
    const r = await post(token, '/api/v1/people', body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const auditCount = async () => (await t.app.ctx.db.selectFrom('audit_events').select('seq').execute()).length;

  beforeAll(async () => {
    t = await startTestApp(dialect, { tracingRequestsPerMinute: 1000 });
    admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string, kind: string) => (await post(admin, '/api/v1/orgs', { name, kind })).json().id as string;
    agencyId = await org('Field agency', 'agency');
    otherAgencyId = await org('Field other agency', 'agency');
    partyId = await org('Field party', 'party');
    const mediator = (await get(admin, '/api/v1/me')).json().orgId as string;
    const user = async (orgId: string, email: string, role: string) => {
      expect((await post(admin, '/api/v1/users', { orgId, email, name: `${role} ${email}`, password: 'field-password', role })).statusCode).toBe(201);
      return t.login(email, 'field-password');
    };
    coordinator = await user(agencyId, 'c@field.test', 'coordinator');
    registrar = await user(agencyId, 'r@field.test', 'registrar');
    otherCoordinator = await user(otherAgencyId, 'c@other.test', 'coordinator');
    otherRegistrar = await user(otherAgencyId, 'r@other.test', 'registrar');
    desk = await user(mediator, 'desk@field.test', 'registrar');
    liaison = await user(partyId, 'l@field.test', 'liaison');
    site = (await post(coordinator, '/api/v1/sites', { name: 'Zaporizhzhia centre', kind: 'reception_centre', contact: { uk: 'вул. Рекордна, 41; +380 61 000 0000', ru: 'ул. Рекордная, 41; +380 61 000 0000', en: '41 Rekordna St; +380 61 000 0000' } })).json().id;
    otherSite = (await post(otherCoordinator, '/api/v1/sites', { name: 'Dnipro point', kind: 'gathering_point', contact: '+380 56 000 0000' })).json().id;
  });
  afterAll(async () => t?.close());

  describe('sites and tracing (point 3)', () => {
    it('creates and changes a site with contact details in three languages; bad input changes nothing', async () => {
      const listed = (await get(liaison, '/api/v1/sites')).json().items;
      expect(listed.find((s: { id: string }) => s.id === site)).toMatchObject({ kind: 'reception_centre', contact: { uk: expect.stringContaining('Рекордна'), ru: expect.stringContaining('Рекордная'), en: expect.stringContaining('Rekordna') } });
      expect(listed.find((s: { id: string }) => s.id === otherSite).contact).toEqual({ uk: '+380 56 000 0000', ru: '+380 56 000 0000', en: '+380 56 000 0000' });

      const before = await auditCount();
      expect((await post(coordinator, '/api/v1/sites', { name: 'X', kind: 'reception_centre', contact: { uk: 'a', en: 'b' } })).statusCode).toBe(400);
      expect((await post(coordinator, '/api/v1/sites', { name: 'X', kind: 'reception_centre', lat: 47, contact: 'a' })).json().code).toBe('SITE_POSITION_INCOMPLETE');
      expect((await post(registrar, '/api/v1/sites', { name: 'X', kind: 'reception_centre', contact: 'a' })).statusCode).toBe(403);
      const patch = (token: string, id: string, payload: object) => t.as(token, { method: 'PATCH', url: `/api/v1/sites/${id}`, payload });
      expect((await patch(otherCoordinator, site, { name: 'Taken over' })).statusCode).toBe(403);
      expect((await patch(coordinator, site, {})).statusCode).toBe(400);
      expect(await auditCount()).toBe(before);

      const changed = await patch(coordinator, site, { lat: 47.84, lon: 35.14, contact: { uk: 'вул. Рекордна, 41; +380 61 111 1111', ru: 'ул. Рекордная, 41; +380 61 111 1111', en: '41 Rekordna St; +380 61 111 1111' } });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({ name: 'Zaporizhzhia centre', lat: 47.84, lon: 35.14, contact: { en: '41 Rekordna St; +380 61 111 1111' } });
      const event = await t.app.ctx.db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(event).toMatchObject({ action: 'site.change', subject_id: site });
    });

    it('refuses consent to tracing without a site, and says plainly why a person is not traceable', async () => {
      const before = await auditCount();
      const refused = await post(registrar, '/api/v1/people', { givenName: 'Ірина', familyName: 'Лисенко', birthDate: '1975-03-03', consentTracing: true });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'CONSENT_NEEDS_SITE', errors: [{ path: '/consentTracing' }] });
      expect(await auditCount()).toBe(before);

      const id = await register(registrar, { givenName: 'Ірина', familyName: 'Лисенко' });
      expect((await get(registrar, `/api/v1/people/${id}`)).json().tracing).toEqual({ traceable: false, missing: ['no_consent', 'no_site', 'no_birth_date'] });
      const noSite = await post(registrar, `/api/v1/people/${id}/consent`, { tracing: true });
      expect(noSite.json()).toMatchObject({ code: 'CONSENT_NEEDS_SITE', errors: [{ path: '/site' }] });
      expect((await post(registrar, `/api/v1/people/${id}/consent`, { tracing: true, site: otherSite })).json().code).toBe('UNKNOWN_SITE');
      const given = await post(registrar, `/api/v1/people/${id}/consent`, { tracing: true, site });
      expect(given.statusCode, given.body).toBe(200);
      expect(given.json()).toMatchObject({ consentTracing: true, site, tracing: { traceable: false, missing: ['no_birth_date'] } });
      // Withdrawing needs no site.
      expect((await post(registrar, `/api/v1/people/${id}/consent`, { tracing: false })).json().tracing.missing).toEqual(['no_consent', 'no_birth_date']);
    });

    it('matches a year only with a record that holds only the year; a full date with its date, month or year; contact in the asker’s language', async () => {
      const full = await register(registrar, { givenName: 'Василь', familyName: 'Гончаренко', birthDate: '1961-09-14', site, consentTracing: true });
      await register(registrar, { givenName: 'Степан', familyName: 'Мирошниченко', birthDate: '1939', site, consentTracing: true });
      expect((await get(registrar, `/api/v1/people/${full}`)).json().tracing).toEqual({ traceable: true, missing: [] });
      const trace = async (name: string, birthDate: string, lang?: string) =>
        (await t.inject({ method: 'POST', url: '/api/v1/public/tracing', payload: { name, birthDate, ...(lang ? { lang } : {}) } })).json();
      expect(await trace('Vasyl Honcharenko', '1961')).toEqual({ match: false });
      expect(await trace('Vasyl Honcharenko', '1961-09')).toEqual({ match: false });
      expect(await trace('Vasyl Honcharenko', '1961-09-14', 'en')).toEqual({ match: true, contact: { site: 'Zaporizhzhia centre', contact: '41 Rekordna St; +380 61 111 1111' } });
      expect((await trace('Василь Гончаренко', '1961-09-14', 'ru')).contact.contact).toContain('Рекордная');
      expect((await trace('Василь Гончаренко', '1961-09-14')).contact.contact).toContain('Рекордна,');
      expect((await trace('Stepan Myroshnychenko', '1939')).match).toBe(true);
      expect((await trace('Stepan Myroshnychenko', '1939-05-01')).match).toBe(true);
      expect((await t.inject({ method: 'POST', url: '/api/v1/public/tracing', payload: { name: 'Stepan Myroshnychenko', birthDate: '1939', lang: 'de' } })).statusCode).toBe(400);
    });
  });

  describe('registry usability (point 5)', () => {
    let shevchenko: string;
    let sevcenko: string;
    beforeAll(async () => {
      shevchenko = await register(registrar, { givenName: 'Олександр', familyName: 'Шевченко', birthDate: '1956-04-12', householdId: 'HH-77' });
      sevcenko = await register(registrar, { givenName: 'Oleksandr', familyName: 'Sevcenko', birthDate: '1980' });
      await register(registrar, { givenName: 'Марія', familyName: 'Шевченко', birthDate: '1958', householdId: 'HH-77', vulnerabilities: ['elderly', 'unaccompanied_child'] });
      await register(otherRegistrar, { givenName: 'Ганна', familyName: 'Шевченко', householdId: 'HH-77' });
    });
    const search = async (token: string, payload: Record<string, unknown>) => {
      const r = await post(token, '/api/v1/people/search', payload);
      expect(r.statusCode, r.body).toBe(200);
      return r.json().items as { id: string; givenName: string; familyName: string; householdId: string | null; orgId: string }[];
    };

    it('finds people by family name alone, in either script, with or without diacritics', async () => {
      for (const name of ['Шевченко', 'Shevchenko', 'Ševčenko', 'Sevcenko']) {
        const found = await search(registrar, { name });
        expect(found.map((p) => p.id), name).toContain(shevchenko);
        expect(found.every((p) => p.orgId === agencyId), name).toBe(true);
      }
      expect((await search(registrar, { name: 'Sevcenko Oleksandr' })).map((p) => p.id)).toContain(shevchenko);
      expect((await search(registrar, { name: 'Ševčenko Oleksandr' })).map((p) => p.id)).toContain(sevcenko);
      // A family name alone is not anyone's given name.
      expect((await search(registrar, { name: 'Oleksandr' })).map((p) => p.id)).not.toContain(shevchenko);
      expect((await search(registrar, { name: 'Kravchuk' })).map((p) => p.id)).not.toContain(shevchenko);
      expect((await search(desk, { name: 'Шевченко' })).some((p) => p.orgId === otherAgencyId)).toBe(true);
    });

    it('finds a whole household by its id, within what the caller may read', async () => {
      const household = await search(registrar, { householdId: 'HH-77' });
      expect(household.map((p) => p.givenName)).toEqual(['Олександр', 'Марія']);
      expect(household.every((p) => p.householdId === 'HH-77')).toBe(true);
      expect((await search(desk, { householdId: 'HH-77' })).length).toBe(3);
      expect((await post(registrar, '/api/v1/people/search', {})).json().code).toBe('SEARCH_NEEDS_NAME_OR_HOUSEHOLD');
      expect((await post(liaison, '/api/v1/people/search', { householdId: 'HH-77' })).statusCode).toBe(403);
    });

    it('merges two records of one person: audited by id, the merged id answers with the surviving record', async () => {
      const kept = await register(registrar, { givenName: 'Петро', familyName: 'Ковальчук', birthDate: '1944', vulnerabilities: ['elderly'], site, consentTracing: true });
      const dup = await register(registrar, { givenName: 'Petro', familyName: 'Kovalchuk', birthDate: '1944-02-02', vulnerabilities: ['medical'], householdId: 'HH-9' });
      const foreign = await register(otherRegistrar, { givenName: 'Petro', familyName: 'Kovalchuk', birthDate: '1944-02-02' });
      const merge = (token: string, id: string, otherId: string) => post(token, `/api/v1/people/${id}/merge`, { otherId });
      const before = await auditCount();
      expect((await merge(registrar, kept, foreign)).json()).toMatchObject({ code: 'UNKNOWN_PERSON', errors: [{ path: '/otherId' }] });
      expect((await merge(registrar, kept, kept)).json().code).toBe('MERGE_SAME_RECORD');
      expect((await merge(otherRegistrar, kept, dup)).statusCode).toBe(404);
      expect(await auditCount()).toBe(before);

      const merged = await merge(registrar, kept, dup);
      expect(merged.statusCode, merged.body).toBe(200);
      expect(merged.json()).toMatchObject({ id: kept, givenName: 'Петро', birthDate: '1944-02-02', householdId: 'HH-9', vulnerabilities: ['elderly', 'medical'], mergedIds: [dup], consentTracing: false });
      expect((await get(registrar, `/api/v1/people/${dup}`)).json()).toMatchObject({ id: kept, mergedIds: [dup] });
      expect((await get(otherRegistrar, `/api/v1/people/${dup}`)).statusCode).toBe(404);
      const found = await search(registrar, { name: 'Petro Kovalchuk' });
      expect(found.map((p) => p.id)).toEqual([kept]);
      expect((await merge(registrar, kept, dup)).json().code).toBe('ALREADY_MERGED');
      const event = await t.app.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.merge').executeTakeFirstOrThrow();
      expect(event).toMatchObject({ subject_type: 'person', subject_id: kept });
    });
  });

  describe('shared manifests and cross-organisation flags (point 4)', () => {
    let movement: string;
    let otherMovement: string;
    let own: string;
    let sharedChild: string;
    let sharedAdult: string;
    const notify = async (token: string) => {
      const corridor = await createProposedCorridor(t, admin, [partyId]);
      const body = { kind: 'evacuation', corridorId: corridor.id, departAt: hoursFromNow(72), arriveBy: hoursFromNow(80), vehicles: [{ type: 'bus' }], personnel: 2, passengers: 40 };
      const r = await post(token, '/api/v1/movements', body);
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    beforeAll(async () => {
      movement = await notify(coordinator);
      otherMovement = await notify(coordinator);
      own = await register(registrar, { givenName: 'Тарас', familyName: 'Мельничук', vulnerabilities: ['disability', 'unaccompanied_child'] });
      sharedChild = await register(otherRegistrar, { givenName: 'Софія', familyName: 'Дячук', birthDate: '2014', vulnerabilities: ['medical', 'unaccompanied_child'] });
      sharedAdult = await register(otherRegistrar, { givenName: 'Орест', familyName: 'Дячук', birthDate: '1977' });
    });

    it('lets an agency carry another agency’s people only once that agency agrees, for one movement or any', async () => {
      const add = (personIds: string[], id = movement) => post(coordinator, `/api/v1/movements/${id}/passengers`, { personIds });
      expect((await add([own, sharedChild])).json()).toMatchObject({ code: 'UNKNOWN_PERSON', errors: [{ path: '/personIds/1' }] });

      // The registering agency grants: the child for this movement only, the adult for any.
      expect((await post(otherRegistrar, '/api/v1/people/shares', { personIds: [own], orgId: agencyId })).json()).toMatchObject({ code: 'UNKNOWN_PERSON' });
      expect((await post(otherRegistrar, '/api/v1/people/shares', { personIds: [sharedChild], orgId: agencyId, movementId: 'nope' })).json().code).toBe('UNKNOWN_MOVEMENT');
      expect((await post(otherRegistrar, '/api/v1/people/shares', { personIds: [sharedChild], orgId: partyId })).json().code).toBe('UNKNOWN_AGENCY');
      const child = await post(otherRegistrar, '/api/v1/people/shares', { personIds: [sharedChild], orgId: agencyId, movementId: movement });
      expect(child.statusCode, child.body).toBe(201);
      const adult = await post(otherRegistrar, '/api/v1/people/shares', { personIds: [sharedAdult], orgId: agencyId });
      expect(adult.statusCode).toBe(201);
      expect((await post(registrar, '/api/v1/people/shares', { personIds: [sharedAdult], orgId: agencyId })).json().code).toBe('UNKNOWN_PERSON');

      expect((await add([sharedChild], otherMovement)).json().code).toBe('UNKNOWN_PERSON');
      const manifest = await add([own, sharedChild, sharedAdult]);
      expect(manifest.statusCode, manifest.body).toBe(200);
      const body = manifest.json();
      expect(body).toMatchObject({ listed: 3 });
      // Names of its own registrations only; the rest as counts per registering organisation.
      expect(body.passengers).toHaveLength(1);
      expect(body.passengers[0]).toMatchObject({ personId: own, familyName: 'Мельничук', vulnerabilities: ['unaccompanied_child', 'disability'] });
      expect(body.others).toEqual([{ orgId: otherAgencyId, listed: 2, boarded: 0, arrived: 0, unaccompaniedChildren: 1 }]);
      expect(manifest.body).not.toMatch(/Дячук|Софія|Орест|2014|1977/);

      // Withdrawn: the adult cannot be added to another movement any more.
      const shares = (await get(otherRegistrar, `/api/v1/people/${sharedAdult}/shares`)).json().items;
      expect(shares).toHaveLength(1);
      expect((await post(registrar, `/api/v1/people/shares/${shares[0].id}/withdrawal`)).statusCode).toBe(404);
      expect((await post(otherRegistrar, `/api/v1/people/shares/${shares[0].id}/withdrawal`)).json().revokedAt).toEqual(expect.any(String));
      expect((await post(otherRegistrar, `/api/v1/people/shares/${shares[0].id}/withdrawal`)).json().code).toBe('SHARE_ALREADY_WITHDRAWN');
      expect((await add([sharedAdult], otherMovement)).json().code).toBe('UNKNOWN_PERSON');
      const audit = JSON.stringify(await t.app.ctx.db.selectFrom('audit_events').selectAll().where('action', 'in', ['person.share', 'person.unshare']).execute());
      expect(audit).toContain('person.share');
      expect(audit).toContain('person.unshare');
    });

    it('flags "possibly registered by another organisation" by id and score; the tracing desk resolves it', async () => {
      const mine = await register(registrar, { givenName: 'Sofiia', familyName: 'Diachuk', birthDate: '2014' });
      const flagged = await post(registrar, `/api/v1/people/${mine}/duplicate-flags`);
      expect(flagged.statusCode, flagged.body).toBe(201);
      const items = flagged.json().items;
      expect(items).toEqual([expect.objectContaining({ personId: mine, otherPersonId: sharedChild, score: expect.any(Number), outcome: null })]);
      expect(flagged.body).not.toMatch(/Дячук|Софія|Diachuk|Sofiia|2014/);
      // Asking again flags nothing new.
      expect((await post(registrar, `/api/v1/people/${mine}/duplicate-flags`)).json().items.map((f: { id: string }) => f.id)).toEqual([items[0].id]);
      expect((await post(otherRegistrar, `/api/v1/people/${mine}/duplicate-flags`)).statusCode).toBe(404);

      // Each organisation reads the flags it raised (its registrations raise some too, test/api/field-gaps.test.ts).
      const flagIds = async (token: string) => (await get(token, '/api/v1/duplicate-flags')).json().items.map((f: { id: string }) => f.id);
      expect(await flagIds(otherRegistrar)).not.toContain(items[0].id);
      expect(await flagIds(registrar)).toContain(items[0].id);
      expect((await post(registrar, `/api/v1/duplicate-flags/${items[0].id}/resolution`, { outcome: 'same_person', reason: 'same household id and birth date in both files' })).statusCode).toBe(403);
      const open = (await get(desk, '/api/v1/duplicate-flags')).json().items;
      expect(open.map((f: { id: string }) => f.id)).toContain(items[0].id);
      // The desk reads both records.
      expect((await get(desk, `/api/v1/people/${sharedChild}`)).statusCode).toBe(200);
      const resolved = await post(desk, `/api/v1/duplicate-flags/${items[0].id}/resolution`, { outcome: 'same_person', reason: 'same household id and birth date in both files' });
      expect(resolved.json()).toMatchObject({ outcome: 'same_person', resolvedAt: expect.any(String) });
      expect((await post(desk, `/api/v1/duplicate-flags/${items[0].id}/resolution`, { outcome: 'different_people', reason: 'second look' })).json().code).toBe('FLAG_ALREADY_RESOLVED');
      expect((await get(registrar, '/api/v1/duplicate-flags?status=resolved')).json().items[0]).toMatchObject({ outcome: 'same_person' });
    });

    it('names who acted to those allowed to see them; others learn the organisation and role', async () => {
      const idOf = async (token: string) => (await get(token, '/api/v1/me')).json().id as string;
      const [mine, theirs] = [await idOf(coordinator), await idOf(otherCoordinator)];
      const names = async (token: string) => (await get(token, `/api/v1/users/names?ids=${mine},${theirs},nobody`)).json().items;
      expect(await names(registrar)).toEqual(
        [
          { id: mine, orgId: agencyId, role: 'coordinator', name: 'coordinator c@field.test' },
          { id: theirs, orgId: otherAgencyId, role: 'coordinator', name: null },
        ].sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect((await names(desk)).map((n: { name: string | null }) => n.name).sort()).toEqual(['coordinator c@field.test', 'coordinator c@other.test']);
      expect((await names(liaison)).every((n: { name: string | null }) => n.name === null)).toBe(true);
      expect((await t.inject({ method: 'GET', url: `/api/v1/users/names?ids=${mine}` })).statusCode).toBe(401);
    });

    it('keeps names out of the audit log and the logs', async () => {
      const audit = JSON.stringify(await t.app.ctx.db.selectFrom('audit_events').selectAll().execute());
      const logs = t.logs.join('\n');
      for (const name of ['Дячук', 'Шевченко', 'Ковальчук', 'Мельничук', 'Rekordna']) {
        expect(audit).not.toContain(name);
        expect(logs).not.toContain(name);
      }
    });
  });
});
