import RBush from 'rbush';
import type { LineString } from './corridor.ts';
import { bboxAround, distanceFromRoute, nearRouteFilter, type LatLon } from './geo.ts';

/** Incidents (docs/design.md §Incidents): what happened, where and when; the system never attributes blame. */

export const INCIDENT_TYPES = ['shelling', 'gunfire', 'mine', 'blocked_road', 'detention', 'accident', 'other'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const VERIFICATIONS = ['unverified', 'confirmed', 'disputed'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

/** How long an incident counts as "recent" for warnings on a route. */
export const RECENT_INCIDENT_HOURS = 72;

export interface IncidentFacts extends LatLon {
  id: string;
  type: IncidentType;
  severity: Severity;
  occurredAt: string;
  /** Hazards (mines and UXO, blocked roads) stay on a route until someone marks them cleared. */
  clearedAt: string | null;
}

/**
 * Incidents that are a standing danger rather than an event: a mine or a blocked road is there
 * tomorrow as it is today, so it warns whatever its age until someone marks it cleared.
 */
export const HAZARD_TYPES: readonly IncidentType[] = ['mine', 'blocked_road'];

export function isHazardType(type: IncidentType): boolean {
  return HAZARD_TYPES.includes(type);
}

export function isHazard(incident: Pick<IncidentFacts, 'type' | 'clearedAt'>): boolean {
  return isHazardType(incident.type) && incident.clearedAt === null;
}

export function isRecent(incident: Pick<IncidentFacts, 'occurredAt'>, now: Date): boolean {
  const age = now.getTime() - new Date(incident.occurredAt).getTime();
  return age <= RECENT_INCIDENT_HOURS * 3_600_000 && age >= -3_600_000;
}

/**
 * Whether an incident warns the people on a route now: an uncleared hazard of any age, or another
 * incident while recent. A cleared hazard is no longer a danger, however recent its report.
 */
export function warnsNow(incident: Pick<IncidentFacts, 'type' | 'clearedAt' | 'occurredAt'>, now: Date): boolean {
  return isHazard(incident) || (!isHazardType(incident.type) && isRecent(incident, now));
}

interface Entry {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  incident: IncidentFacts;
}

/**
 * Incidents in an R-tree, so that finding those near a route looks at a bounding box of
 * candidates, not at every incident of the war.
 */
export class IncidentIndex {
  private readonly tree = new RBush<Entry>();
  private readonly byId = new Map<string, Entry>();

  constructor(incidents: Iterable<IncidentFacts> = []) {
    const entries = [...incidents].map((incident) => this.entryOf(incident));
    this.tree.load(entries);
    for (const e of entries) this.byId.set(e.incident.id, e);
  }

  private entryOf(incident: IncidentFacts): Entry {
    return { minX: incident.lon, minY: incident.lat, maxX: incident.lon, maxY: incident.lat, incident };
  }

  get size(): number {
    return this.byId.size;
  }

  upsert(incident: IncidentFacts): void {
    this.remove(incident.id);
    const entry = this.entryOf(incident);
    this.tree.insert(entry);
    this.byId.set(incident.id, entry);
  }

  remove(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.tree.remove(entry);
    this.byId.delete(id);
  }

  /** Incidents within `meters` of the route, nearest first, with their distance. */
  nearRoute(route: LineString, meters: number): { incident: IncidentFacts; distanceMeters: number }[] {
    const box = bboxAround(route, meters);
    // Most of a long route's box is far from it: a cheap per-segment test first, then the exact distance.
    const mayBeNear = nearRouteFilter(route, meters);
    const distanceTo = distanceFromRoute(route);
    return this.tree
      .search({ minX: box.minLon, minY: box.minLat, maxX: box.maxLon, maxY: box.maxLat })
      .filter((e) => mayBeNear(e.incident))
      .map((e) => ({ incident: e.incident, distanceMeters: distanceTo(e.incident) }))
      .filter((hit) => hit.distanceMeters <= meters)
      .sort((a, b) => a.distanceMeters - b.distanceMeters);
  }
}
