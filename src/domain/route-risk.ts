import type { CorridorStatus, LineString } from './corridor.ts';
import { bboxAround, metersFromRoute, type BBox } from './geo.ts';
import type { IncidentFacts, IncidentIndex } from './incident.ts';
import { nearRouteTest } from './route-near.ts';

/**
 * Which routes an incident puts at risk, and whether a route is at risk from the incidents known:
 * the rule behind an incident's `affected`, a corridor's `atRisk` and a movement's warnings.
 */

export interface Affected {
  corridors: { id: string; distanceMeters: number }[];
  movements: { id: string; distanceMeters: number }[];
}

/** Which corridors (agreed, open, or with a window within a day) and active movements an incident touches. */
export interface RouteToCheck {
  id: string;
  route: LineString | null;
  bufferMeters: number;
}

export function affectedBy(incident: IncidentFacts, corridors: RouteToCheck[], movements: RouteToCheck[]): Affected {
  // Most convoys drive their corridor's route (the same object): each route is measured once, and
  // only when the quick test cannot rule it out (bench/incident-impact.bench.ts).
  const mayBeNear = nearRouteTest(incident);
  // Per route: its distance (≥ 0) once measured, or −(m + 1) once ruled out within m metres.
  const known = new Map<LineString, number>();
  const distanceTo = (route: LineString, meters: number): number | null => {
    const k = known.get(route);
    if (k !== undefined && (k >= 0 || meters <= -k - 1)) return k >= 0 ? k : null;
    if (!mayBeNear(route, meters)) {
      known.set(route, -meters - 1);
      return null;
    }
    const distance = Math.round(metersFromRoute(incident, route));
    known.set(route, distance);
    return distance;
  };
  const hits = (items: RouteToCheck[]) => {
    const found: { id: string; distanceMeters: number }[] = [];
    for (const i of items) {
      const distance = i.route === null ? null : distanceTo(i.route, i.bufferMeters);
      if (distance !== null && distance <= i.bufferMeters) found.push({ id: i.id, distanceMeters: distance });
    }
    return found;
  };
  return { corridors: hits(corridors), movements: hits(movements) };
}

export const CORRIDOR_STATUSES_AT_RISK: readonly CorridorStatus[] = ['proposed', 'agreed', 'open', 'suspended'];

/** Recent incidents and hazards within a route's buffer (for a corridor's `atRisk`). */
export function isRouteAtRisk(index: IncidentIndex, route: LineString | null, bufferMeters: number): boolean {
  return route !== null && index.nearRoute(route, bufferMeters).length > 0;
}

export function boxOfRoutes(routes: (LineString | null)[], meters: number): BBox | null {
  const boxes = routes.filter((r): r is LineString => r !== null).map((r) => bboxAround(r, meters));
  if (boxes.length === 0) return null;
  return {
    minLon: Math.min(...boxes.map((b) => b.minLon)),
    minLat: Math.min(...boxes.map((b) => b.minLat)),
    maxLon: Math.max(...boxes.map((b) => b.maxLon)),
    maxLat: Math.max(...boxes.map((b) => b.maxLat)),
  };
}
