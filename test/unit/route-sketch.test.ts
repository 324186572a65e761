import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corridorNotice } from '../../src/domain/corridor-notice.ts';
import { sketchRoute, type MapCorridor, type Ring } from '../../src/feeds/route-sketch.ts';

const geo = JSON.parse(readFileSync(new URL('../../web/public/geo/ukraine-oblasts.geojson', import.meta.url), 'utf8')) as {
  features: { geometry: { type: string; coordinates: unknown } }[];
};
const OUTLINES = geo.features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Ring[]] : (f.geometry.coordinates as Ring[][])));

const now = new Date('2022-03-08T10:00:00Z');
const window = { start: '2022-03-08T07:00:00Z', end: '2022-03-08T19:00:00Z' };
const corridor = (status: 'open' | 'suspended'): MapCorridor => ({
  name: 'Sumy – Poltava',
  origin: { name: 'Sumy', placeId: 'sumy', lat: 50.9077, lon: 34.7981 },
  destination: { name: 'Poltava', placeId: 'poltava', lat: 49.5883, lon: 34.5514 },
  route: { coordinates: [[34.7981, 50.9077], [33.2667, 50.3667], [32.9869, 50.0186], [34.5514, 49.5883]] },
  gatheringPoints: [{ name: 'Sumy State University', lat: 50.8926, lon: 34.8415 }],
  eligibility: null,
  conditions: null,
  notice: corridorNotice({ status, windows: [window], suspendedAt: status === 'suspended' ? '2022-03-08T09:00:00Z' : null, closedAt: null }, now),
});

describe('route sketch (the poster and the public map draw it)', () => {
  const size = { width: 340, height: 240 };

  it('places every label inside the box, none over another, ends and gathering points always named', () => {
    for (const lang of ['uk', 'ru', 'en'] as const) {
      const s = sketchRoute(corridor('open'), lang, OUTLINES, size);
      const boxes = s.labels.map((l) => ({ x0: l.x, x1: l.x + l.text.length * l.size * 0.6, y0: l.y - l.size, y1: l.y + 2, text: l.text }));
      expect(s.labels.length).toBeGreaterThanOrEqual(3 + 2);
      for (const b of boxes) {
        expect(b.x0).toBeGreaterThanOrEqual(0);
        expect(b.y0).toBeGreaterThanOrEqual(0);
        expect(b.y1).toBeLessThanOrEqual(size.height);
      }
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
          expect(overlap, `${a.text} / ${b.text}`).toBe(false);
        }
      }
      expect(s.labels.slice(0, 3).map((l) => l.text)).toEqual(
        { uk: ['Суми', 'Полтава', 'Sumy State University'], ru: ['Сумы', 'Полтава', 'Sumy State University'], en: ['Sumy', 'Poltava', 'Sumy State University'] }[lang],
      );
      // The towns named are the ones in view, and no more than fit.
      expect(s.towns.length).toBe(s.labels.length - 3);
      for (const [x, y] of s.towns) expect(x >= 0 && x <= size.width && y >= 0 && y <= size.height).toBe(true);
    }
  });

  it('clips the outlines to the view', () => {
    const s = sketchRoute(corridor('open'), 'uk', OUTLINES, size);
    expect(s.outlines.length).toBeGreaterThan(0);
    for (const ring of s.outlines) for (const [x, y] of ring) expect(x >= -4 && x <= size.width + 4 && y >= -4 && y <= size.height + 4).toBe(true);
  });

  it('draws by the notice: open in green to go, suspended greyed and not to go', () => {
    const open = sketchRoute(corridor('open'), 'en', OUTLINES, size);
    expect(open).toMatchObject({ go: true, colour: '#1b7a3a' });
    const suspended = sketchRoute(corridor('suspended'), 'en', OUTLINES, size);
    expect(suspended).toMatchObject({ go: false, colour: '#b3261e' });
  });
});
