import type { CorridorStatus, TimeWindow } from './corridor.ts';

/**
 * A corridor's status and timeline, derived from its facts and the clock, never stored. Apart from
 * corridor.ts and free of Node imports, so the evidence verifier (also run in the browser)
 * recomputes the timeline with the very same rule.
 */

// ── Status ──────────────────────────────────────────────────────────────────

export type Decision = 'approve' | 'reject';
export type ControlType = 'suspend' | 'resume' | 'close';

export interface CorridorFacts {
  /** Parties of the current version. */
  parties: readonly string[];
  windows: readonly TimeWindow[];
  /** When the current version was proposed, or null while it is a draft. */
  proposedAt: string | null;
  /** Decisions on the current version only: amendments void earlier ones. */
  decisions: readonly { partyId: string; decision: Decision }[];
  /** The mediator's suspend/resume/close actions, oldest first. */
  controls: readonly { type: ControlType; at: string }[];
}

export function isFullyApproved(facts: Pick<CorridorFacts, 'parties' | 'decisions' | 'proposedAt'>): boolean {
  if (facts.proposedAt === null || facts.parties.length === 0) return false;
  const approved = new Set(facts.decisions.filter((d) => d.decision === 'approve').map((d) => d.partyId));
  return facts.parties.every((p) => approved.has(p)) && !facts.decisions.some((d) => d.decision === 'reject');
}

export function isSuspended(controls: CorridorFacts['controls']): boolean {
  const last = [...controls].reverse().find((c) => c.type === 'suspend' || c.type === 'resume');
  return last?.type === 'suspend';
}

export function isInsideWindow(window: TimeWindow, now: Date): boolean {
  const t = now.toISOString();
  return window.start <= t && t < window.end;
}

export function currentWindow(windows: readonly TimeWindow[], now: Date): TimeWindow | null {
  return windows.find((w) => isInsideWindow(w, now)) ?? null;
}

export function nextWindow(windows: readonly TimeWindow[], now: Date): TimeWindow | null {
  const t = now.toISOString();
  return windows.find((w) => w.start > t) ?? null;
}

/**
 * The one rule for a corridor's status. Closed by the mediator is final; a draft or a proposal
 * becomes agreed only when every listed party approved the current version; an agreed corridor
 * is open inside a window unless suspended, and closed once its last window has ended.
 */
export function corridorStatus(facts: CorridorFacts, now: Date): CorridorStatus {
  if (facts.controls.some((c) => c.type === 'close')) return 'closed';
  if (facts.proposedAt === null) return 'draft';
  if (facts.decisions.some((d) => d.decision === 'reject')) return 'rejected';
  if (!isFullyApproved(facts)) return 'proposed';
  if (isSuspended(facts.controls)) return 'suspended';
  if (currentWindow(facts.windows, now)) return 'open';
  const last = facts.windows[facts.windows.length - 1];
  if (last && last.end <= now.toISOString()) return 'closed';
  return 'agreed';
}

/** The instants at which the clock alone may change the status: where a scheduler must look. */
export function statusChangeInstants(windows: readonly TimeWindow[]): string[] {
  return windows.flatMap((w) => [w.start, w.end]);
}

// ── What a signature covers ─────────────────────────────────────────────────

export interface ApprovalStatement {
  corridorId: string;
  version: number;
  versionHash: string;
  decision: Decision;
  partyId: string;
  userId: string;
  signedAt: string;
}

// ── Timeline ────────────────────────────────────────────────────────────────

export const TIMELINE_TYPES = ['drafted', 'amended', 'proposed', 'approved', 'rejected', 'suspended', 'resumed', 'closed', 'window_opened', 'window_closed'] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

export interface TimelineEntry {
  at: string;
  type: TimelineType;
  version?: number;
  orgId?: string;
  reason?: string;
  /** Who acted (drafted, signed, suspended…), where the caller gave it. */
  userId?: string;
}

/**
 * The story of a corridor in time order: versions, proposals, each party's decision, the
 * mediator's controls, and — once agreed — the windows opening and closing by the clock.
 */
const by = (userId: string | undefined): { userId?: string } => (userId === undefined ? {} : { userId });

export function corridorTimeline(input: {
  versions: readonly { version: number; createdAt: string; proposedAt: string | null; userId?: string }[];
  decisions: readonly { version: number; partyId: string; decision: Decision; signedAt: string; userId?: string }[];
  controls: readonly { type: ControlType; at: string; reason: string; userId?: string }[];
  current: CorridorFacts;
  now: Date;
}): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const v of input.versions) {
    entries.push({ at: v.createdAt, type: v.version === 1 ? 'drafted' : 'amended', version: v.version, ...by(v.userId) });
    if (v.proposedAt) entries.push({ at: v.proposedAt, type: 'proposed', version: v.version });
  }
  for (const d of input.decisions) {
    entries.push({ at: d.signedAt, type: d.decision === 'approve' ? 'approved' : 'rejected', version: d.version, orgId: d.partyId, ...by(d.userId) });
  }
  const controlType: Record<ControlType, TimelineType> = { suspend: 'suspended', resume: 'resumed', close: 'closed' };
  for (const c of input.controls) entries.push({ at: c.at, type: controlType[c.type], reason: c.reason, ...by(c.userId) });
  if (isFullyApproved(input.current)) {
    const nowIso = input.now.toISOString();
    const closedAt = input.controls.find((c) => c.type === 'close')?.at;
    for (const w of input.current.windows) {
      if (w.start <= nowIso && (!closedAt || w.start < closedAt)) entries.push({ at: w.start, type: 'window_opened' });
      if (w.end <= nowIso && (!closedAt || w.end < closedAt)) entries.push({ at: w.end, type: 'window_closed' });
    }
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
