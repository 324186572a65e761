import {
  PURPOSES,
  TRAFFIC,
  type Corridor,
  type CorridorContent,
  type ProblemFieldError,
  type Purpose,
  type TimeWindow,
  type Traffic,
} from '../../api.ts';
import { instantToZonedInput, zonedInputToInstant } from '../../time/zones.ts';
import type { ClientErrorKey, FormError } from '../../ui/form-errors.ts';
import { parseNumber } from '../../ui/parse-number.ts';
import { coord } from '../RouteTools.tsx';
import { fieldOfPath } from './fields.ts';
import { publicTextBody, publicTextDraft, shownByPublicTextFields, type MainTextsDraft, type PointTextsDraft } from './PublicTextFields.tsx';

/* The corridor form's state: text as typed, turned into a request body on save. */

export interface PointDraft {
  name: string;
  lat: string;
  lon: string;
}
export interface GatheringDraft extends PointDraft {
  key: number;
  address: string;
  /** The point's public name and address per language. */
  texts?: PointTextsDraft;
}
export interface CheckpointDraft extends PointDraft {
  key: number;
  controlledBy: string;
}
export interface WindowDraft {
  key: number;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
}

export interface FormState {
  name: string;
  purpose: Purpose[];
  origin: PointDraft;
  destination: PointDraft;
  route: [number, number][];
  bufferMeters: string;
  gatheringPoints: GatheringDraft[];
  checkpoints: CheckpointDraft[];
  zone: string;
  windows: WindowDraft[];
  parties: string[];
  allowedTraffic: Traffic[];
  eligibility: string;
  maxVehicles: string;
  conditions: string;
  unilateralBy: string;
  unilateralSource: string;
  publicText: MainTextsDraft;
}

export type MapMode = 'none' | 'route' | 'gp' | 'cp';

let nextKey = 1;
export const key = (): number => nextKey++;

const EMPTY_POINT: PointDraft = { name: '', lat: '', lon: '' };

function pointDraft(point: { name: string; lat: number; lon: number } | null | undefined): PointDraft {
  return point ? { name: point.name, lat: coord(point.lat), lon: coord(point.lon) } : { ...EMPTY_POINT };
}

export function emptyWindow(): WindowDraft {
  return { key: key(), startDate: '', startTime: '', endDate: '', endTime: '' };
}

export function initialState(zone: string, corridor: Corridor | null): FormState {
  if (!corridor) {
    return {
      name: '',
      purpose: ['evacuation'],
      origin: { ...EMPTY_POINT },
      destination: { ...EMPTY_POINT },
      route: [],
      bufferMeters: '2000',
      gatheringPoints: [],
      checkpoints: [],
      zone,
      windows: [emptyWindow()],
      parties: [],
      allowedTraffic: [],
      eligibility: '',
      maxVehicles: '',
      conditions: '',
      unilateralBy: '',
      unilateralSource: '',
      publicText: publicTextDraft(null).main,
    };
  }
  const publicText = publicTextDraft(corridor);
  return {
    name: corridor.name ?? '',
    purpose: corridor.purpose ?? [],
    origin: pointDraft(corridor.origin),
    destination: pointDraft(corridor.destination),
    route: corridor.route?.coordinates.map(([lon, lat]) => [lon, lat] as [number, number]) ?? [],
    bufferMeters: corridor.bufferMeters === undefined ? '' : String(corridor.bufferMeters),
    gatheringPoints: (corridor.gatheringPoints ?? []).map((p, i) => ({ ...pointDraft(p), key: key(), address: p.address ?? '', texts: publicText.points[i] })),
    checkpoints: (corridor.checkpoints ?? []).map((p) => ({ ...pointDraft(p), key: key(), controlledBy: p.controlledBy })),
    zone,
    windows: (corridor.windows ?? []).map((w) => {
      const start = instantToZonedInput(w.start, zone);
      const end = instantToZonedInput(w.end, zone);
      return { key: key(), startDate: start.date, startTime: start.time, endDate: end.date, endTime: end.time };
    }),
    parties: corridor.parties ?? [],
    allowedTraffic: corridor.allowedTraffic ?? [],
    eligibility: corridor.eligibility ?? '',
    maxVehicles: corridor.maxVehicles === undefined || corridor.maxVehicles === null ? '' : String(corridor.maxVehicles),
    conditions: corridor.conditions ?? '',
    unilateralBy: corridor.unilateral?.announcedBy ?? '',
    unilateralSource: corridor.unilateral?.source ?? '',
    publicText: publicText.main,
  };
}

