import type { LineString } from './corridor.ts';
import type { LatLon } from './geo.ts';

const EARTH_RADIUS_METERS = 63710088e-1;
const RAD = Math.PI / 180;
const COS_80 = Math.cos(80 * RAD);

/**
 * A quick test, for one point and many routes, that never says no to a route within `meters` of
 * the point (it may say yes to some farther off): one pass over the route's vertices, no
 * allocation, one sine and one square root. The impact of an incident runs it over every route in
 * play (1,000 corridors, 10,000 movements) so that only the few near ones are measured exactly.
 *
 * A box of the vertices alone would miss the great-circle bulge of a long east–west leg, so the
 * top latitude is bounded: a point X of the arc AB is the radial projection of a point of the
 * chord, sin(lat X) = z / |v| with z between z_A and z_B and |v| ≥ cos(θ/2) ≥ 1 − θ²/8, θ the
 * arc's angle, itself at most |Δlat| + |Δlon| (a path along a meridian, then a parallel, is no
 * shorter). In the northern hemisphere that bounds the arc's latitude below by its ends' and its
 * sine above by sin(max lat) / (1 − θ²/8); its longitude runs monotonically between its ends'
 * (an arc of less than 180° that passes no pole). A point d from a point Q of the arc differs from
 * Q by at most d in latitude and asin(sin d / cos lat) in longitude; 1 % more covers rounding, as
 * in geo.ts's segment boxes. Whatever falls outside these assumptions (the southern hemisphere,
 * near a pole, a leg of more than 90° of longitude or about 57° of arc, a huge buffer) gets yes.
 */
export function nearRouteTest(p: LatLon): (route: LineString, meters: number) => boolean {
  const byMeters = new Map<number, { ok: boolean; dLat: number; sinDelta: number; dLonMax: number; sinLow: number; cosD: number; sinD: number }>();
  const constants = (meters: number) => {
    let k = byMeters.get(meters);
    if (!k) {
      const delta = meters / EARTH_RADIUS_METERS;
      const dLat = (delta / RAD) * 1.01 + 1e-9;
      const x = Math.sin(delta) / COS_80;
      k = {
        ok: delta >= 0 && delta <= 0.1 && x <= 0.5,
        dLat,
        sinDelta: Math.sin(delta),
        dLonMax: (Math.asin(Math.min(1, x)) / RAD) * 1.01 + 1e-9,
        sinLow: p.lat - dLat <= -90 ? -1 : Math.sin((p.lat - dLat) * RAD),
        cosD: Math.cos(dLat * RAD),
        sinD: Math.sin(dLat * RAD),
      };
      byMeters.set(meters, k);
    }
    return k;
  };
  return (route, meters) => {
    const k = constants(meters);
    const c = route.coordinates;
    if (!k.ok || c.length === 0) return true;
    let minLon = Infinity;
    let maxLon = -Infinity;
    let minLat = Infinity;
    let maxLat = -Infinity;
    let theta = 0;
    for (let i = 0; i < c.length; i++) {
      const lon = c[i]![0];
      const lat = c[i]![1];
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
      if (i > 0) {
        const dLon = Math.abs(lon - c[i - 1]![0]);
        if (dLon > 90) return true;
        const t = Math.abs(lat - c[i - 1]![1]) + dLon;
        if (t > theta) theta = t;
      }
    }
    theta *= RAD;
    if (minLat < 0 || !(theta < 1)) return true;
    // Cheap refusals first: below the lowest vertex, or beyond the widest longitude margin allowed.
    if (p.lat < minLat - k.dLat || p.lon < minLon - k.dLonMax || p.lon > maxLon + k.dLonMax) return false;
    const top = Math.sin(maxLat * RAD) / (1 - (theta * theta) / 8);
    if (top >= 1) return true;
    // Above the arc's top latitude plus dLat: sin(lat P − dLat) > top.
    if (k.sinLow > top) return false;
    // cos(latHi + dLat), from sin(latHi) = top: the parallel where a degree of longitude is shortest.
    const cosFarthest = Math.sqrt(1 - top * top) * k.cosD - top * k.sinD;
    if (!(cosFarthest > COS_80)) return true;
    const x = k.sinDelta / cosFarthest;
    if (!(x <= 0.5)) return true;
    const dLon = (Math.asin(x) / RAD) * 1.01 + 1e-9;
    return p.lon >= minLon - dLon && p.lon <= maxLon + dLon;
  };
}
