import {
  type ApiError,
  type CargoLine,
  type CorridorStatus,
  type MovementCheck,
  type MovementKind,
  type MovementNotification,
  type ProblemFieldError,
  type Vehicle,
  type VehicleType,
} from '../../api.ts';
import { zonedInputToInstant } from '../../time/zones.ts';
import type { FieldPath, FormError, MovementErrorKey } from '../../ui/form-errors.ts';
import { parseNumber } from '../../ui/parse-number.ts';
import type { RequestErrorKey } from '../errors.ts';
import type { RouteCoords } from '../RouteTools.tsx';
import { notificationFieldOfPath, type NotificationField } from './fields.ts';

/* The notification form's state: text as typed, turned into a request body. */

export interface VehicleDraft {
  key: number;
  type: VehicleType;
  plate: string;
  markings: string;
}

export interface CargoDraft {
  key: number;
  category: string;
  item: string;
  quantity: string;
  unit: string;
  weightKg: string;
}

export interface FormState {
  kind: MovementKind;
  corridorId: string;
  route: RouteCoords;
  zone: string;
  departDate: string;
  departTime: string;
  arriveDate: string;
  arriveTime: string;
  vehicles: VehicleDraft[];
  personnel: string;
  passengers: string;
  cargo: CargoDraft[];
  urgent: boolean;
  justification: string;
}

let nextKey = 1;
const key = (): number => nextKey++;

export const emptyVehicle = (type: VehicleType = 'bus'): VehicleDraft => ({ key: key(), type, plate: '', markings: '' });
export const emptyCargo = (): CargoDraft => ({ key: key(), category: 'food', item: '', quantity: '', unit: '', weightKg: '' });

export const CHECK_DELAY_MS = 600;

/** Corridors worth choosing first: open, then agreed; the rest after, each with its status shown. */
export const CORRIDOR_ORDER: readonly CorridorStatus[] = ['open', 'agreed', 'proposed', 'suspended', 'draft', 'rejected', 'closed'];

interface Built {
  body: MovementNotification | null;
  errors: FormError[];
}

/**
 * The request body from what was typed, and what is wrong before asking the server. Fields the
 * kind does not take (cargo on an evacuation, passengers on a supply run) are left out.
 */
