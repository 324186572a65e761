import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/gazetteer.ts';
import { NOTICE_WORDS } from '../../src/domain/notice-words.ts';
import { PUBLIC_LANGS } from '../../src/domain/public-text.ts';
import { ringSelfIntersects, ringSignedArea } from '../../src/domain/route-area.ts';
import { capConsumerProblems } from '../../src/feeds/cap-check.ts';
import { verifyCapSignature } from '../../src/feeds/cap-signature.ts';
import { HXL_TAGS } from '../../src/feeds/hxl.ts';
import { parseCsv } from '../../src/cli/csv.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { xsdProblems } from '../helpers/cap.ts';
import { createCorridor, corridorBody } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { decideAs } from '../helpers/signing.ts';

/**
 * The public feeds over HTTP, for corridors in every public state before, inside and after their
 * window: each worded from its notice (only open says open), every CAP alert schema-valid,
 * consumer-valid and signed by the mediator, and no person's name anywhere.
 */

const HOUR = 3_600_000;
type Stage = 'draft' | 'approved' | 'suspended' | 'closed';
const STAGES: Stage[] = ['draft', 'approved', 'suspended', 'closed'];
const MOMENTS = { before: -2 * HOUR, inside: 2 * HOUR, after: 9 * HOUR } as const;
const PERSON = { givenName: 'Оксана', familyName: 'Зеленчукова' };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['entry', 'info', 'link'].includes(n) });

interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  link: { '@href': string }[];
  category: { '@term': string };
}