export function windowInstants(w: WindowDraft, zone: string): TimeWindow | null {
  const start = zonedInputToInstant(w.startDate, w.startTime, zone);
  const end = zonedInputToInstant(w.endDate || w.startDate, w.endTime, zone);
  return start && end ? { start, end } : null;
}

const isBlankWindow = (w: WindowDraft): boolean => !w.startDate && !w.startTime && !w.endDate && !w.endTime;

/**
 * The request body from what was typed, and the errors found before asking the server. Only a
 * name is needed for a draft; what is left empty is left out.
 */
export function buildBody(state: FormState): { body: CorridorContent; errors: FormError[]; windowRows: number[] } {
  const errors: FormError[] = [];
  const err = (path: string, errorKey: ClientErrorKey) => errors.push({ path, message: '', key: errorKey });
  const body: CorridorContent = { name: state.name.trim() };
  if (!body.name) err('/name', 'corridors.errors.required');
  if (state.purpose.length) body.purpose = PURPOSES.filter((p) => state.purpose.includes(p));

  const point = (p: PointDraft, path: string): { name: string; lat: number; lon: number } | undefined => {
    const lat = parseNumber(p.lat);
    const lon = parseNumber(p.lon);
    if (!p.name.trim() && lat === undefined && lon === undefined) return undefined;
    let ok = true;
    if (!p.name.trim()) (err(`${path}/name`, 'corridors.errors.required'), (ok = false));
    if (lat === undefined || lat === null || lat < -90 || lat > 90) (err(`${path}/lat`, 'corridors.errors.latitude'), (ok = false));
    if (lon === undefined || lon === null || lon < -180 || lon > 180) (err(`${path}/lon`, 'corridors.errors.longitude'), (ok = false));
    return ok && typeof lat === 'number' && typeof lon === 'number' ? { name: p.name.trim(), lat, lon } : undefined;
  };
  const origin = point(state.origin, '/origin');
  if (origin) body.origin = origin;
  const destination = point(state.destination, '/destination');
  if (destination) body.destination = destination;

  if (state.route.length === 1) err('/route', 'corridors.errors.route');
  if (state.route.length >= 2) body.route = { type: 'LineString', coordinates: state.route };

  const buffer = parseNumber(state.bufferMeters);
  if (buffer === null) err('/bufferMeters', 'corridors.errors.number');
  else if (buffer !== undefined) body.bufferMeters = buffer;

  const points = state.gatheringPoints.map((g, i) => {
    const p = point(g, `/gatheringPoints/${i}`);
    if (!p && !errors.some((e) => e.path.startsWith(`/gatheringPoints/${i}/`))) err(`/gatheringPoints/${i}/name`, 'corridors.errors.required');
    return p ? { ...p, ...(g.address.trim() ? { address: g.address.trim() } : {}) } : null;
  });
  if (points.length) body.gatheringPoints = points.filter((p) => p !== null);

  const checkpoints = state.checkpoints.map((c, i) => {
    const p = point(c, `/checkpoints/${i}`);
    if (!p && !errors.some((e) => e.path.startsWith(`/checkpoints/${i}/`))) err(`/checkpoints/${i}/name`, 'corridors.errors.required');
    if (!c.controlledBy) err(`/checkpoints/${i}/controlledBy`, 'corridors.errors.required');
    return p && c.controlledBy ? { ...p, controlledBy: c.controlledBy } : null;
  });
  if (checkpoints.length) body.checkpoints = checkpoints.filter((c) => c !== null);

  // Sent in time order, as the server keeps them, so its "/windows/n" means the n-th of these.
  const windows: { instants: TimeWindow; row: number }[] = [];
  state.windows.forEach((w, i) => {
    if (isBlankWindow(w)) return;
    const instants = windowInstants(w, state.zone);
    if (!instants) err(`/windows/${i}`, 'corridors.errors.dateTime');
    else windows.push({ instants, row: i });
  });
  windows.sort((a, b) => new Date(a.instants.start).getTime() - new Date(b.instants.start).getTime());
  if (windows.length) body.windows = windows.map((w) => w.instants);

  if (state.parties.length) body.parties = state.parties;
  if (state.allowedTraffic.length) body.allowedTraffic = TRAFFIC.filter((k) => state.allowedTraffic.includes(k));
  if (state.eligibility.trim()) body.eligibility = state.eligibility.trim();
  const maxVehicles = parseNumber(state.maxVehicles);
  if (maxVehicles === null || (typeof maxVehicles === 'number' && (!Number.isInteger(maxVehicles) || maxVehicles < 0))) {
    err('/maxVehicles', 'corridors.errors.integer');
  } else if (maxVehicles !== undefined) body.maxVehicles = maxVehicles;
  if (state.conditions.trim()) body.conditions = state.conditions.trim();
  if (state.unilateralBy) {
    body.unilateral = { announcedBy: state.unilateralBy, ...(state.unilateralSource.trim() ? { source: state.unilateralSource.trim() } : {}) };
  }
  const publicText = publicTextBody(state.publicText, state.gatheringPoints.filter((_, i) => points[i] !== null).map((g) => g.texts));
  if (publicText) body.publicText = publicText;
  return { body, errors, windowRows: windows.map((w) => w.row) };
}

