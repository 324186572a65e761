import turfDistance from '@turf/distance';
import { sha256Hex } from './hashing.ts';
import { versionHashText } from './statements.ts';
import type { FieldError } from './errors.ts';
import { findPlace } from './gazetteer.ts';
import {
  normalisePublicText,
  placeById,
  publicTextMissing,
  publicTextRuleErrors,
  type PublicTranslations,
  type PublicTranslationsInput,
} from './public-text.ts';

/**
 * Corridor agreements: content, validation, the rule for when one may be proposed, and the
 * status — derived from versions, approvals, the mediator's controls, windows and the clock,
 * never stored (docs/design.md §Corridors).
 */

export const PURPOSES = ['evacuation', 'supply'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const TRAFFIC = ['pedestrian', 'private_car', 'bus', 'truck'] as const;
export type Traffic = (typeof TRAFFIC)[number];

export const CORRIDOR_STATUSES = ['draft', 'proposed', 'agreed', 'open', 'suspended', 'closed', 'rejected'] as const;
export type CorridorStatus = (typeof CORRIDOR_STATUSES)[number];

export const DEFAULT_BUFFER_METERS = 2000;
/** Farther than this from the origin, a "gathering point" is a different place: refuse it. */
export const GATHERING_POINT_MAX_KM = 30;

export interface NamedPoint {
  name: string;
  lat: number;
  lon: number;
  address?: string;
  /** Gazetteer id (origin, destination): the public reads the place's name in its own language. */
  placeId?: string;
}

export interface Checkpoint {
  name: string;
  lat: number;
  lon: number;
  controlledBy: string;
}

export interface TimeWindow {
  start: string;
  end: string;
}

export interface LineString {
  type: 'LineString';
  coordinates: [number, number][];
}

export interface UnilateralAnnouncement {
  announcedBy: string;
  source: string | null;
}

/** One version's agreed text: everything a party signs. */
export interface CorridorContent {
  name: string;
  purpose: Purpose[];
  origin: NamedPoint | null;
  destination: NamedPoint | null;
  route: LineString | null;
  bufferMeters: number;
  gatheringPoints: NamedPoint[];
  checkpoints: Checkpoint[];
  windows: TimeWindow[];
  parties: string[];
  allowedTraffic: Traffic[];
  eligibility: string | null;
  maxVehicles: number | null;
  conditions: string | null;
  unilateral: UnilateralAnnouncement | null;
  /** What the public reads, in every public language; signed with the rest. Null in versions written before it existed. */
  publicText: PublicTranslations | null;
}

export type CorridorInput = Partial<Omit<CorridorContent, 'name' | 'unilateral' | 'publicText'>> & {
  name: string;
  publicText?: PublicTranslationsInput | null | undefined;
  unilateral?: { announcedBy: string; source?: string | null | undefined } | null | undefined;
};

/** Instants are compared and stored in UTC; "2022-03-08T09:00:00+02:00" → "2022-03-08T07:00:00.000Z". */
export function toUtc(instant: string): string {
  return new Date(instant).toISOString();
}

/** Fills defaults, trims text, converts windows to UTC and orders them. Pure; no validation. */
export function normaliseContent(input: CorridorInput): CorridorContent {
  const text = (value: string | null | undefined): string | null => {
    const trimmed = value?.trim();
    return trimmed ? trimmed : null;
  };
  const gatheringPoints = input.gatheringPoints ?? [];
  return {
    name: input.name.trim(),
    purpose: [...new Set(input.purpose ?? [])],
    origin: input.origin ?? null,
    destination: input.destination ?? null,
    route: input.route ?? null,
    bufferMeters: input.bufferMeters ?? DEFAULT_BUFFER_METERS,
    gatheringPoints,
    checkpoints: input.checkpoints ?? [],
    windows: (input.windows ?? [])
      .map((w) => ({ start: toUtc(w.start), end: toUtc(w.end) }))
      .sort((a, b) => a.start.localeCompare(b.start)),
    parties: [...new Set(input.parties ?? [])],
    allowedTraffic: [...new Set(input.allowedTraffic ?? [])],
    eligibility: text(input.eligibility),
    maxVehicles: input.maxVehicles ?? null,
    conditions: text(input.conditions),
    unilateral: input.unilateral ? { announcedBy: input.unilateral.announcedBy, source: text(input.unilateral.source) } : null,
    publicText: normalisePublicText(input.publicText, gatheringPoints.length),
  };
}

/** Endpoints given by name alone get the gazetteer's id, so the public reads them in its language. */
export function withPlaceIds(content: CorridorContent): CorridorContent {
  const resolve = (point: NamedPoint | null): NamedPoint | null => {
    if (!point || point.placeId) return point;
    const found = findPlace(point.name);
    return found ? { ...point, placeId: found.id } : point;
  };
  return { ...content, origin: resolve(content.origin), destination: resolve(content.destination) };
}

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return turfDistance([a.lon, a.lat], [b.lon, b.lat], { units: 'kilometers' });
}

