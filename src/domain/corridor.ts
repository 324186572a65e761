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

export * from './corridor-status.ts';
