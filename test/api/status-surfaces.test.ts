import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorridorNotice } from '../../src/domain/corridor-notice.ts';
import type { Lang } from '../../src/domain/gazetteer.ts';
import { NOTICE_WORDS } from '../../src/domain/notice-words.ts';
import { PUBLIC_LANGS } from '../../src/domain/public-text.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createCorridor, corridorBody } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { PUBLIC_SURFACES } from '../helpers/public-surfaces.ts';
import { decideAs } from '../helpers/signing.ts';

/**
 * One rule, every surface: for every corridor state at every moment around its window, each
 * surface words the corridor from its notice. Only an open corridor says "open now"; a suspended
 * one says suspended; a draft, proposed or rejected one is on no public surface at all.
 */

const OPEN_NOW: Record<Lang, string> = { uk: NOTICE_WORDS.uk.open_now.label, ru: NOTICE_WORDS.ru.open_now.label, en: NOTICE_WORDS.en.open_now.label };
const HOUR = 3_600_000;

type Stage = 'draft' | 'proposed' | 'rejected' | 'approved' | 'suspended' | 'closed';
const STAGES: Stage[] = ['draft', 'proposed', 'rejected', 'approved', 'suspended', 'closed'];
const MOMENTS = { before: -2 * HOUR, inside: 2 * HOUR, after: 9 * HOUR } as const;

describe.each(DIALECTS)('status decides every label, on every surface (%s)', (dialect) => {
  let t: TestApp;
  let coordinator: string;
  let liaisons: string[];
  let parties: string[];
  /** The windows start here: the clock is moved around it. */
  const windowStart = Date.now() + 24 * HOUR;
  const ids = new Map<Stage, string>();

  beforeAll(async () => {
    // Sessions outlive the clock's moves around the window.
    t = await startTestApp(dialect, { sessionHours: 72 });
    // Everything happens three hours before the window, so a closure is still public after it.
    t.app.ctx.now = () => new Date(windowStart - 3 * HOUR);
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string, timeZone: string) =>
      (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind: 'party', timeZone } })).json().id as string;
    parties = [await org('Ukraine', 'Europe/Kyiv'), await org('Russia', 'Europe/Moscow')];
    const me = (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json();
    const user = async (orgId: string, email: string, role: string) => {
      const r = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: role, password: 'corridor-pass-1', role } });
      expect(r.statusCode, r.body).toBe(201);
      return t.login(email, 'corridor-pass-1');
    };
    coordinator = await user(me.orgId, 'coord@m.test', 'coordinator');
    liaisons = [await user(parties[0]!, 'l@ua.test', 'liaison'), await user(parties[1]!, 'l@ru.test', 'liaison')];
    const windows = [{ start: new Date(windowStart).toISOString(), end: new Date(windowStart + 6 * HOUR).toISOString() }];
    const post = async (token: string, url: string, payload?: Record<string, unknown>) => {
      const r = await t.as(token, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
      expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(300);
    };
    for (const stage of STAGES) {
      const { id } = await createCorridor(t, coordinator, corridorBody(parties, { name: `Corridor ${stage}`, windows }));
      ids.set(stage, id);
      if (stage === 'draft') continue;
      await post(coordinator, `/api/v1/corridors/${id}/propose`);
      if (stage === 'proposed') continue;
      if (stage === 'rejected') {
        await decideAs(t, liaisons[1]!, id, { version: 1, decision: 'reject', comment: 'Route passes a firing position' });
        continue;
      }
      for (const liaison of liaisons) await decideAs(t, liaison, id, { version: 1, decision: 'approve' });
      if (stage === 'suspended') await post(coordinator, `/api/v1/corridors/${id}/suspend`, { reason: 'Shelling reported near the route' });
      if (stage === 'closed') await post(coordinator, `/api/v1/corridors/${id}/close`, { reason: 'The parties ended the ceasefire' });
    }
    t.app.ctx.now = () => new Date();
  });
  afterAll(async () => t?.close());

  // In clock order and never shuffled: moving the clock past the window makes the corridor's
  // closing announcement, which stays (announcements are a history), so "before" run after
  // "after" would read the closure.
  describe('before, inside and after the window, in that order', { shuffle: false }, () => {
    for (const [moment, offset] of Object.entries(MOMENTS)) {
      it(`${moment} the window`, async () => {
        const realNow = t.app.ctx.now;
        t.app.ctx.now = () => new Date(windowStart + offset);
        try {
          await t.app.live.tick();
          await t.app.live.idle();
          for (const stage of STAGES) {
            const id = ids.get(stage)!;
            const staff = (await t.as(coordinator, { method: 'GET', url: `/api/v1/corridors/${id}` })).json() as { status: string; notice: CorridorNotice; currentWindow: unknown };
            const notice = staff.notice;
            const where = `${stage} ${moment}: ${staff.status}`;
            expect(notice.status, where).toBe(staff.status);
            const open = staff.status === 'open';
            expect(open, where).toBe(stage === 'approved' && moment === 'inside');
            expect(notice.headline === 'open_now', where).toBe(open);
            expect(staff.currentWindow !== null, where).toBe(open);
            if (stage === 'suspended') expect(notice).toMatchObject({ headline: 'suspended', advice: 'do_not_go', gatheringPoints: 'muted' });
            if (stage === 'draft' || stage === 'proposed') expect(notice.headline, where).toBe('not_agreed');

            const publicItem = ((await t.inject({ method: 'GET', url: '/api/v1/public/corridors' })).json() as { items: { id: string; notice: CorridorNotice }[] }).items.find((c) => c.id === id);
            const agreedByAll = stage === 'approved' || stage === 'suspended' || stage === 'closed';
            expect(publicItem !== undefined, `${where}: on the public list`).toBe(agreedByAll);
            if (publicItem) expect(publicItem.notice, where).toEqual(notice);

            for (const surface of PUBLIC_SURFACES) {
              for (const lang of surface.langs ?? PUBLIC_LANGS) {
                const text = await surface.textOf(t, id, lang);
                const label = `${where} on ${surface.name} (${lang})`;
                if (!agreedByAll) {
                  expect(text, `${label}: only what every party agreed is public`).toBeNull();
                  continue;
                }
                // Every surface carries every corridor the public list has: none may quietly drop one.
                expect(text, `${label}: missing`).not.toBeNull();
                if (text === null) continue;
                expect(text.includes(OPEN_NOW[lang]), `${label}: "open now" only when open: ${text}`).toBe(open);
                for (const words of surface.wordsOf(notice, lang)) expect(text, label).toContain(words);
                for (const words of surface.forbiddenOf?.(notice, lang) ?? []) expect(text, label).not.toContain(words);
              }
            }
          }
        } finally {
          t.app.ctx.now = realNow;
        }
      });
    }
  });
});
