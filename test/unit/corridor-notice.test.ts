import { describe, expect, it } from 'vitest';
import { CORRIDOR_STATUSES, type CorridorStatus } from '../../src/domain/corridor.ts';
import { corridorNotice, saysOpen } from '../../src/domain/corridor-notice.ts';

const WINDOW = { start: '2022-03-08T07:00:00.000Z', end: '2022-03-08T19:00:00.000Z' };
const INSIDE = new Date('2022-03-08T10:00:00Z');
const BEFORE = new Date('2022-03-08T05:00:00Z');
const AFTER = new Date('2022-03-08T21:00:00Z');
const SUSPENDED_AT = '2022-03-08T09:30:00.000Z';

/**
 * Every status at every moment that `corridorStatus` can give it for a corridor with WINDOW:
 * `open` exists only inside a window, and an agreed corridor past its last window is closed.
 */
const CASES: { status: CorridorStatus; now: Date; where: string }[] = CORRIDOR_STATUSES.flatMap((status) =>
  [
    { now: INSIDE, where: 'inside the window' },
    { now: BEFORE, where: 'before the window' },
    { now: AFTER, where: 'after the window' },
  ]
    .filter((m) => (status === 'open' ? m.now === INSIDE : status === 'agreed' ? m.now === BEFORE : true))
    .map((m) => ({ status, ...m })),
);

describe('corridor notice: the status decides every label, never the clock alone', () => {
  for (const { status, now, where } of CASES) {
    it(`${status}, ${where}`, () => {
      const notice = corridorNotice({ status, windows: [WINDOW], suspendedAt: status === 'suspended' ? SUSPENDED_AT : null, closedAt: null }, now);
      expect(notice.status).toBe(status);
      // Only an open corridor says open, tells people to go, shows "open now" and lights its points.
      expect(saysOpen(notice)).toBe(status === 'open');
      expect(notice.advice === 'go').toBe(status === 'open');
      expect(notice.window?.role === 'current').toBe(status === 'open');
      expect(notice.emphasis === 'open').toBe(status === 'open');
      if (status === 'suspended') {
        expect(notice).toMatchObject({ headline: 'suspended', advice: 'do_not_go', gatheringPoints: 'muted', window: null, since: SUSPENDED_AT });
      }
      if (status === 'draft' || status === 'proposed') {
        expect(notice.headline).toBe('not_agreed');
        expect(notice.advice).toBe('do_not_go');
        expect(notice.gatheringPoints).toBe('muted');
        expect(notice.window?.role ?? 'planned').toBe('planned');
      }
      if (status === 'closed') expect(notice).toMatchObject({ headline: 'closed', advice: 'do_not_go', since: WINDOW.end });
      if (status === 'rejected') expect(notice).toMatchObject({ headline: 'rejected', advice: 'do_not_go', gatheringPoints: 'muted' });
      if (status === 'agreed' && now === BEFORE) {
        expect(notice).toMatchObject({ headline: 'opens_later', advice: 'wait', window: { role: 'next', window: WINDOW }, gatheringPoints: 'active' });
      }
    });
  }
});
