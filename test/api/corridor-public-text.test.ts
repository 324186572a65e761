import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { SUMY_POLTAVA_TEXT, corridorBody, createCorridor, createProposedCorridor } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { hoursFromNow } from '../helpers/time.ts';
import { decideAs } from '../helpers/signing.ts';

describe.each(DIALECTS)('corridor public texts on %s', (dialect) => {
  let t: TestApp;
  let coordinator: string;
  let ua: string;
  let ru: string;
  let liaisons: string[];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string, timeZone: string) =>
      (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind: 'party', timeZone } })).json().id as string;
    ua = await org('Ukraine', 'Europe/Kyiv');
    ru = await org('Russia', 'Europe/Moscow');
    const me = (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json();
    const user = async (orgId: string, email: string, role: string) => {
      const r = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: role, password: 'corridor-pass-1', role } });
      expect(r.statusCode).toBe(201);
      return t.login(email, 'corridor-pass-1');
    };
    coordinator = await user(me.orgId, 'coord@m.test', 'coordinator');
    liaisons = [await user(ua, 'liaison@ua.test', 'liaison'), await user(ru, 'liaison@ru.test', 'liaison')];
  });
  afterAll(async () => t?.close());

  const propose = (id: string) => t.as(coordinator, { method: 'POST', url: `/api/v1/corridors/${id}/propose` });

  it('refuses to propose while a public language is missing, naming each field', async () => {
    const { en, uk } = SUMY_POLTAVA_TEXT;
    const { id } = await createCorridor(t, coordinator, corridorBody([ua, ru], { publicText: { en, uk: { ...uk, whatToBring: '' } } }));
    const response = await propose(id);
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'CORRIDOR_INCOMPLETE' });
    const paths = response.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/publicText/uk/whatToBring', '/publicText/ru/title', '/publicText/ru/eligibility', '/publicText/ru/gatheringPoints/0/address']));
    expect(paths.some((p: string) => p.startsWith('/publicText/en'))).toBe(false);
  });

  it('refuses an unknown place id and malformed texts, storing nothing', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [corridorBody([ua, ru], { origin: { name: 'Sumy', lat: 50.9077, lon: 34.7981, placeId: 'atlantis' } }), 422, '/origin/placeId'],
      [corridorBody([ua, ru], { destination: { name: 'Poltava', lat: 49.5883, lon: 34.5514, placeId: 'Poltava!' } }), 400, '/destination/placeId'],
      [corridorBody([ua, ru], { publicText: { ...SUMY_POLTAVA_TEXT, en: { ...SUMY_POLTAVA_TEXT.en, title: 'x'.repeat(201) } } }), 400, '/publicText/en/title'],
      [corridorBody([ua, ru], { publicText: { ...SUMY_POLTAVA_TEXT, de: SUMY_POLTAVA_TEXT.en } }), 400, '/publicText/de'],
      [corridorBody([ua, ru], { publicText: { ...SUMY_POLTAVA_TEXT, ru: { ...SUMY_POLTAVA_TEXT.ru, gatheringPoints: [] } } }), 422, '/publicText/ru/gatheringPoints'],
    ];
    for (const [body, status, path] of cases) {
      const response = await t.as(coordinator, { method: 'POST', url: '/api/v1/corridors', payload: body });
      expect(response.statusCode, `${path}: ${response.body}`).toBe(status);
      expect(response.json().errors.map((e: { path: string }) => e.path).some((p: string) => p.startsWith(path)), response.body).toBe(true);
    }
  });

  it('stores the place id it resolves; a text change is a new version that voids approvals', async () => {
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru]);
    const view = (await t.as(coordinator, { method: 'GET', url: `/api/v1/corridors/${id}` })).json();
    expect([view.origin.placeId, view.destination.placeId]).toEqual(['sumy', 'poltava']);
    expect(view.publicText.ru.title).toBe('Сумы → Полтава');
    await decideAs(t, liaisons[0]!, id, { version: 1, decision: 'approve' });
    const amended = await t.as(coordinator, {
      method: 'PUT',
      url: `/api/v1/corridors/${id}`,
      payload: { ...corridorBody([ua, ru], { publicText: { ...SUMY_POLTAVA_TEXT, en: { ...SUMY_POLTAVA_TEXT.en, whatToBring: 'Documents only' } } }), version: 1 },
    });
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json()).toMatchObject({ version: 2, status: 'draft', approvals: [] });
    expect(amended.json().versionHash).not.toBe(view.versionHash);
  });

  it('gives the public the texts and each endpoint in uk, ru and en', async () => {
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru], { windows: [{ start: hoursFromNow(-1), end: hoursFromNow(5) }] });
    for (const liaison of liaisons) {
      const r = await decideAs(t, liaison, id, { version: 1, decision: 'approve' });
      expect(r.statusCode, r.body).toBe(201);
    }
    const item = (await t.inject({ method: 'GET', url: '/api/v1/public/corridors' })).json().items.find((c: { id: string }) => c.id === id);
    expect(item.publicText).toEqual(SUMY_POLTAVA_TEXT);
    expect(item.origin).toMatchObject({ placeId: 'sumy', names: { uk: 'Суми', ru: 'Сумы', en: 'Sumy' } });
    expect(item.destination.names).toEqual({ uk: 'Полтава', ru: 'Полтава', en: 'Poltava' });
  });

  it('still reads a version stored before public texts existed', async () => {
    const { id } = await createCorridor(t, coordinator, corridorBody([ua, ru]));
    const row = await t.app.ctx.db.selectFrom('corridor_versions').select('content').where('corridor_id', '=', id).executeTakeFirstOrThrow();
    const { publicText: _dropped, ...old } = JSON.parse(row.content) as Record<string, unknown>;
    await t.app.ctx.db.updateTable('corridor_versions').set({ content: JSON.stringify(old) }).where('corridor_id', '=', id).execute();
    const view = await t.as(coordinator, { method: 'GET', url: `/api/v1/corridors/${id}` });
    expect(view.statusCode).toBe(200);
    expect(view.json().publicText).toBeNull();
  });
});
