import { currentWindow, nextWindow, type CorridorStatus, type TimeWindow } from './corridor.ts';

/**
 * What a corridor's status tells a person to do, decided once for every surface: the public
 * page, the console, the feeds, the SMS, the radio script and the poster all word and colour
 * themselves from this, never from the clock alone. In March 2022 people went to gathering points
 * of corridors that had already collapsed; a window that has begun means nothing unless the
 * corridor is open.
 */

/** The headline: which single sentence leads on every surface. */
export type NoticeHeadline =
  /** agreed by all, inside a window, not suspended */
  | 'open_now'
  /** agreed by all, a window ahead */
  | 'opens_later'
  /** agreed by all, no window ahead and none now (should not last: such a corridor closes) */
  | 'no_window'
  | 'suspended'
  | 'closed'
  /** draft or proposed: never presented as open, and never public */
  | 'not_agreed'
  | 'rejected';

/** What a civilian should do. */
export type NoticeAdvice = 'go' | 'wait' | 'do_not_go';

/**
 * Which window is shown and as what: `current` only when open ("open now"), `next` for an agreed
 * corridor's coming window, `planned` for a window nobody has agreed yet (staff only).
 */
export interface NoticeWindow {
  role: 'current' | 'next' | 'planned';
  window: TimeWindow;
}

export interface CorridorNotice {
  status: CorridorStatus;
  headline: NoticeHeadline;
  advice: NoticeAdvice;
  /** The one window to show, labelled by its role; null when no window should be shown. */
  window: NoticeWindow | null;
  /** `active`: go there (open) or at the window (agreed); `muted`: shown greyed, "do not go". */
  gatheringPoints: 'active' | 'muted';
  /** How a map draws the route: `open` strongest, `agreed` clear, `muted` greyed. */
  emphasis: 'open' | 'agreed' | 'muted';
  /** Since when the corridor is suspended or closed (null otherwise, or when unknown). */
  since: string | null;
}

export interface NoticeInput {
  status: CorridorStatus;
  windows: readonly TimeWindow[];
  /** When the mediator last suspended it (for `suspended`). */
  suspendedAt: string | null;
  /** When the mediator closed it; absent, a closed corridor closed when its last window ended. */
  closedAt: string | null;
}

/** The notice for a corridor whose status was derived by `corridorStatus` at `now`. */
export function corridorNotice(input: NoticeInput, now: Date): CorridorNotice {
  const { status, windows } = input;
  const current = currentWindow(windows, now);
  const next = nextWindow(windows, now);
  const base = { status, since: null } as const;
  switch (status) {
    case 'open':
      // `open` is derived from being inside a window, so `current` exists; `next` is a guard only.
      return { ...base, headline: 'open_now', advice: 'go', window: windowAs('current', current), gatheringPoints: 'active', emphasis: 'open' };
    case 'agreed':
      return next
        ? { ...base, headline: 'opens_later', advice: 'wait', window: { role: 'next', window: next }, gatheringPoints: 'active', emphasis: 'agreed' }
        : { ...base, headline: 'no_window', advice: 'do_not_go', window: null, gatheringPoints: 'muted', emphasis: 'muted' };
    case 'suspended':
      return { status, since: input.suspendedAt, headline: 'suspended', advice: 'do_not_go', window: null, gatheringPoints: 'muted', emphasis: 'muted' };
    case 'closed': {
      const lastEnd = windows[windows.length - 1]?.end ?? null;
      return { status, since: input.closedAt ?? lastEnd, headline: 'closed', advice: 'do_not_go', window: null, gatheringPoints: 'muted', emphasis: 'muted' };
    }
    case 'rejected':
      return { ...base, headline: 'rejected', advice: 'do_not_go', window: null, gatheringPoints: 'muted', emphasis: 'muted' };
    case 'draft':
    case 'proposed':
      return {
        ...base,
        headline: 'not_agreed',
        advice: 'do_not_go',
        window: windowAs('planned', current ?? next),
        gatheringPoints: 'muted',
        emphasis: 'muted',
      };
  }
}

function windowAs(role: NoticeWindow['role'], window: TimeWindow | null): NoticeWindow | null {
  return window ? { role, window } : null;
}

/** True only for the one headline that may say "open". */
export function saysOpen(notice: CorridorNotice): boolean {
  return notice.headline === 'open_now';
}