describe.each(DIALECTS)('public feeds (%s)', (dialect) => {
  let t: TestApp;
  const windowStart = Date.now() + 24 * HOUR;
  const ids = new Map<Stage, string>();

  beforeAll(async () => {
    t = await startTestApp(dialect, { sessionHours: 72, publicUrl: 'https://corridors.example.org' });
    t.app.ctx.now = () => new Date(windowStart - 3 * HOUR);
    const admin = await t.login(ADMIN.email, ADMIN.password);
    const org = async (name: string, kind: string, timeZone: string) =>
      (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind, timeZone } })).json().id as string;
    const parties = [await org('Ukraine', 'party', 'Europe/Kyiv'), await org('Russia', 'party', 'Europe/Moscow')];
    const agency = await org('Red Cross', 'agency', 'Europe/Kyiv');
    const me = (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json();
    const user = async (orgId: string, email: string, role: string) => {
      const r = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: role, password: 'corridor-pass-1', role } });
      expect(r.statusCode, r.body).toBe(201);
      return t.login(email, 'corridor-pass-1');
    };
    const coordinator = await user(me.orgId, 'coord@m.test', 'coordinator');
    const liaisons = [await user(parties[0]!, 'l@ua.test', 'liaison'), await user(parties[1]!, 'l@ru.test', 'liaison')];
    const registrar = await user(agency, 'r@rc.test', 'registrar');
    const agencyCoordinator = await user(agency, 'c@rc.test', 'coordinator');
    const site = (await t.as(agencyCoordinator, { method: 'POST', url: '/api/v1/sites', payload: { name: 'Centre', kind: 'reception_centre', contact: '+380 00 000 0002' } })).json().id;
    const person = await t.as(registrar, { method: 'POST', url: '/api/v1/people', payload: { ...PERSON, birthDate: '1980-02-02', sex: 'female', site, consentTracing: true } });
    expect(person.statusCode, person.body).toBe(201);
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
      for (const liaison of liaisons) await decideAs(t, liaison, id, { version: 1, decision: 'approve' });
      if (stage === 'suspended') await post(coordinator, `/api/v1/corridors/${id}/suspend`, { reason: 'Shelling reported near the route' });
      if (stage === 'closed') await post(coordinator, `/api/v1/corridors/${id}/close`, { reason: 'The parties ended the ceasefire' });
    }
  });
  afterAll(async () => t?.close());

  const get = async (url: string) => {
    const r = await t.inject({ method: 'GET', url });
    expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
    return r;
  };

  for (const [moment, offset] of Object.entries(MOMENTS)) {
    it(`${moment} the window: Atom, CAP, GeoJSON and HXL follow each corridor's notice`, async () => {
      t.app.ctx.now = () => new Date(windowStart + offset);
      await t.app.live.tick();
      await t.app.live.idle();
      const publicList = (await get('/api/v1/public/corridors')).json() as { items: { id: string; notice: { headline: keyof (typeof NOTICE_WORDS)['en'] } }[] };
      const headlineOf = new Map(publicList.items.map((c) => [c.id, c.notice.headline]));
      expect(headlineOf.has(ids.get('draft')!)).toBe(false);
      const expected: Record<Exclude<Stage, 'draft'>, string> = {
        approved: moment === 'inside' ? 'open_now' : moment === 'before' ? 'opens_later' : 'closed',
        suspended: 'suspended',
        closed: 'closed',
      };
      for (const stage of ['approved', 'suspended', 'closed'] as const) expect(headlineOf.get(ids.get(stage)!), stage).toBe(expected[stage]);

      const everything: string[] = [];
      for (const lang of PUBLIC_LANGS) {
        const r = await get(`/feeds/corridors.atom?lang=${lang}`);
        expect(r.headers['content-type']).toMatch(/^application\/atom\+xml/);
        everything.push(r.body);
        const feed = parser.parse(r.body).feed;
        expect(feed['@xml:lang']).toBe(lang);
        for (const field of ['id', 'title', 'updated', 'author']) expect(feed[field], field).toBeDefined();
        const all = (feed.entry ?? []) as AtomEntry[];
        // The transparency log's latest checkpoint is the one entry that is not a corridor.
        const entries = all.filter((e) => e.category['@term'] !== 'checkpoint');
        expect(all.filter((e) => e.category['@term'] === 'checkpoint')).toHaveLength(1);
        expect(entries.map((e) => e.category['@term']).sort()).toEqual([...headlineOf.values()].sort());
        for (const entry of entries) {
          expect(entry.id).toMatch(/^tag:corridors\.example\.org,2022:safe-passage\/corridor\//);
          const headline = entry.category['@term'] as keyof (typeof NOTICE_WORDS)['en'];
          expect(entry.title).toContain(NOTICE_WORDS[lang as Lang][headline].label);
          expect(entry.title.includes(NOTICE_WORDS[lang as Lang].open_now.label)).toBe(headline === 'open_now');
          expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
        }
      }

      const key = (await get('/feeds/signing-key')).json() as { publicKey: string; algorithm: string };
      expect(key.algorithm).toBe('Ed25519');
      const index = await get('/feeds/alerts.cap.xml');
      everything.push(index.body);
      const links = ((parser.parse(index.body).feed.entry ?? []) as AtomEntry[]).map((e) => e.link[0]!['@href']);
      expect(links.length).toBeGreaterThanOrEqual(3);
      const latest = new Map<string, { msgType: string; headline: string; sent: string }>();
      for (const link of links) {
        const url = new URL(link);
        expect(url.origin).toBe('https://corridors.example.org');
        const r = await get(url.pathname);
        expect(r.headers['content-type']).toMatch(/^application\/cap\+xml/);
        everything.push(r.body);
        expect(xsdProblems(r.body), link).toBe('');
        expect(capConsumerProblems(r.body), link).toEqual([]);
        expect(verifyCapSignature(r.body, key.publicKey), link).toBe(true);
        const alert = parser.parse(r.body).alert;
        const corridorId = String(alert.incidents).split('/').pop()!;
        const headline = (alert.info as { parameter: { value: string } }[])[0]!.parameter.value;
        const previous = latest.get(corridorId);
        if (!previous || previous.sent < alert.sent) latest.set(corridorId, { msgType: alert.msgType, headline, sent: alert.sent });
        expect(alert.info.map((i: { language: string }) => i.language)).toEqual(['uk-UA', 'ru-RU', 'en-US']);
        const en = alert.info[2] as { headline: string; instruction: string };
        expect(en.headline).toContain(NOTICE_WORDS.en[headline as 'open_now'].label);
        expect(en.instruction).toBe(NOTICE_WORDS.en[headline as 'open_now'].advice);
        if (alert.msgType === 'Alert') expect(alert.references).toBeUndefined();
        else expect(String(alert.references)).toMatch(/^safe-passage@corridors\.example\.org,/);
      }
      // The newest alert of each corridor says what the public list says now.
      for (const [id, headline] of headlineOf) {
        const last = latest.get(id)!;
        expect(last.headline, id).toBe(headline);
        // A corridor's first alert is an Alert whatever it says (the closed one here closed as it was approved).
        const alone = last.msgType === 'Alert';
        expect(last.msgType, id).toBe(alone ? 'Alert' : headline === 'closed' ? 'Cancel' : 'Update');
      }

      const geo = await get('/feeds/corridors.geojson');
      expect(geo.headers['content-type']).toMatch(/^application\/geo\+json/);
      everything.push(geo.body);
      const collection = geo.json() as { type: string; features: { geometry: { type: string; coordinates: unknown }; properties: { corridorId: string; headline: string } }[] };
      expect(collection.type).toBe('FeatureCollection');
      expect(new Set(collection.features.map((f) => f.properties.corridorId))).toEqual(new Set(headlineOf.keys()));
      for (const f of collection.features) {
        expect(f.properties.headline).toBe(headlineOf.get(f.properties.corridorId));
        const points = (f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.type === 'LineString' ? f.geometry.coordinates : (f.geometry.coordinates as unknown[])[0]) as [number, number][];
        // [lon, lat]: Ukraine's longitudes are 22–41, its latitudes 44–53.
        for (const [lon, lat] of points) expect(lon > 22 && lon < 41 && lat > 44 && lat < 53).toBe(true);
        if (f.geometry.type === 'Polygon') {
          expect(points[0]).toEqual(points[points.length - 1]);
          expect(ringSignedArea(points)).toBeGreaterThan(0);
          expect(ringSelfIntersects(points)).toBe(false);
        }
      }

      const hxl = await get('/feeds/corridors.hxl.csv');
      expect(hxl.headers['content-type']).toBe('text/csv; charset=utf-8');
      everything.push(hxl.body);
      const rows = parseCsv(hxl.body);
      expect(rows[1]).toEqual([...HXL_TAGS]);
      expect(new Set(rows.slice(2).map((r) => r[0]))).toEqual(new Set(headlineOf.keys()));

      for (const text of everything) {
        expect(text).not.toContain(PERSON.familyName);
        expect(text).not.toContain(PERSON.givenName);
      }
    });
  }

  it('an unknown alert is a problem+json 404, and a bad language a 400', async () => {
    const missing = await t.inject({ method: 'GET', url: '/feeds/alerts/safe-passage-nothing-v1-1.cap.xml' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    const bad = await t.inject({ method: 'GET', url: '/feeds/corridors.atom?lang=de' });
    expect(bad.statusCode).toBe(400);
  });
});