/** The server's "/windows/n…" points into the ordered list sent; the form shows row windowRows[n]. */
export function toFormPaths(errors: readonly ProblemFieldError[], windowRows: readonly number[]): FormError[] {
  return errors.map((e) => {
    const match = /^\/windows\/(\d+)(.*)$/.exec(e.path);
    const row = match ? windowRows[Number(match[1])] : undefined;
    return match && row !== undefined ? { ...e, path: `/windows/${row}${match[2] ?? ''}` } : e;
  });
}

const ENDPOINT_PARTS: readonly (string | null)[] = [null, 'name', 'lat', 'lon'];
const GATHERING_PARTS: readonly (string | null)[] = [null, 'name', 'address', 'lat', 'lon'];
const CHECKPOINT_PARTS: readonly (string | null)[] = [null, 'name', 'controlledBy', 'lat', 'lon'];
const WINDOW_PARTS: readonly (string | null)[] = [null, 'start', 'end'];

/**
 * Whether a field on screen shows the error at `path`: the fieldsets ask for exactly these
 * (field, item, part) triples, and the public texts for their exact paths, so keep them in step.
 * The rest are listed below the form, so none is lost.
 */
export function shownByAField(state: FormState, path: string): boolean {
  const p = fieldOfPath(path);
  const whole = p.index === null && p.sub === null;
  const item = (count: number, parts: readonly (string | null)[]) => p.index !== null && p.index < count && parts.includes(p.sub);
  switch (p.field) {
    case null:
      return false;
    case 'origin':
    case 'destination':
      return p.index === null && ENDPOINT_PARTS.includes(p.sub);
    case 'gatheringPoints':
      return whole || item(state.gatheringPoints.length, GATHERING_PARTS);
    case 'checkpoints':
      return whole || item(state.checkpoints.length, CHECKPOINT_PARTS);
    case 'windows':
      return whole || item(state.windows.length, WINDOW_PARTS);
    case 'parties':
      return whole || item(state.parties.length, [null]);
    case 'publicText':
      return shownByPublicTextFields(path, state.gatheringPoints.length);
    default:
      return whole;
  }
}
