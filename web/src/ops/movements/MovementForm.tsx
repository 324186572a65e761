import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  MOVEMENT_KINDS,
  VEHICLE_TYPES,
  api,
  isAbort,
  type CargoLine,
  type Corridor,
  type CorridorStatus,
  type Me,
  type Movement,
  type MovementCheck,
  type MovementKind,
  type MovementNotification,
  type Org,
  type Page,
  type ProblemFieldError,
  type Vehicle,
  type VehicleType,
} from '../../api.ts';
import { InstantTime, distinctZones, zoneName } from '../../time/WindowTime.tsx';
import { KYIV_ZONE, MOSCOW_ZONE, isKnownZone, zonedInputToInstant } from '../../time/zones.ts';
import { CorridorMap, type MappedCorridor } from '../../map/CorridorMap.tsx';
import { orgNamer } from '../../ui/format.ts';
import { useErrorText, type FormError, type MovementErrorKey } from '../../ui/form-errors.ts';
import { isUnauthorized, requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { Checks, DateTimeField, FieldErrors, TextField, ZoneField } from '../FormFields.tsx';
import { navigate, onLinkClick, MOVEMENTS_BASE, movementPath } from '../route.ts';
import { RouteTools, appendPoint, type RouteCoords } from '../RouteTools.tsx';
import { WarningList, useMovementWords } from './describe.tsx';
import { CARGO_CATEGORIES, CARGO_UNITS, notificationFieldOfPath, type NotificationField } from './fields.ts';
import { parseNumber } from '../../ui/parse-number.ts';

/* ---------- Form state: text as typed, turned into a request body ---------- */

interface VehicleDraft {
  key: number;
  type: VehicleType;
  plate: string;
  markings: string;
}

interface CargoDraft {
  key: number;
  category: string;
  item: string;
  quantity: string;
  unit: string;
  weightKg: string;
}

interface FormState {
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

const emptyVehicle = (type: VehicleType = 'bus'): VehicleDraft => ({ key: key(), type, plate: '', markings: '' });
const emptyCargo = (): CargoDraft => ({ key: key(), category: 'food', item: '', quantity: '', unit: '', weightKg: '' });

const CHECK_DELAY_MS = 600;

/** Corridors worth choosing first: open, then agreed; the rest after, each with its status shown. */
const CORRIDOR_ORDER: readonly CorridorStatus[] = ['open', 'agreed', 'proposed', 'suspended', 'draft', 'rejected', 'closed'];

interface Built {
  body: MovementNotification | null;
  errors: FormError[];
}

/**
 * The request body from what was typed, and what is wrong before asking the server. Fields the
 * kind does not take (cargo on an evacuation, passengers on a supply run) are left out.
 */
function buildBody(state: FormState): Built {
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
function serverErrors(err: ApiError): FormError[] {
  const list: ProblemFieldError[] = err.problem?.errors ?? [];
  return list.map((e) =>
    err.problem?.code === 'NOTICE_TOO_SHORT' && notificationFieldOfPath(e.path).field === 'departAt' ? { ...e, key: 'movements.errors.noticeTooShort' } : e,
  );
}

type CheckState =
  | { kind: 'incomplete' }
  | { kind: 'done'; result: MovementCheck }
  | { kind: 'problem'; errors: FormError[] }
  | { kind: 'failed'; key: RequestErrorKey };

/* ---------- The form ---------- */

interface MovementFormProps {
  me: Me;
  orgs: readonly Org[];
  onSessionEnded: () => void;
}

/**
 * /ops/movements/new: an agency notifies a movement. As the fields change the server's
 * deconfliction check runs (debounced) and its warnings, the parties who must acknowledge and the
 * deadline show before anything is sent.
 */
export function MovementForm({ me, orgs, onSessionEnded }: MovementFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const words = useMovementWords();
  const errorText = useErrorText();
  const orgName = useMemo(() => orgNamer(orgs), [orgs]);
  const [corridors, setCorridors] = useState<Corridor[] | null>(null);
  const [state, setState] = useState<FormState>(() => ({
    kind: 'evacuation',
    corridorId: '',
    route: [],
    zone: me.org.timeZone,
    departDate: '',
    departTime: '',
    arriveDate: '',
    arriveTime: '',
    vehicles: [emptyVehicle()],
    personnel: '',
    passengers: '',
    cargo: [emptyCargo()],
    urgent: false,
    justification: '',
  }));
  const [drawing, setDrawing] = useState(false);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [check, setCheck] = useState<CheckState>({ kind: 'incomplete' });
  const [checking, setChecking] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // After a refused submit, the first field with an error takes the focus (scrolled into view).
  const focusError = useRef(false);
  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  }, [errors]);

  useEffect(() => {
    const controller = new AbortController();
    api<Page<Corridor>>('/api/v1/corridors?limit=200', { signal: controller.signal })
      .then((page) => setCorridors(Array.isArray(page?.items) ? page.items : []))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        if (isUnauthorized(err)) onSessionEnded();
        else setCorridors([]);
      });
    return () => controller.abort();
  }, [onSessionEnded]);

  const sortedCorridors = useMemo(
    () => [...(corridors ?? [])].sort((a, b) => CORRIDOR_ORDER.indexOf(a.status) - CORRIDOR_ORDER.indexOf(b.status) || a.name.localeCompare(b.name)),
    [corridors],
  );
  const corridor = corridors?.find((c) => c.id === state.corridorId) ?? null;

  function update(change: Partial<FormState> | ((s: FormState) => Partial<FormState>)) {
    setState((s) => ({ ...s, ...(typeof change === 'function' ? change(s) : change) }));
  }

  const built = useMemo(() => buildBody(state), [state]);
  const bodyKey = built.body ? JSON.stringify(built.body) : '';

  // The deconfliction check, once the notification is complete enough, a moment after typing stops.
  useEffect(() => {
    if (!bodyKey) {
      setCheck({ kind: 'incomplete' });
      setChecking(false);
      return;
    }
    const controller = new AbortController();
    // The last answer stays on screen, marked as being checked again.
    setChecking(true);
    const timer = window.setTimeout(() => {
      api<MovementCheck>('/api/v1/movements/check', { method: 'POST', body: JSON.parse(bodyKey) as MovementNotification, signal: controller.signal })
        .then((result) => setCheck({ kind: 'done', result }))
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          if (isUnauthorized(err)) onSessionEnded();
          else if (err instanceof ApiError && err.problem?.errors?.length) setCheck({ kind: 'problem', errors: serverErrors(err) });
          else setCheck({ kind: 'failed', key: requestErrorKey(err) });
        })
        .finally(() => {
          if (!controller.signal.aborted) setChecking(false);
        });
    }, CHECK_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [bodyKey, onSessionEnded]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setErrors([...built.errors]);
    focusError.current = built.errors.length > 0;
    if (!built.body) {
      setFailure('ops.errors.invalid');
      return;
    }
    setBusy(true);
    try {
      const created = await api<Movement>('/api/v1/movements', { method: 'POST', body: built.body });
      navigate(movementPath(created.id));
    } catch (err) {
      if (isUnauthorized(err)) onSessionEnded();
      else {
        if (err instanceof ApiError && err.problem?.errors?.length) {
          focusError.current = true;
          setErrors(serverErrors(err));
        }
        setFailure(requestErrorKey(err));
      }
    } finally {
      setBusy(false);
    }
  }

  /** Errors for a field (or an item of a list, or a part of it); those no field claims are listed at the end. */
  const shown = new Set<FormError>();
  function errorsFor(field: NotificationField, index?: number, sub?: string): FormError[] {
    const found = errors.filter((e) => {
      const p = notificationFieldOfPath(e.path);
      return p.field === field && p.index === (index ?? null) && p.sub === (sub ?? null);
    });
    for (const e of found) shown.add(e);
    return found;
  }
  const fieldLabel = (path: string): string => {
    const { field, index } = notificationFieldOfPath(path);
    if (!field) return path;
    const name = t(`movements.form.field.${field}`);
    return index === null ? name : t('corridors.errors.item', { field: name, n: index + 1 });
  };

  // The map: the chosen corridor with its area, and the own route being drawn (a line: the server buffers it once sent).
  const mapped = useMemo<MappedCorridor[]>(() => {
    const list: MappedCorridor[] = [];
    if (corridor) list.push(corridor);
    if (state.route.length >= 2) {
      list.push({ id: 'own-route', name: t('movements.ownRoute'), status: 'draft', route: { type: 'LineString', coordinates: state.route } });
    }
    return list;
  }, [corridor, state.route, t]);
  const vertices = useMemo(() => (drawing || state.route.length === 1 ? state.route.map(([lon, lat]) => ({ lat, lon })) : []), [drawing, state.route]);
  const focusKey = state.corridorId || undefined;

  const partyZones = orgs.filter((o) => o.kind === 'party').map((o) => o.timeZone);
  const zoneChoices = distinctZones([me.org.timeZone, ...partyZones, KYIV_ZONE, MOSCOW_ZONE, 'UTC', state.zone]).filter(isKnownZone);
  const previewZones = distinctZones([state.zone, me.org.timeZone, ...partyZones]);
  const departAt = zonedInputToInstant(state.departDate, state.departTime, state.zone);
  const arriveBy = zonedInputToInstant(state.arriveDate || state.departDate, state.arriveTime, state.zone);
  const fieldId = (name: string) => `${id}-${name}`;
  const departErrors = errorsFor('departAt');
  const arriveErrors = errorsFor('arriveBy');

  return (
    <form ref={formRef} className="corridor-form movement-form" data-testid="movement-form" onSubmit={submit} noValidate>
      <a className="back-link" href={MOVEMENTS_BASE} onClick={onLinkClick}>
        <span aria-hidden="true">← </span>
        {t('movements.back')}
      </a>
      <h1 className="corridors__title">{t('movements.form.heading')}</h1>
      <p className="field__hint">{t('movements.form.intro', { agency: me.org.name })}</p>

      <div className="corridor-form__layout">
        <div className="corridor-form__fields">
          <fieldset className="group">
            <legend>{t('movements.form.basics')}</legend>
            <div className="field">
              <label htmlFor={fieldId('kind')}>{t('movements.form.field.kind')}</label>
              <select id={fieldId('kind')} value={state.kind} onChange={(e) => update({ kind: e.target.value as MovementKind })} data-testid="movement-kind">
                {MOVEMENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`movements.kind.${k}`)}
                  </option>
                ))}
              </select>
              <p className="field__hint">{t(`movements.form.kindHint.${state.kind}`)}</p>
              <FieldErrors id={`${fieldId('kind')}-err`} errors={errorsFor('kind')} />
            </div>
            <div className="field">
              <label htmlFor={fieldId('corridor')}>{t('movements.form.field.corridorId')}</label>
              <select
                id={fieldId('corridor')}
                value={state.corridorId}
                aria-invalid={errorsFor('corridorId').length > 0}
                aria-describedby={`${fieldId('corridor')}-hint`}
                onChange={(e) => update({ corridorId: e.target.value })}
                data-testid="movement-corridor"
              >
                <option value="">{t('movements.form.noCorridor')}</option>
                {sortedCorridors.map((c) => (
                  <option key={c.id} value={c.id}>
                    {t('movements.form.corridorOption', { name: c.name, status: t(`status.${c.status}`) })}
                  </option>
                ))}
              </select>
              <p id={`${fieldId('corridor')}-hint`} className="field__hint">
                {corridors === null ? t('app.loading') : t('movements.form.corridorHint')}
              </p>
              <FieldErrors id={`${fieldId('corridor')}-err`} errors={errorsFor('corridorId')} />
            </div>
          </fieldset>

          <fieldset className="group">
            <legend>{t('movements.form.ownRoute')}</legend>
            <p className="field__hint">{t(state.corridorId ? 'movements.form.ownRouteHintCorridor' : 'movements.form.ownRouteHint')}</p>
            <RouteTools
              id={fieldId('route-json')}
              route={state.route}
              onChange={(change) => update((s) => ({ route: change(s.route) }))}
              drawing={drawing}
              onDrawingChange={setDrawing}
              errors={errorsFor('route')}
            />
          </fieldset>

          <fieldset className="group">
            <legend>{t('movements.form.times')}</legend>
            <ZoneField
              id={fieldId('zone')}
              label={t('corridors.form.zone')}
              hint={t('corridors.form.zoneHint', { zone: zoneName(state.zone, t) })}
              value={state.zone}
              zones={zoneChoices}
              onChange={(zone) => update({ zone })}
            />
            <div className="window-inputs">
              <DateTimeField id={fieldId('depart-date')} type="date" label={t('movements.form.departDate')} value={state.departDate} onChange={(departDate) => update({ departDate })} invalid={departErrors.length > 0} />
              <DateTimeField id={fieldId('depart-time')} type="time" label={t('movements.form.departTime')} value={state.departTime} onChange={(departTime) => update({ departTime })} invalid={departErrors.length > 0} />
            </div>
            <FieldErrors id={`${fieldId('depart')}-err`} errors={departErrors} />
            {departAt && (
              <div className="window-preview" data-testid="depart-preview" data-instant={departAt}>
                <span className="window-preview__sent">{t('movements.form.sentAs', { value: departAt })}</span>
                <InstantTime instant={departAt} zones={previewZones} />
              </div>
            )}
            <div className="window-inputs">
              <DateTimeField id={fieldId('arrive-date')} type="date" label={t('movements.form.arriveDate')} value={state.arriveDate} onChange={(arriveDate) => update({ arriveDate })} invalid={arriveErrors.length > 0} />
              <DateTimeField id={fieldId('arrive-time')} type="time" label={t('movements.form.arriveTime')} value={state.arriveTime} onChange={(arriveTime) => update({ arriveTime })} invalid={arriveErrors.length > 0} />
            </div>
            <p className="field__hint">{t('movements.form.arriveDateHint')}</p>
            <FieldErrors id={`${fieldId('arrive')}-err`} errors={arriveErrors} />
            {arriveBy && (
              <div className="window-preview" data-testid="arrive-preview" data-instant={arriveBy}>
                <span className="window-preview__sent">{t('movements.form.sentAs', { value: arriveBy })}</span>
                <InstantTime instant={arriveBy} zones={previewZones} />
              </div>
            )}
          </fieldset>

          <fieldset className="group">
            <legend>{t('movements.form.vehicles')}</legend>
            <FieldErrors id={`${fieldId('vehicles')}-err`} errors={errorsFor('vehicles')} />
            <ol className="item-list">
              {state.vehicles.map((v, i) => {
                const setV = (change: Partial<VehicleDraft>) => update((s) => ({ vehicles: s.vehicles.map((x) => (x.key === v.key ? { ...x, ...change } : x)) }));
                return (
                  <li key={v.key} className="item" data-testid="vehicle-item">
                    <p className="item__title">{t('movements.form.vehicleN', { n: i + 1 })}</p>
                    <FieldErrors id={`${fieldId(`v-${i}`)}-err`} errors={errorsFor('vehicles', i)} />
                    <div className="vehicle-inputs">
                      <div className="field">
                        <label htmlFor={fieldId(`v-${i}-type`)}>{t('movements.form.vehicleType', { n: i + 1 })}</label>
                        <select id={fieldId(`v-${i}-type`)} value={v.type} onChange={(e) => setV({ type: e.target.value as VehicleType })}>
                          {VEHICLE_TYPES.map((type) => (
                            <option key={type} value={type}>
                              {t(`movements.vehicle.${type}`)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <TextField id={fieldId(`v-${i}-plate`)} label={t('movements.form.vehiclePlate', { n: i + 1 })} value={v.plate} onChange={(plate) => setV({ plate })} errors={errorsFor('vehicles', i, 'plate')} />
                      <TextField id={fieldId(`v-${i}-markings`)} label={t('movements.form.vehicleMarkings', { n: i + 1 })} value={v.markings} onChange={(markings) => setV({ markings })} errors={errorsFor('vehicles', i, 'markings')} />
                    </div>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      onClick={() => update((s) => ({ vehicles: s.vehicles.filter((x) => x.key !== v.key) }))}
                      data-testid="vehicle-remove"
                    >
                      {t('corridors.form.remove', { what: t('movements.form.vehicleN', { n: i + 1 }) })}
                    </button>
                  </li>
                );
              })}
            </ol>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => update((s) => ({ vehicles: [...s.vehicles, emptyVehicle(s.vehicles[s.vehicles.length - 1]?.type ?? (s.kind === 'supply' ? 'truck' : 'bus'))] }))}
              data-testid="vehicle-add"
            >
              {t('movements.form.addVehicle')}
            </button>
          </fieldset>

          <fieldset className="group">
            <legend>{t('movements.form.people')}</legend>
            <p className="field__hint">{t('movements.form.countsHint')}</p>
            <div className="point-row__coords">
              <TextField id={fieldId('personnel')} label={t('movements.form.field.personnel')} value={state.personnel} inputMode="numeric" onChange={(personnel) => update({ personnel })} errors={errorsFor('personnel')} />
              {state.kind === 'evacuation' && (
                <TextField id={fieldId('passengers')} label={t('movements.form.field.passengers')} value={state.passengers} inputMode="numeric" onChange={(passengers) => update({ passengers })} errors={errorsFor('passengers')} />
              )}
            </div>
          </fieldset>

          {state.kind === 'supply' && (
            <fieldset className="group">
              <legend>{t('movements.form.field.cargo')}</legend>
              <datalist id={fieldId('units')}>
                {CARGO_UNITS.map((u) => (
                  <option key={u} value={u} />
                ))}
              </datalist>
              <FieldErrors id={`${fieldId('cargo')}-err`} errors={errorsFor('cargo')} />
              <ol className="item-list">
                {state.cargo.map((c, i) => {
                  const setC = (change: Partial<CargoDraft>) => update((s) => ({ cargo: s.cargo.map((x) => (x.key === c.key ? { ...x, ...change } : x)) }));
                  return (
                    <li key={c.key} className="item" data-testid="cargo-item">
                      <p className="item__title">{t('movements.form.cargoN', { n: i + 1 })}</p>
                      <FieldErrors id={`${fieldId(`c-${i}`)}-err`} errors={errorsFor('cargo', i)} />
                      <div className="cargo-inputs">
                        <div className="field">
                          <label htmlFor={fieldId(`c-${i}-category`)}>{t('movements.form.cargoCategory', { n: i + 1 })}</label>
                          <select id={fieldId(`c-${i}-category`)} value={c.category} onChange={(e) => setC({ category: e.target.value })}>
                            {CARGO_CATEGORIES.map((cat) => (
                              <option key={cat} value={cat}>
                                {words.category(cat)}
                              </option>
                            ))}
                          </select>
                          <FieldErrors id={`${fieldId(`c-${i}-category`)}-err`} errors={errorsFor('cargo', i, 'category')} />
                        </div>
                        <TextField id={fieldId(`c-${i}-item`)} label={t('movements.form.cargoItem', { n: i + 1 })} value={c.item} onChange={(item) => setC({ item })} errors={errorsFor('cargo', i, 'item')} />
                        <TextField id={fieldId(`c-${i}-quantity`)} label={t('movements.form.cargoQuantity', { n: i + 1 })} value={c.quantity} inputMode="decimal" onChange={(quantity) => setC({ quantity })} errors={errorsFor('cargo', i, 'quantity')} />
                        <TextField id={fieldId(`c-${i}-unit`)} label={t('movements.form.cargoUnit', { n: i + 1 })} value={c.unit} list={fieldId('units')} onChange={(unit) => setC({ unit })} errors={errorsFor('cargo', i, 'unit')} />
                        <TextField id={fieldId(`c-${i}-weight`)} label={t('movements.form.cargoWeight', { n: i + 1 })} value={c.weightKg} inputMode="decimal" onChange={(weightKg) => setC({ weightKg })} errors={errorsFor('cargo', i, 'weightKg')} />
                      </div>
                      <button type="button" className="button button--small button--secondary" onClick={() => update((s) => ({ cargo: s.cargo.filter((x) => x.key !== c.key) }))} data-testid="cargo-remove">
                        {t('corridors.form.remove', { what: t('movements.form.cargoN', { n: i + 1 }) })}
                      </button>
                    </li>
                  );
                })}
              </ol>
              <button type="button" className="button button--secondary" onClick={() => update((s) => ({ cargo: [...s.cargo, emptyCargo()] }))} data-testid="cargo-add">
                {t('movements.form.addCargo')}
              </button>
            </fieldset>
          )}

          <fieldset className="group">
            <legend>{t('movements.form.urgency')}</legend>
            <Checks
              legend={t('movements.form.urgencyLegend')}
              options={[{ value: 'urgent', label: t('movements.form.field.urgent') }]}
              selected={state.urgent ? ['urgent'] : []}
              onChange={(values) => update({ urgent: values.includes('urgent') })}
              errors={errorsFor('urgent')}
            />
            {state.urgent && (
              <TextField
                id={fieldId('justification')}
                label={t('movements.form.field.justification')}
                hint={t('movements.form.justificationHint')}
                value={state.justification}
                onChange={(justification) => update({ justification })}
                errors={errorsFor('justification')}
                multiline
              />
            )}
          </fieldset>

          <CheckPanel check={check} checking={checking} zones={previewZones} zone={me.org.timeZone} orgName={orgName} fieldLabel={fieldLabel} />

          {failure && (
            <p className="notice notice--error" role="alert" data-testid="form-error">
              {t(failure)}
            </p>
          )}
          {errors.some((e) => !shown.has(e)) && (
            <ul className="notice notice--error problem-list" role="alert" data-testid="other-errors">
              {errors
                .filter((e) => !shown.has(e))
                .map((e, i) => (
                  <li key={`${e.path}-${i}`} data-path={e.path}>
                    {fieldLabel(e.path)}: {errorText(e)}
                  </li>
                ))}
            </ul>
          )}
          <div className="form-actions">
            <button type="submit" className="button button--approve" disabled={busy} data-testid="movement-submit">
              {busy ? t('movements.form.submitting') : t('movements.form.submit')}
            </button>
            <a className="form-actions__check" href="#check-heading" data-state={checking ? 'checking' : check.kind}>
              {checking
                ? t('movements.form.check.checking')
                : check.kind === 'done'
                  ? check.result.warnings.length
                    ? t('movements.form.check.warningCount', { count: check.result.warnings.length })
                    : t('movements.warnings.none')
                  : check.kind === 'incomplete'
                    ? t('movements.form.check.notYet')
                    : t('movements.form.check.seeAbove')}
            </a>
          </div>
        </div>

        <div className="corridor-form__map">
          <p className={`map-mode${drawing ? ' map-mode--active' : ''}`} role="status" data-testid="map-mode" data-mode={drawing ? 'route' : 'none'}>
            {t(drawing ? 'corridors.form.mode.route' : 'movements.form.mapHint')}
          </p>
          <CorridorMap
            corridors={mapped}
            vertices={vertices}
            focusKey={focusKey}
            onMapClick={drawing ? (p) => update((s) => ({ route: appendPoint(s.route, p) })) : null}
            className="corridor-form__mapbox"
          />
        </div>
      </div>
    </form>
  );
}

/** What the server's check says before anything is sent: warnings, who must acknowledge, by when. */
function CheckPanel({
  check,
  checking,
  zones,
  zone,
  orgName,
  fieldLabel,
}: {
  check: CheckState;
  checking: boolean;
  zones: readonly string[];
  zone: string;
  orgName: (id: string) => string;
  fieldLabel: (path: string) => string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <section
      className={`check-panel${checking ? ' check-panel--checking' : ''}`}
      aria-labelledby="check-heading"
      aria-busy={checking}
      data-testid="movement-check"
      data-state={checking ? 'checking' : check.kind}
    >
      <h2 id="check-heading" className="check-panel__heading">
        {t('movements.form.check.heading')}
        {checking && <span className="check-panel__busy"> {t('movements.form.check.checking')}</span>}
      </h2>
      {check.kind === 'incomplete' && !checking && <p className="muted">{t('movements.form.check.incomplete')}</p>}
      {check.kind === 'failed' && <p className="notice notice--error">{t(check.key)}</p>}
      {check.kind === 'problem' && (
        <div className="notice notice--error" data-testid="check-problems">
          <p>{t('movements.form.check.problems')}</p>
          <ul className="problem-list">
            {check.errors.map((e, i) => (
              <li key={`${e.path}-${i}`} data-path={e.path}>
                {fieldLabel(e.path)}: {errorText(e)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {check.kind === 'done' && (
        <>
          <h3 className="check-panel__sub">{t('movements.warnings.heading')}</h3>
          <WarningList warnings={check.result.warnings} zone={zone} testId="movement-warnings" />
          <h3 className="check-panel__sub">{t('movements.form.check.mustAcknowledge')}</h3>
          <ul className="plain-list" data-testid="required-acks">
            {check.result.requiredAcknowledgements.map((p) => (
              <li key={p} data-party={p}>
                {orgName(p)}
              </li>
            ))}
          </ul>
          <h3 className="check-panel__sub">{t('movements.form.check.deadline')}</h3>
          <p data-testid="ack-deadline" data-instant={check.result.acknowledgementDeadline}>
            <InstantTime instant={check.result.acknowledgementDeadline} zones={zones} />
          </p>
          <p className="ack-meaning">{t('movements.ack.meaning')}</p>
        </>
      )}
    </section>
  );
}
