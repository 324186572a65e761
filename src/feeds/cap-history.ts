import { corridorStatus, isFullyApproved, type CorridorFacts } from '../domain/corridor.ts';
import { corridorNotice, type CorridorNotice } from '../domain/corridor-notice.ts';

/**
 * The public changes of a corridor, derived from what is already stored (the current version's
 * approvals, the mediator's controls, the windows by the clock) rather than kept in a table of
 * their own: one CAP alert per change. A change is a moment the notice a person reads changed
 * (its headline or the window it shows), from the moment every party approved the current
 * version up to now, and nothing after the closure.
 */

export interface PublicChange {
  corridorId: string;
  /** The current version: an amendment starts a new series (its approvals start again). */
  version: number;
  /** 1 for the first public appearance of this version, counting up. */
  n: number;
  at: string;
  notice: CorridorNotice;
}

export interface ChangeHistoryInput {
  corridorId: string;
  version: number;
  facts: CorridorFacts;
  /** When the last party approved the current version: the corridor became public then. */
  approvedAt: string;
  now: Date;
}

function noticeAt(facts: CorridorFacts, at: string): CorridorNotice {
  const controls = facts.controls.filter((c) => c.at <= at);
  const instant = new Date(at);
  const lastSuspendOrResume = [...controls].reverse().find((c) => c.type === 'suspend' || c.type === 'resume');
  return corridorNotice(
    {
      status: corridorStatus({ ...facts, controls }, instant),
      windows: facts.windows,
      suspendedAt: lastSuspendOrResume?.type === 'suspend' ? lastSuspendOrResume.at : null,
      closedAt: controls.find((c) => c.type === 'close')?.at ?? null,
    },
    instant,
  );
}

const keyOf = (n: CorridorNotice) => `${n.headline}|${n.window?.role ?? ''}|${n.window?.window.start ?? ''}|${n.since ?? ''}`;

export function publicChangesOf(input: ChangeHistoryInput): PublicChange[] {
  const { facts, approvedAt } = input;
  if (!isFullyApproved(facts)) return [];
  const nowIso = input.now.toISOString();
  const instants = new Set<string>([approvedAt]);
  for (const c of facts.controls) instants.add(c.at);
  for (const w of facts.windows) {
    instants.add(w.start);
    instants.add(w.end);
  }
  const changes: PublicChange[] = [];
  let lastKey: string | null = null;
  for (const at of [...instants].filter((t) => t >= approvedAt && t <= nowIso).sort()) {
    const notice = noticeAt(facts, at);
    const key = keyOf(notice);
    if (key === lastKey) continue;
    lastKey = key;
    changes.push({ corridorId: input.corridorId, version: input.version, n: changes.length + 1, at, notice });
    if (notice.headline === 'closed') break;
  }
  return changes;
}
