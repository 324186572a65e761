import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_WORDS } from '../../src/domain/notice-words.ts';
import { MAP_COLOURS } from '../../src/feeds/route-sketch.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createCorridor, corridorBody, createProposedCorridor, createTwoParties } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { hoursFromNow } from '../helpers/time.ts';
import { createAgreedCorridor } from '../helpers/signing.ts';

/** The SVG read back as a document: what a browser would draw. */
function parse(svg: string) {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const all = (tag: string) => Array.from(doc.getElementsByTagName(tag));
  return {
    root: doc.documentElement!,
    texts: all('text').map((t) => t.textContent ?? ''),
    paths: all('path'),
  };
}

describe.each(DIALECTS)('route map of the public page on %s', (dialect) => {
  let t: TestApp;
  let coordinator: string;
  let liaisons: string[];
  let parties: string[];

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 0 });
    coordinator = await t.login(ADMIN.email, ADMIN.password);
    ({ parties, liaisons } = await createTwoParties(t, coordinator, 'Map'));
  });
  afterAll(async () => t?.close());

  const agreed = () => createAgreedCorridor(t, coordinator, parties, liaisons, { windows: [{ start: hoursFromNow(-1), end: hoursFromNow(5) }] });
  const map = async (id: string, lang: string) => {
    const response = await t.inject({ method: 'GET', url: `/api/v1/public/corridors/${id}/map.svg?lang=${lang}` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    return { svg: response.body, ...parse(response.body) };
  };
  const routeOf = (paths: ReturnType<typeof parse>['paths']) => paths.find((p) => p.getAttribute('fill') === 'none')!;

  it('names the ends, the gathering point and the main towns on the way in the reader language, the route in the open colour', async () => {
    const id = await agreed();
    const uk = await map(id, 'uk');
    expect(uk.root.getAttribute('aria-label')).toBe(`Суми → Полтава — ${NOTICE_WORDS.uk.open_now.label}`);
    expect(uk.texts).toEqual(expect.arrayContaining(['Суми', 'Полтава', 'Сумський державний університет']));
    // Towns along the route (Romny, Lokhvytsia, Lubny…): some named, all in Cyrillic.
    const ukTowns = uk.texts.filter((text) => !['Суми', 'Полтава', 'Сумський державний університет', '1'].includes(text));
    expect(ukTowns.length).toBeGreaterThanOrEqual(2);
    for (const town of ukTowns) expect(town).toMatch(/^[А-ЯІЇЄҐа-яіїєґʼ'’ -]+$/);
    expect(routeOf(uk.paths).getAttribute('stroke')).toBe(MAP_COLOURS.open);
    expect(routeOf(uk.paths).getAttribute('stroke-dasharray')).toBeNull();

    const ru = await map(id, 'ru');
    expect(ru.texts).toEqual(expect.arrayContaining(['Сумы', 'Полтава', 'Сумский государственный университет']));
    const en = await map(id, 'en');
    expect(en.texts).toEqual(expect.arrayContaining(['Sumy', 'Poltava', 'Sumy State University']));
    for (const text of en.texts) expect(text).not.toMatch(/[А-яІіЇїЄєҐґ]/);
    // Small enough to come after the page on a slow network: outlines clipped to the view.
    expect(Buffer.byteLength(uk.svg)).toBeLessThan(8_000);

    const page = (await t.inject({ method: 'GET', url: '/ru' })).body;
    expect(page).toContain(`src="/api/v1/public/corridors/${id}/map.svg?lang=ru"`);
    expect(page).toContain('alt="Карта маршрута: Сумы → Полтава"');
  });

  it('draws a suspended corridor dashed and greyed, its label saying suspended', async () => {
    const id = await agreed();
    const r = await t.as(coordinator, { method: 'POST', url: `/api/v1/corridors/${id}/suspend`, payload: { reason: 'Shelling' } });
    expect(r.statusCode, r.body).toBe(200);
    for (const lang of ['uk', 'ru', 'en'] as const) {
      const m = await map(id, lang);
      expect(m.root.getAttribute('aria-label')).toContain(NOTICE_WORDS[lang].suspended.label);
      expect(m.svg).not.toContain(NOTICE_WORDS[lang].open_now.label);
      expect(routeOf(m.paths).getAttribute('stroke')).toBe(MAP_COLOURS.muted);
      expect(routeOf(m.paths).getAttribute('stroke-dasharray')).not.toBeNull();
    }
  });

  it('has no map for a corridor that is not public, and refuses an unknown language', async () => {
    const draft = await createCorridor(t, coordinator, corridorBody(parties));
    expect((await t.inject({ method: 'GET', url: `/api/v1/public/corridors/${draft.id}/map.svg?lang=uk` })).statusCode).toBe(404);
    const proposed = await createProposedCorridor(t, coordinator, parties);
    expect((await t.inject({ method: 'GET', url: `/api/v1/public/corridors/${proposed.id}/map.svg` })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/api/v1/public/corridors/${draft.id}/map.svg?lang=fr` })).statusCode).toBe(400);
  });
});
