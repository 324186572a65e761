import { corridorTimeline, type ControlType, type CorridorFacts } from '../corridor-status.ts';
import type { TimeWindow } from '../corridor.ts';
import type { EvidenceBundle, EvidenceControl, EvidenceDecision, EvidenceLogEntry, EvidenceVersion } from './format.ts';

/** Shared by the builder and the verifier (no Node import: the browser runs it). */

/** The bundle's clock: its newest shown event (bound by that event's hash), or the epoch for none. */
export function latestShownTime(entries: readonly EvidenceLogEntry[]): string {
  let latest = new Date(0).toISOString();
  for (const e of entries) if (e.kind === 'event' && e.at > latest) latest = e.at;
  return latest;
}

/** The corridor's timeline as of `asOf`, from the bundle's own records: the verifier recomputes it with this very function. */
export function timelineOf(
  versions: readonly Pick<EvidenceVersion, 'version' | 'content' | 'createdAt' | 'proposedAt'>[],
  decisions: readonly Pick<EvidenceDecision, 'version' | 'partyId' | 'decision' | 'signedAt'>[],
  controls: readonly Pick<EvidenceControl, 'type' | 'at' | 'reason'>[],
  asOf: string,
): EvidenceBundle['timeline'] {
  const current = versions[versions.length - 1];
  const content = (current?.content ?? {}) as { parties?: string[]; windows?: TimeWindow[] };
  const facts: CorridorFacts = {
    parties: Array.isArray(content.parties) ? content.parties : [],
    windows: Array.isArray(content.windows) ? content.windows : [],
    proposedAt: current?.proposedAt ?? null,
    decisions: decisions.filter((d) => d.version === current?.version).map((d) => ({ partyId: d.partyId, decision: d.decision })),
    controls: controls.map((c) => ({ type: c.type as ControlType, at: c.at })),
  };
  return corridorTimeline({
    versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt, proposedAt: v.proposedAt })),
    decisions,
    controls: controls.map((c) => ({ type: c.type as ControlType, at: c.at, reason: c.reason })),
    current: facts,
    now: new Date(asOf),
  });
}
