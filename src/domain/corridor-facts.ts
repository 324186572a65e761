import { corridorStatus, isFullyApproved, type ControlType, type CorridorContent, type CorridorFacts, type Decision } from './corridor.ts';
import { corridorNotice, type CorridorNotice } from './corridor-notice.ts';

/**
 * What a stored corridor says once read: its content, the facts its status follows, its notice and
 * whether the public page lists it. Services and presenters decide from these, never from rows.
 */

/** A corridor as stored, as far as these rules read it (the store's corridor aggregate has this shape). */
export interface StoredCorridor {
  current: { content: string; proposed_at: string | null };
  /** Decisions on the current version. */
  decisions: readonly { party_id: string; decision: string }[];
  /** The mediator's controls, oldest first. */
  controls: readonly { type: string; at: string }[];
}

/** How long a closed corridor stays on the public page, so people learn that it closed. */
export const PUBLIC_CLOSED_HOURS = 24;

export function contentOf(stored: Pick<StoredCorridor, 'current'>): CorridorContent {
  const parsed = JSON.parse(stored.current.content) as Omit<CorridorContent, 'publicText'> & { publicText?: CorridorContent['publicText'] };
  // Versions stored before public texts existed have none: they read as null, their hash unchanged.
  return { ...parsed, publicText: parsed.publicText ?? null };
}

export function factsOf(stored: StoredCorridor, content: CorridorContent = contentOf(stored)): CorridorFacts {
  return {
    parties: content.parties,
    windows: content.windows,
    proposedAt: stored.current.proposed_at,
    decisions: stored.decisions.map((d) => ({ partyId: d.party_id, decision: d.decision as Decision })),
    controls: stored.controls.map((c) => ({ type: c.type as ControlType, at: c.at })),
  };
}

/** The mediator's latest control among `types`, or undefined. */
export function lastControl<C extends { type: string }>(controls: readonly C[], types: readonly ControlType[]): C | undefined {
  return [...controls].reverse().find((c) => types.includes(c.type as ControlType));
}

/** The notice of a corridor at `now`: its status with the mediator's last suspension or closure. */
export function noticeOf(stored: StoredCorridor, now: Date, content: CorridorContent = contentOf(stored)): CorridorNotice {
  const status = corridorStatus(factsOf(stored, content), now);
  const suspendOrResume = lastControl(stored.controls, ['suspend', 'resume']);
  return corridorNotice(
    {
      status,
      windows: content.windows,
      suspendedAt: suspendOrResume?.type === 'suspend' ? suspendOrResume.at : null,
      closedAt: lastControl(stored.controls, ['close'])?.at ?? null,
    },
    now,
  );
}

/**
 * On the public page: only corridors every listed party approved in their current version
 * ("nothing is announced before every party has approved"). Once it is closed, or suspended with
 * its last window over, it stays a day so people learn what became of it, then leaves.
 */
export function isPubliclyListed(stored: StoredCorridor, now: Date): boolean {
  const content = contentOf(stored);
  const facts = factsOf(stored, content);
  if (!isFullyApproved(facts)) return false;
  const status = corridorStatus(facts, now);
  const lastEnd = content.windows[content.windows.length - 1]?.end;
  const over = (instant: string | undefined) => instant !== undefined && now.getTime() - new Date(instant).getTime() >= PUBLIC_CLOSED_HOURS * 3_600_000;
  if (status === 'closed') return !over(lastControl(stored.controls, ['close'])?.at ?? lastEnd);
  if (status === 'suspended') return !over(lastEnd);
  return true;
}