export function buildBody(state: FormState): Built {
  const errors: FormError[] = [];
  const err = (path: string, errorKey: MovementErrorKey | 'corridors.errors.required' | 'corridors.errors.route') => errors.push({ path, message: '', key: errorKey });

  const departAt = zonedInputToInstant(state.departDate, state.departTime, state.zone);
  const arriveBy = zonedInputToInstant(state.arriveDate || state.departDate, state.arriveTime, state.zone);
  if (!departAt) err('/departAt', 'movements.errors.dateTime');
  if (!arriveBy) err('/arriveBy', 'movements.errors.dateTime');
  if (departAt && arriveBy && new Date(arriveBy) <= new Date(departAt)) err('/arriveBy', 'movements.errors.arrivalAfter');

  if (state.route.length === 1) err('/route', 'corridors.errors.route');
  const route = state.route.length >= 2 ? { type: 'LineString' as const, coordinates: state.route } : undefined;
  if (!state.corridorId && !route) err('/corridorId', 'movements.errors.routeOrCorridor');

  if (state.vehicles.length === 0) err('/vehicles', 'movements.errors.vehicles');
  const vehicles: Vehicle[] = state.vehicles.map((v) => ({
    type: v.type,
    ...(v.plate.trim() ? { plate: v.plate.trim() } : {}),
    ...(v.markings.trim() ? { markings: v.markings.trim() } : {}),
  }));

  const count = (text: string, path: string): number | undefined => {
    const value = parseNumber(text);
    if (value === undefined) {
      err(path, 'movements.errors.count');
      return undefined;
    }
    if (value === null || !Number.isInteger(value) || value < 0) {
      err(path, 'movements.errors.count');
      return undefined;
    }
    return value;
  };
  const personnel = count(state.personnel, '/personnel');
  const passengers = state.kind === 'evacuation' ? count(state.passengers, '/passengers') : undefined;

  const cargo: CargoLine[] = [];
  if (state.kind === 'supply') {
    state.cargo.forEach((c, i) => {
      const quantity = parseNumber(c.quantity);
      const weight = parseNumber(c.weightKg);
      if (!c.item.trim()) err(`/cargo/${i}/item`, 'corridors.errors.required');
      if (!c.unit.trim()) err(`/cargo/${i}/unit`, 'corridors.errors.required');
      if (!c.category.trim()) err(`/cargo/${i}/category`, 'corridors.errors.required');
      if (quantity === undefined || quantity === null || quantity <= 0) err(`/cargo/${i}/quantity`, 'movements.errors.quantity');
      if (weight === null || (typeof weight === 'number' && weight < 0)) err(`/cargo/${i}/weightKg`, 'movements.errors.weight');
      if (typeof quantity === 'number' && quantity > 0) {
        cargo.push({
          category: c.category.trim(),
          item: c.item.trim(),
          quantity,
          unit: c.unit.trim(),
          ...(typeof weight === 'number' ? { weightKg: weight } : {}),
        });
      }
    });
  }
  if (state.urgent && !state.justification.trim()) err('/justification', 'movements.errors.justification');

  if (errors.length || !departAt || !arriveBy || personnel === undefined) return { body: null, errors };
  const body: MovementNotification = {
    kind: state.kind,
    ...(state.corridorId ? { corridorId: state.corridorId } : {}),
    ...(route ? { route } : {}),
    departAt,
    arriveBy,
    vehicles,
    personnel,
    ...(passengers !== undefined ? { passengers } : {}),
    ...(state.kind === 'supply' ? { cargo } : {}),
    ...(state.urgent ? { urgent: true, justification: state.justification.trim() } : {}),
  };
  return { body, errors };
}

/** The server's errors, with the notice rule said in the user's language. */
export function serverErrors(err: ApiError): FormError[] {
  const list: ProblemFieldError[] = err.problem?.errors ?? [];
  return list.map((e) =>
    err.problem?.code === 'NOTICE_TOO_SHORT' && notificationFieldOfPath(e.path).field === 'departAt' ? { ...e, key: 'movements.errors.noticeTooShort' } : e,
  );
}

export type CheckState =
  | { kind: 'incomplete' }
  | { kind: 'done'; result: MovementCheck }
  | { kind: 'problem'; errors: FormError[] }
  | { kind: 'failed'; key: RequestErrorKey };

const VEHICLE_PARTS: readonly (string | null)[] = [null, 'plate', 'markings'];
const CARGO_PARTS: readonly (string | null)[] = [null, 'category', 'item', 'quantity', 'unit', 'weightKg'];

/**
 * Whether a field on screen shows the error: the fieldsets ask for exactly these (field, item, part)
 * triples, so keep the two in step. The rest are listed below the form, so none is lost.
 */
export function shownByAField(state: FormState, p: FieldPath<NotificationField>): boolean {
  const whole = p.index === null && p.sub === null;
  const item = (count: number, parts: readonly (string | null)[]) => p.index !== null && p.index < count && parts.includes(p.sub);
  switch (p.field) {
    case null:
      return false;
    case 'vehicles':
      return whole || item(state.vehicles.length, VEHICLE_PARTS);
    case 'cargo':
      return state.kind === 'supply' && (whole || item(state.cargo.length, CARGO_PARTS));
    case 'passengers':
      return whole && state.kind === 'evacuation';
    case 'justification':
      return whole && state.urgent;
    default:
      return whole;
  }
}

/** The server's errors, keyed by field path, as the form reads them. */
export function errorsOfField(errors: readonly FormError[], field: NotificationField, index?: number, sub?: string): FormError[] {
  return errors.filter((e) => {
    const p = notificationFieldOfPath(e.path);
    return p.field === field && p.index === (index ?? null) && p.sub === (sub ?? null);
  });
}