/**
 * Rules a well-formed corridor must keep (422 when broken). `partyOrgIds` are the organisations
 * of kind party that exist.
 */
export function corridorRuleErrors(content: CorridorContent, partyOrgIds: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  content.windows.forEach((w, i) => {
    if (w.end <= w.start) errors.push({ path: `/windows/${i}/end`, message: 'must be after start' });
    const previous = content.windows[i - 1];
    if (previous && w.start < previous.end) errors.push({ path: `/windows/${i}`, message: 'overlaps another window' });
  });
  content.parties.forEach((party, i) => {
    if (!partyOrgIds.has(party)) errors.push({ path: `/parties/${i}`, message: 'is not a party organisation' });
  });
  const listed = new Set(content.parties);
  content.checkpoints.forEach((c, i) => {
    if (!listed.has(c.controlledBy)) errors.push({ path: `/checkpoints/${i}/controlledBy`, message: 'must be one of the listed parties' });
  });
  if (content.origin) {
    const origin = content.origin;
    content.gatheringPoints.forEach((g, i) => {
      if (distanceKm(origin, g) > GATHERING_POINT_MAX_KM) {
        errors.push({ path: `/gatheringPoints/${i}`, message: `must be within ${GATHERING_POINT_MAX_KM} km of the origin` });
      }
    });
  }
  if (content.unilateral && !listed.has(content.unilateral.announcedBy)) {
    errors.push({ path: '/unilateral/announcedBy', message: 'must be one of the listed parties' });
  }
  for (const [key, point] of [['origin', content.origin], ['destination', content.destination]] as const) {
    if (point?.placeId !== undefined && !placeById(point.placeId)) errors.push({ path: `/${key}/placeId`, message: 'is not a known place' });
  }
  errors.push(...publicTextRuleErrors(content));
  return errors;
}

/** What a corridor still lacks before it may be proposed: vague "in principle" agreements failed in 2022. */
export function missingForProposal(content: CorridorContent): FieldError[] {
  const missing: FieldError[] = [];
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) missing.push({ path, message });
  };
  need(content.purpose.length > 0, '/purpose', 'say what the corridor is for');
  need(content.origin !== null, '/origin', 'an origin is required');
  need(content.destination !== null, '/destination', 'a destination is required');
  need(content.route !== null, '/route', 'a route is required');
  need(content.windows.length > 0, '/windows', 'at least one time window is required');
  need(content.gatheringPoints.length > 0, '/gatheringPoints', 'at least one gathering point is required');
  need(content.eligibility !== null, '/eligibility', 'say who may use the corridor');
  need(content.allowedTraffic.length > 0, '/allowedTraffic', 'say which traffic is allowed');
  need(content.parties.length > 0, '/parties', 'list the parties whose approval is needed');
  missing.push(...publicTextMissing(content));
  return missing;
}

export function versionHash(corridorId: string, version: number, content: CorridorContent): string {
  return sha256Hex(versionHashText(corridorId, version, content));
}

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

export type TimelineType =
  | 'drafted'
  | 'amended'
  | 'proposed'
  | 'approved'
  | 'rejected'
  | 'suspended'
  | 'resumed'
  | 'closed'
  | 'window_opened'
  | 'window_closed';

export interface TimelineEntry {
  at: string;
  type: TimelineType;
  version?: number;
  orgId?: string;
  reason?: string;
}

/**
 * The story of a corridor in time order: versions, proposals, each party's decision, the
 * mediator's controls, and — once agreed — the windows opening and closing by the clock.
 */
export function corridorTimeline(input: {
  versions: readonly { version: number; createdAt: string; proposedAt: string | null }[];
  decisions: readonly { version: number; partyId: string; decision: Decision; signedAt: string }[];
  controls: readonly { type: ControlType; at: string; reason: string }[];
  current: CorridorFacts;
  now: Date;
}): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const v of input.versions) {
    entries.push({ at: v.createdAt, type: v.version === 1 ? 'drafted' : 'amended', version: v.version });
    if (v.proposedAt) entries.push({ at: v.proposedAt, type: 'proposed', version: v.version });
  }
  for (const d of input.decisions) {
    entries.push({ at: d.signedAt, type: d.decision === 'approve' ? 'approved' : 'rejected', version: d.version, orgId: d.partyId });
  }
  const controlType: Record<ControlType, TimelineType> = { suspend: 'suspended', resume: 'resumed', close: 'closed' };
  for (const c of input.controls) entries.push({ at: c.at, type: controlType[c.type], reason: c.reason });
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
