import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_WORDS } from '../../src/domain/notice-words.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createCorridor, corridorBody, createProposedCorridor } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { decideAs } from '../helpers/signing.ts';

const HOUR = 3_600_000;

describe.each(DIALECTS)('announcements on %s', (dialect) => {
  let t: TestApp;
  let coordinator: string;
  let ua: string;
  let ru: string;
  let uaLiaison: string;
  let ruLiaison: string;
  const start = Date.now() + 2 * HOUR;
  const end = start + 4 * HOUR;

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0, sessionHours: 72 });
    coordinator = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string) => (await t.as(coordinator, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind: 'party' } })).json().id as string;
    ua = await org('Ann UA');
    ru = await org('Ann RU');
    const liaison = async (orgId: string, email: string) => {
      await t.as(coordinator, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: 'L', password: 'ann-password', role: 'liaison' } });
      return t.login(email, 'ann-password');
    };
    uaLiaison = await liaison(ua, 'l@ann-ua.test');
    ruLiaison = await liaison(ru, 'l@ann-ru.test');
  });
  afterAll(async () => t?.close());

  const approve = (token: string, id: string) => decideAs(t, token, id, { version: 1, decision: 'approve' });
  const publicList = async (lang?: string) => {
    const response = await t.inject({ method: 'GET', url: `/api/v1/public/announcements${lang ? `?lang=${lang}` : ''}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as { id: string; corridorId: string; createdAt: string; kind: string; status: string; text: string; sms: { text: string; encoding: string; segments: number }; radio: string }[];
  };
  const statusesOf = async (id: string) => (await publicList('en')).filter((a) => a.corridorId === id).map((a) => a.status).reverse();
  /** With PostgreSQL the hub hears of a change through NOTIFY, a moment after the answer: wait for it. */
  const announced = async (id: string, expected: string[]) => {
    for (let i = 0; i < 100; i += 1) {
      await t.app.live.idle();
      const statuses = await statusesOf(id);
      if (statuses.length >= expected.length) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await statusesOf(id)).toEqual(expected);
  };
  const control = (id: string, type: string) => t.as(coordinator, { method: 'POST', url: `/api/v1/corridors/${id}/${type}`, payload: { reason: 'Shelling near the route' } });

  it('announces every public status change by itself, and nothing before every party approved', async () => {
    const windows = [{ start: new Date(start).toISOString(), end: new Date(end).toISOString() }];
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru], { windows });
    await approve(uaLiaison, id);
    await t.app.live.idle();
    expect(await statusesOf(id), 'draft and proposed are never announced').toEqual([]);

    await approve(ruLiaison, id);
    await announced(id, ['agreed']);
    // The same state seen again (another event, the clock) is not announced twice.
    await t.app.live.tick();
    expect(await statusesOf(id)).toEqual(['agreed']);

    const realNow = t.app.ctx.now;
    try {
      t.app.ctx.now = () => new Date(start + 10 * 60_000);
      await t.app.live.tick();
      expect(await statusesOf(id)).toEqual(['agreed', 'open']);
      expect((await control(id, 'suspend')).statusCode).toBe(200);
      await announced(id, ['agreed', 'open', 'suspended']);
      expect((await control(id, 'resume')).statusCode).toBe(200);
      await announced(id, ['agreed', 'open', 'suspended', 'open']);
      expect((await control(id, 'close')).statusCode).toBe(200);
      await announced(id, ['agreed', 'open', 'suspended', 'open', 'closed']);

      const [closed, , suspended] = (await publicList('uk')).filter((a) => a.corridorId === id);
      expect(closed!.text).toContain(NOTICE_WORDS.uk.closed.label);
      expect(suspended!.text).toContain(NOTICE_WORDS.uk.suspended.label);
      expect(suspended!.sms.text).toContain('Не вирушайте');
      expect(suspended!.sms.text).not.toContain(NOTICE_WORDS.uk.open_now.label);
      expect(suspended!.sms).toMatchObject({ encoding: 'UCS-2' });
      expect(suspended!.sms.segments).toBeLessThanOrEqual(2);
      expect(suspended!.radio).toContain(NOTICE_WORDS.uk.suspended.advice);
    } finally {
      t.app.ctx.now = realNow;
    }

    const audit = await t.app.ctx.db.selectFrom('audit_events').select(['action', 'subject_type']).where('action', '=', 'announcement.auto').execute();
    expect(audit.length).toBeGreaterThanOrEqual(5);
    expect((await t.as(coordinator, { method: 'GET', url: '/api/v1/audit/verify' })).json().ok).toBe(true);
  });

  it('never announces a draft, a proposal or a rejected corridor', async () => {
    const draft = await createCorridor(t, coordinator, corridorBody([ua, ru], { windows: [{ start: new Date(start).toISOString(), end: new Date(end).toISOString() }] }));
    const rejected = await createProposedCorridor(t, coordinator, [ua, ru], { windows: [{ start: new Date(start).toISOString(), end: new Date(end).toISOString() }] });
    await decideAs(t, uaLiaison, rejected.id, { version: 1, decision: 'reject' });
    await t.app.live.tick();
    const ids = (await publicList()).map((a) => a.corridorId);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(rejected.id);
    const text = { uk: 'Текст', ru: 'Текст', en: 'Text' };
    const refused = await t.as(coordinator, { method: 'POST', url: `/api/v1/corridors/${rejected.id}/announcements`, payload: { text } });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
  });

  it('lets the mediator write one by hand in all three languages; a liaison gets 403', async () => {
    const { id } = await createProposedCorridor(t, coordinator, [ua, ru], { windows: [{ start: new Date(start).toISOString(), end: new Date(end).toISOString() }] });
    await approve(uaLiaison, id);
    await approve(ruLiaison, id);
    await announced(id, ['agreed']);
    const url = `/api/v1/corridors/${id}/announcements`;
    const text = {
      uk: 'Автобуси вирушають із пункту збору о 09:30 за київським часом.',
      ru: 'Автобусы отправляются от пункта сбора в 09:30 по киевскому времени.',
      en: 'Buses leave the gathering point at 09:30 Kyiv time.',
    };
    const missing = await t.as(coordinator, { method: 'POST', url, payload: { text: { uk: text.uk, en: text.en } } });
    expect(missing.statusCode).toBe(400);
    const blank = await t.as(coordinator, { method: 'POST', url, payload: { text: { ...text, ru: '   ' } } });
    expect(blank.statusCode).toBe(400);
    expect((await t.as(uaLiaison, { method: 'POST', url, payload: { text } })).statusCode).toBe(403);
    expect((await t.as(coordinator, { method: 'POST', url: '/api/v1/corridors/no-such/announcements', payload: { text } })).statusCode).toBe(404);

    const created = await t.as(coordinator, { method: 'POST', url, payload: { text } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ corridorId: id, kind: 'manual', texts: { en: { text: text.en, sms: { encoding: 'GSM-7', segments: 1 } } } });

    const newest = (await publicList('ru')).find((a) => a.corridorId === id && a.kind === 'manual');
    expect(newest).toMatchObject({ id: created.json().id, text: text.ru, sms: { text: text.ru, encoding: 'UCS-2', segments: 1 } });
    expect(newest!.radio).toContain(text.ru);
    expect((await publicList()).find((a) => a.id === newest!.id)?.text).toBe(text.uk);
    const staff = await t.as(uaLiaison, { method: 'GET', url });
    expect(staff.statusCode).toBe(200);
    expect(staff.json().items.map((a: { kind: string }) => a.kind)).toEqual(['manual', 'auto']);
    const audit = await t.app.ctx.db.selectFrom('audit_events').selectAll().where('subject_id', '=', created.json().id).execute();
    expect(audit.map((a) => a.action)).toEqual(['announcement.manual']);
  });

  it('lists newest first and refuses an unknown language', async () => {
    const items = await publicList();
    const times = items.map((a) => a.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const bad = await t.inject({ method: 'GET', url: '/api/v1/public/announcements?lang=de' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  });
});
