import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  PURPOSES,
  TRAFFIC,
  api,
  isAbort,
  type Corridor,
  type LineString,
  type Me,
  type Org,
  type Place,
  type Places,
  type ProblemFieldError,
} from '../../api.ts';
import { currentLang } from '../../i18n/index.ts';
import { WindowTime, distinctZones, zoneName } from '../../time/WindowTime.tsx';
import { KYIV_ZONE, MOSCOW_ZONE, isKnownZone, windowOffset } from '../../time/zones.ts';
import { isUnauthorized, requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { navigate, onLinkClick, CORRIDORS_BASE, corridorPath } from '../route.ts';
import { CorridorMap, type MappedCorridor } from '../../map/CorridorMap.tsx';
import { fieldOfPath, type ContentField } from './fields.ts';
import { PublicTextFields, emptyPointTexts } from './PublicTextFields.tsx';
import { MissingForProposal, useFieldLabel } from './ProblemList.tsx';
import { useErrorText, type ClientErrorKey, type FormError } from '../../ui/form-errors.ts';
import { Checks, DateTimeField, FieldErrors, TextField, ZoneField } from '../FormFields.tsx';
import { RouteTools, appendPoint, coord } from '../RouteTools.tsx';
import { ConfirmStep } from '../../ui/ConfirmStep.tsx';
import { buildBody, emptyWindow, initialState, key, toFormPaths, windowInstants, type FormState, type MapMode, type WindowDraft } from './corridorDraft.ts';

/* ---------- The form ---------- */

interface CorridorFormProps {
  me: Me;
  orgs: readonly Org[];
  /** null: a new draft; otherwise the corridor to amend. */
  corridorId: string | null;
  onSessionEnded: () => void;
}

/**
 * Drafts (POST /api/v1/corridors) and amends (PUT …/:id with `version`) a corridor, and proposes
 * it. The route is drawn by clicking on the map (or pasted as GeoJSON); gathering points and
 * checkpoints are placed on the map and then named; windows are typed as dates and times in a
 * chosen zone and sent with that zone's offset on that date.
 */
export function CorridorForm({ me, orgs, corridorId, onSessionEnded }: CorridorFormProps) {
  const { t } = useTranslation();
  const [corridor, setCorridor] = useState<Corridor | null>(null);
  const [loadError, setLoadError] = useState<RequestErrorKey | null>(null);
  const [places, setPlaces] = useState<Place[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    api<Places>('/api/v1/places', { signal: controller.signal })
      .then((body) => setPlaces(Array.isArray(body?.items) ? body.items : []))
      .catch((err: unknown) => {
        if (!isAbort(err) && isUnauthorized(err)) onSessionEnded();
        // Without the gazetteer, coordinates are typed by hand.
      });
    if (corridorId) {
      api<Corridor>(`/api/v1/corridors/${encodeURIComponent(corridorId)}`, { signal: controller.signal })
        .then(setCorridor)
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          if (isUnauthorized(err)) onSessionEnded();
          else setLoadError(requestErrorKey(err));
        });
    }
    return () => controller.abort();
  }, [corridorId, onSessionEnded]);

  if (loadError) {
    return (
      <p className="notice notice--error" role="alert">
        {t(loadError)}
      </p>
    );
  }
  if (corridorId && !corridor) return <p role="status">{t('app.loading')}</p>;
  return <FormBody me={me} orgs={orgs} corridor={corridor} places={places} onSessionEnded={onSessionEnded} />;
}

interface FormBodyProps {
  me: Me;
  orgs: readonly Org[];
  corridor: Corridor | null;
  places: readonly Place[];
  onSessionEnded: () => void;
}

function FormBody({ me, orgs, corridor, places, onSessionEnded }: FormBodyProps) {
  const { t } = useTranslation();
  const id = useId();
  const fieldLabel = useFieldLabel();
  const errorText = useErrorText();
  const lang = currentLang();
  const [state, setState] = useState<FormState>(() => initialState(me.org.timeZone, corridor));
  const [saved, setSaved] = useState<{ id: string; version: number; status: Corridor['status'] } | null>(
    corridor ? { id: corridor.id, version: corridor.version, status: corridor.status } : null,
  );
  const [dirty, setDirty] = useState(false);
  const [mode, setMode] = useState<MapMode>('none');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [missing, setMissing] = useState<ProblemFieldError[] | null>(null);
  const [failure, setFailure] = useState<RequestErrorKey | 'corridors.form.stale' | null>(null);
  const [notice, setNotice] = useState<'corridors.form.saved' | null>(null);
  const [confirmingPropose, setConfirmingPropose] = useState(false);
  const [busy, setBusy] = useState(false);
  const focusRef = useRef<string | null>(null);

  const partyOrgs = useMemo(() => orgs.filter((o) => o.kind === 'party'), [orgs]);
  const partyZones = state.parties.map((p) => orgs.find((o) => o.id === p)?.timeZone);
  const zoneChoices = distinctZones([me.org.timeZone, ...partyZones, KYIV_ZONE, MOSCOW_ZONE, 'UTC', state.zone]).filter(isKnownZone);
  const previewZones = distinctZones([state.zone, ...partyZones, me.org.timeZone]);

  const placeNames = useMemo(() => {
    const names = new Map<string, Place>();
    for (const p of places) {
      for (const l of [lang, 'uk', 'ru', 'en'] as const) {
        const n = p.names?.[l];
        if (n && !names.has(n.toLowerCase())) names.set(n.toLowerCase(), p);
      }
    }
    return names;
  }, [places, lang]);

  // Picking on the map: bring the map into view (on a phone it sits above the form).
  const mapBoxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (mode !== 'none') mapBoxRef.current?.scrollIntoView({ block: 'nearest' });
  }, [mode]);

  // After adding a point on the map, its name field takes the focus.
  useEffect(() => {
    if (!focusRef.current) return;
    document.getElementById(focusRef.current)?.focus({ preventScroll: false });
    focusRef.current = null;
  });

  function update(change: Partial<FormState> | ((s: FormState) => Partial<FormState>)) {
    setState((s) => ({ ...s, ...(typeof change === 'function' ? change(s) : change) }));
    setDirty(true);
    setNotice(null);
  }
  /** Changes the route from the map, the buttons or the GeoJSON text (RouteTools). */
  function setRoute(change: (route: [number, number][]) => [number, number][]) {
    update((s) => ({ route: change(s.route) }));
  }
  function onMapClick({ lat, lon }: { lat: number; lon: number }) {
    if (mode === 'route') {
      // Functional updates: two quick clicks must both add their point.
      setRoute((route) => appendPoint(route, { lat, lon }));
    } else if (mode === 'gp') {
      update((s) => {
        focusRef.current = `${id}-gp-${s.gatheringPoints.length}-name`;
        return { gatheringPoints: [...s.gatheringPoints, { key: key(), name: '', address: '', lat: coord(lat), lon: coord(lon) }] };
      });
      setMode('none');
    } else if (mode === 'cp') {
      update((s) => {
        focusRef.current = `${id}-cp-${s.checkpoints.length}-name`;
        return { checkpoints: [...s.checkpoints, { key: key(), name: '', controlledBy: s.parties[0] ?? '', lat: coord(lat), lon: coord(lon) }] };
      });
      setMode('none');
    }
  }

  function pickPlace(which: 'origin' | 'destination', name: string) {
    const place = placeNames.get(name.trim().toLowerCase());
    update((s) => ({
      [which]: place ? { name, lat: coord(place.lat), lon: coord(place.lon) } : { ...s[which], name },
    }));
  }

  /**
   * Errors for one field (or one item of a list field, or one part of it), from here or from the
   * server. Every error shown next to a field is noted, so those no field claims are listed by
   * the buttons instead of being lost (JSX is evaluated in order, so the list comes last).
   */
  const shown = new Set<FormError>();
  function errorsFor(field: ContentField, index?: number, sub?: string): FormError[] {
    const found = errors.filter((e) => {
      const p = fieldOfPath(e.path);
      return p.field === field && p.index === (index ?? null) && p.sub === (sub ?? null);
    });
    for (const e of found) shown.add(e);
    return found;
  }

  function errorsAt(path: string): FormError[] {
    const found = errors.filter((e) => e.path === path);
    for (const e of found) shown.add(e);
    return found;
  }

  async function save(): Promise<{ id: string; version: number } | null> {
    const { body, errors: local, windowRows } = buildBody(state);
    setErrors(local);
    setMissing(null);
    setFailure(null);
    if (local.length) return null;
    try {
      const result = saved
        ? await api<Corridor>(`/api/v1/corridors/${encodeURIComponent(saved.id)}`, { method: 'PUT', body: { ...body, version: saved.version } })
        : await api<Corridor>('/api/v1/corridors', { method: 'POST', body });
      setSaved({ id: result.id, version: result.version, status: result.status });
      setDirty(false);
      // The form now amends the saved corridor; the address says so without remounting it.
      window.history.replaceState(window.history.state, '', `${corridorPath(result.id)}/edit`);
      return { id: result.id, version: result.version };
    } catch (err) {
      if (isUnauthorized(err)) onSessionEnded();
      else if (err instanceof ApiError && err.status === 409) setFailure('corridors.form.stale');
      else {
        if (err instanceof ApiError && err.problem?.errors?.length) setErrors(toFormPaths(err.problem.errors, windowRows));
        setFailure(requestErrorKey(err));
      }
      return null;
    }
  }

  async function saveDraft(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await save();
    setBusy(false);
    if (result) setNotice('corridors.form.saved');
  }

  async function propose() {
    if (busy) return;
    setBusy(true);
    try {
      // Unchanged and already before the parties: nothing to send again.
      if (saved && !dirty && saved.status === 'proposed') {
        navigate(corridorPath(saved.id));
        return;
      }
      const target = dirty || !saved || saved.status !== 'draft' ? await save() : saved;
      if (!target) return;
      try {
        await api<Corridor>(`/api/v1/corridors/${encodeURIComponent(target.id)}/propose`, { method: 'POST' });
        navigate(corridorPath(target.id));
      } catch (err) {
        if (isUnauthorized(err)) onSessionEnded();
        else if (err instanceof ApiError && err.status === 422 && err.problem?.errors?.length) {
          setMissing(err.problem.errors);
          setErrors(err.problem.errors.map((e) => ({ ...e, key: 'corridors.errors.missing' as ClientErrorKey })));
        } else setFailure(requestErrorKey(err));
      }
    } finally {
      setBusy(false);
    }
  }

  const draft: MappedCorridor = useMemo(() => {
    const { body } = buildBody(state);
    const route: LineString | undefined = state.route.length >= 2 ? { type: 'LineString', coordinates: state.route } : undefined;
    // The area comes from the server: a saved corridor's is drawn while its route and buffer stay as saved.
    const unchanged = corridor && JSON.stringify(route ?? null) === JSON.stringify(corridor.route ?? null) && body.bufferMeters === corridor.bufferMeters;
    return { ...body, id: 'draft', status: 'draft', route, area: unchanged ? corridor.area : null };
  }, [state, corridor]);
  const mapped = useMemo(() => [draft], [draft]);
  const vertices = useMemo(
    () => (mode === 'route' || state.route.length === 1 ? state.route.map(([lon, lat]) => ({ lat, lon })) : []),
    [mode, state.route],
  );
  // The map follows the corridor being amended, and the origin and destination once they are set
  // (not each new vertex: that would move the map under the pointer while drawing).
  const ends = [draft.origin, draft.destination].map((p) => (p ? `${p.lat},${p.lon}` : '')).join('|');
  const focusKey = corridor ? `edit-${corridor.id}` : ends === '|' ? undefined : ends;
  const amending = saved !== null;
  const voids = corridor && corridor.status !== 'draft' && corridor.status !== 'closed';

  const fieldId = (name: string) => `${id}-${name}`;
  const described = (list: FormError[], name: string) => (list.length ? `${fieldId(name)}-err` : undefined);

  return (
    <form className="corridor-form" data-testid="corridor-form" onSubmit={saveDraft} noValidate>
      <a className="back-link" href={saved ? corridorPath(saved.id) : CORRIDORS_BASE} onClick={onLinkClick}>
        <span aria-hidden="true">← </span>
        {saved ? t('corridors.form.backToCorridor') : t('corridors.back')}
      </a>
      <h1 className="corridors__title">
        {amending ? t('corridors.form.amendHeading', { version: saved.version }) : t('corridors.form.newHeading')}
      </h1>
      {voids && <p className="notice">{t('corridors.form.voidsApprovals', { version: corridor.version })}</p>}
      <p className="field__hint">{t('corridors.form.intro')}</p>

      {missing && <MissingForProposal errors={missing} />}
      {failure && (
        <p className="notice notice--error" role="alert" data-testid="form-error">
          {t(failure)}
        </p>
      )}
      {notice && (
        <p className="notice notice--ok" role="status" data-testid="form-saved">
          {t(notice, { version: saved?.version ?? 1 })}
        </p>
      )}

      <div className="corridor-form__layout">
        <div className="corridor-form__fields">
          <fieldset className="group">
            <legend>{t('corridors.form.basics')}</legend>
            <TextField id={fieldId('name')} label={t('corridors.field.name')} value={state.name} onChange={(name) => update({ name })} errors={errorsFor('name')} required />
            <Checks
              legend={t('corridors.field.purpose')}
              options={PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
              selected={state.purpose}
              onChange={(purpose) => update({ purpose })}
              errors={errorsFor('purpose')}
            />
          </fieldset>

          <fieldset className="group">
            <legend>{t('corridors.form.endpoints')}</legend>
            <datalist id={fieldId('places')}>
              {places.map((p) => (
                <option key={p.id} value={p.names?.[lang] ?? p.names?.en ?? p.id} />
              ))}
            </datalist>
            {(['origin', 'destination'] as const).map((which) => (
              <div key={which} className="point-row">
                <TextField
                  id={fieldId(which)}
                  label={t(`corridors.field.${which}`)}
                  hint={t('corridors.form.placeHint')}
                  value={state[which].name}
                  list={fieldId('places')}
                  onChange={(v) => pickPlace(which, v)}
                  errors={[...errorsFor(which), ...errorsFor(which, undefined, 'name')]}
                />
                <div className="point-row__coords">
                  <TextField
                    id={fieldId(`${which}-lat`)}
                    label={t(`corridors.form.${which}Lat`)}
                    value={state[which].lat}
                    inputMode="decimal"
                    onChange={(lat) => update((s) => ({ [which]: { ...s[which], lat } }))}
                    errors={errorsFor(which, undefined, 'lat')}
                  />
                  <TextField
                    id={fieldId(`${which}-lon`)}
                    label={t(`corridors.form.${which}Lon`)}
                    value={state[which].lon}
                    inputMode="decimal"
                    onChange={(lon) => update((s) => ({ [which]: { ...s[which], lon } }))}
                    errors={errorsFor(which, undefined, 'lon')}
                  />
                </div>
              </div>
            ))}
          </fieldset>

          <fieldset className="group">
            <legend>{t('corridors.field.route')}</legend>
            <p className="field__hint">{t('corridors.form.routeHint')}</p>
            <RouteTools
              id={fieldId('route-json')}
              route={state.route}
              onChange={setRoute}
              drawing={mode === 'route'}
              onDrawingChange={(on) => setMode(on ? 'route' : 'none')}
              errors={errorsFor('route')}
            />
            <TextField
              id={fieldId('buffer')}
              label={t('corridors.form.bufferLabel')}
              value={state.bufferMeters}
              inputMode="numeric"
              hint={t('corridors.form.bufferHint')}
              onChange={(bufferMeters) => update({ bufferMeters })}
              errors={errorsFor('bufferMeters')}
            />
          </fieldset>

          <fieldset className="group">
            <legend>{t('corridors.field.gatheringPoints')}</legend>
            <p className="field__hint">{t('corridors.form.gpHint')}</p>
            <button
              type="button"
              className="button button--secondary"
              aria-pressed={mode === 'gp'}
              onClick={() => setMode(mode === 'gp' ? 'none' : 'gp')}
              data-testid="gp-place"
            >
              {mode === 'gp' ? t('corridors.form.placingGp') : t('corridors.form.placeGp')}
            </button>
            <FieldErrors id={`${fieldId('gp')}-err`} errors={errorsFor('gatheringPoints')} />
            <ol className="item-list">
              {state.gatheringPoints.map((g, i) => {
                const itemErrors = errorsFor('gatheringPoints', i);
                return (
                  <li key={g.key} className="item" data-testid="gp-item">
                    <p className="item__title">
                      <span className="symbol symbol--gp" aria-hidden="true" />
                      {t('corridors.form.gpN', { n: i + 1 })}
                    </p>
                    <FieldErrors id={`${fieldId(`gp-${i}`)}-err`} errors={itemErrors} />
                    <TextField
                      id={`${id}-gp-${i}-name`}
                      label={t('corridors.form.gpName', { n: i + 1 })}
                      value={g.name}
                      onChange={(name) => update((s) => ({ gatheringPoints: s.gatheringPoints.map((x) => (x.key === g.key ? { ...x, name } : x)) }))}
                      errors={errorsFor('gatheringPoints', i, 'name')}
                    />
                    <TextField
                      id={`${id}-gp-${i}-address`}
                      label={t('corridors.form.gpAddress', { n: i + 1 })}
                      value={g.address}
                      onChange={(address) => update((s) => ({ gatheringPoints: s.gatheringPoints.map((x) => (x.key === g.key ? { ...x, address } : x)) }))}
                      errors={errorsFor('gatheringPoints', i, 'address')}
                    />
                    <div className="point-row__coords">
                      <TextField
                        id={`${id}-gp-${i}-lat`}
                        label={t('corridors.form.gpLat', { n: i + 1 })}
                        value={g.lat}
                        inputMode="decimal"
                        onChange={(lat) => update((s) => ({ gatheringPoints: s.gatheringPoints.map((x) => (x.key === g.key ? { ...x, lat } : x)) }))}
                        errors={errorsFor('gatheringPoints', i, 'lat')}
                      />
                      <TextField
                        id={`${id}-gp-${i}-lon`}
                        label={t('corridors.form.gpLon', { n: i + 1 })}
                        value={g.lon}
                        inputMode="decimal"
                        onChange={(lon) => update((s) => ({ gatheringPoints: s.gatheringPoints.map((x) => (x.key === g.key ? { ...x, lon } : x)) }))}
                        errors={errorsFor('gatheringPoints', i, 'lon')}
                      />
                    </div>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      onClick={() => update((s) => ({ gatheringPoints: s.gatheringPoints.filter((x) => x.key !== g.key) }))}
                    >
                      {t('corridors.form.remove', { what: g.name || t('corridors.form.gpN', { n: i + 1 }) })}
                    </button>
                  </li>
                );
              })}
            </ol>
          </fieldset>

          <fieldset className="group">
            <legend>{t('corridors.field.checkpoints')}</legend>
            <p className="field__hint">{t('corridors.form.cpHint')}</p>
            <button
              type="button"
              className="button button--secondary"
              aria-pressed={mode === 'cp'}
              onClick={() => setMode(mode === 'cp' ? 'none' : 'cp')}
              data-testid="cp-place"
            >
              {mode === 'cp' ? t('corridors.form.placingCp') : t('corridors.form.placeCp')}
            </button>
            <FieldErrors id={`${fieldId('cp')}-err`} errors={errorsFor('checkpoints')} />
            <ol className="item-list">
              {state.checkpoints.map((c, i) => (
                <li key={c.key} className="item" data-testid="cp-item">
                  <p className="item__title">
                    <span className="symbol symbol--cp" aria-hidden="true" />
                    {t('corridors.form.cpN', { n: i + 1 })}
                  </p>
                  <FieldErrors id={`${fieldId(`cp-${i}`)}-err`} errors={errorsFor('checkpoints', i)} />
                  <TextField
                    id={`${id}-cp-${i}-name`}
                    label={t('corridors.form.cpName', { n: i + 1 })}
                    value={c.name}
                    onChange={(name) => update((s) => ({ checkpoints: s.checkpoints.map((x) => (x.key === c.key ? { ...x, name } : x)) }))}
                    errors={errorsFor('checkpoints', i, 'name')}
                  />
                  <div className="field">
                    <label htmlFor={`${id}-cp-${i}-party`}>{t('corridors.form.cpParty', { n: i + 1 })}</label>
                    <select
                      id={`${id}-cp-${i}-party`}
                      value={c.controlledBy}
                      aria-invalid={errorsFor('checkpoints', i, 'controlledBy').length > 0}
                      aria-describedby={described(errorsFor('checkpoints', i, 'controlledBy'), `cp-${i}-party`)}
                      onChange={(e) => {
                        const controlledBy = e.target.value;
                        update((s) => ({ checkpoints: s.checkpoints.map((x) => (x.key === c.key ? { ...x, controlledBy } : x)) }));
                      }}
                    >
                      <option value="">{t('corridors.form.choose')}</option>
                      {partyOrgs.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </select>
                    <FieldErrors id={`${fieldId(`cp-${i}-party`)}-err`} errors={errorsFor('checkpoints', i, 'controlledBy')} />
                  </div>
                  <div className="point-row__coords">
                    <TextField
                      id={`${id}-cp-${i}-lat`}
                      label={t('corridors.form.cpLat', { n: i + 1 })}
                      value={c.lat}
                      inputMode="decimal"
                      onChange={(lat) => update((s) => ({ checkpoints: s.checkpoints.map((x) => (x.key === c.key ? { ...x, lat } : x)) }))}
                      errors={errorsFor('checkpoints', i, 'lat')}
                    />
                    <TextField
                      id={`${id}-cp-${i}-lon`}
                      label={t('corridors.form.cpLon', { n: i + 1 })}
                      value={c.lon}
                      inputMode="decimal"
                      onChange={(lon) => update((s) => ({ checkpoints: s.checkpoints.map((x) => (x.key === c.key ? { ...x, lon } : x)) }))}
                      errors={errorsFor('checkpoints', i, 'lon')}
                    />
                  </div>
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    onClick={() => update((s) => ({ checkpoints: s.checkpoints.filter((x) => x.key !== c.key) }))}
                  >
                    {t('corridors.form.remove', { what: c.name || t('corridors.form.cpN', { n: i + 1 }) })}
                  </button>
                </li>
              ))}
            </ol>
          </fieldset>

          <fieldset className="group">
            <legend>{t('corridors.field.windows')}</legend>
            <ZoneField
              id={fieldId('zone')}
              label={t('corridors.form.zone')}
              hint={t('corridors.form.zoneHint', { zone: zoneName(state.zone, t) })}
              value={state.zone}
              zones={zoneChoices}
              onChange={(zone) => update({ zone })}
            />
            <FieldErrors id={`${fieldId('windows')}-err`} errors={errorsFor('windows')} />
            <ol className="item-list">
              {state.windows.map((w, i) => {
                const instants = windowInstants(w, state.zone);
                const setW = (change: Partial<WindowDraft>) =>
                  update((s) => ({ windows: s.windows.map((x) => (x.key === w.key ? { ...x, ...change } : x)) }));
                const rowErrors = errorsFor('windows', i).concat(errorsFor('windows', i, 'start'), errorsFor('windows', i, 'end'));
                return (
                  <li key={w.key} className="item" data-testid="window-item">
                    <p className="item__title">{t('corridors.form.windowN', { n: i + 1 })}</p>
                    <div className="window-inputs">
                      <DateTimeField id={`${id}-w-${i}-start-date`} type="date" label={t('corridors.form.startDate', { n: i + 1 })} value={w.startDate} onChange={(startDate) => setW({ startDate })} invalid={rowErrors.length > 0} />
                      <DateTimeField id={`${id}-w-${i}-start-time`} type="time" label={t('corridors.form.startTime', { n: i + 1 })} value={w.startTime} onChange={(startTime) => setW({ startTime })} invalid={rowErrors.length > 0} />
                      <DateTimeField id={`${id}-w-${i}-end-date`} type="date" label={t('corridors.form.endDate', { n: i + 1 })} value={w.endDate} onChange={(endDate) => setW({ endDate })} invalid={rowErrors.length > 0} />
                      <DateTimeField id={`${id}-w-${i}-end-time`} type="time" label={t('corridors.form.endTime', { n: i + 1 })} value={w.endTime} onChange={(endTime) => setW({ endTime })} invalid={rowErrors.length > 0} />
                    </div>
                    <FieldErrors id={`${id}-w-${i}-err`} errors={rowErrors} />
                    {instants && (
                      <div className="window-preview" data-testid="window-preview" data-start={instants.start} data-end={instants.end}>
                        <span className="window-preview__sent">
                          {t('corridors.form.sentAs', { start: instants.start, end: instants.end, offset: windowOffset(instants, state.zone) })}
                        </span>
                        <WindowTime window={instants} zones={previewZones} />
                      </div>
                    )}
                    <button type="button" className="button button--small button--secondary" onClick={() => update((s) => ({ windows: s.windows.filter((x) => x.key !== w.key) }))}>
                      {t('corridors.form.remove', { what: t('corridors.form.windowN', { n: i + 1 }) })}
                    </button>
                  </li>
                );
              })}
            </ol>
            <button type="button" className="button button--secondary" onClick={() => update((s) => ({ windows: [...s.windows, emptyWindow()] }))} data-testid="window-add">
              {t('corridors.form.addWindow')}
            </button>
          </fieldset>

          <fieldset className="group">
            <legend>{t('corridors.form.agreement')}</legend>
            <Checks
              legend={t('corridors.field.parties')}
              options={partyOrgs.map((o) => ({ value: o.id, label: o.name }))}
              selected={state.parties}
              onChange={(parties) => update({ parties })}
              errors={errorsFor('parties').concat(...state.parties.map((_, i) => errorsFor('parties', i)))}
              empty={t('corridors.form.noPartyOrgs')}
            />
            <Checks
              legend={t('corridors.field.allowedTraffic')}
              options={TRAFFIC.map((k) => ({ value: k, label: t(`traffic.${k}`) }))}
              selected={state.allowedTraffic}
              onChange={(allowedTraffic) => update({ allowedTraffic })}
              errors={errorsFor('allowedTraffic')}
            />
            <TextField
              id={fieldId('eligibility')}
              label={t('corridors.field.eligibility')}
              hint={t('corridors.form.eligibilityHint')}
              value={state.eligibility}
              onChange={(eligibility) => update({ eligibility })}
              errors={errorsFor('eligibility')}
              multiline
            />
            <TextField
              id={fieldId('max-vehicles')}
              label={t('corridors.field.maxVehicles')}
              value={state.maxVehicles}
              inputMode="numeric"
              onChange={(maxVehicles) => update({ maxVehicles })}
              errors={errorsFor('maxVehicles')}
            />
            <TextField
              id={fieldId('conditions')}
              label={t('corridors.field.conditions')}
              value={state.conditions}
              onChange={(conditions) => update({ conditions })}
              errors={errorsFor('conditions')}
              multiline
            />
            <div className="field">
              <label htmlFor={fieldId('unilateral')}>{t('corridors.form.unilateral')}</label>
              <select id={fieldId('unilateral')} value={state.unilateralBy} onChange={(e) => update({ unilateralBy: e.target.value })}>
                <option value="">{t('corridors.form.notUnilateral')}</option>
                {partyOrgs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              <FieldErrors id={`${fieldId('unilateral')}-err`} errors={errorsFor('unilateral')} />
            </div>
            {state.unilateralBy && (
              <TextField
                id={fieldId('unilateral-source')}
                label={t('corridors.form.unilateralSource')}
                value={state.unilateralSource}
                onChange={(unilateralSource) => update({ unilateralSource })}
                errors={[]}
              />
            )}
          </fieldset>
          <PublicTextFields
            idPrefix={id}
            main={state.publicText}
            staff={{ eligibility: state.eligibility, conditions: state.conditions, gatheringPoints: state.gatheringPoints }}
            onMain={(lang, change) => update((s) => ({ publicText: { ...s.publicText, [lang]: { ...s.publicText[lang], ...change } } }))}
            onPoint={(index, lang, change) =>
              update((s) => ({
                gatheringPoints: s.gatheringPoints.map((g, i) => {
                  if (i !== index) return g;
                  const texts = g.texts ?? emptyPointTexts();
                  return { ...g, texts: { ...texts, [lang]: { ...texts[lang], ...change } } };
                }),
              }))
            }
            errorsAt={errorsAt}
          />
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
            <button type="submit" className="button" disabled={busy} data-testid="save-draft">
              {t('corridors.form.saveDraft')}
            </button>
            <button type="button" className="button button--approve" disabled={busy} aria-expanded={confirmingPropose} onClick={() => setConfirmingPropose(true)} data-testid="propose">
              {t('corridors.actions.propose')}
            </button>
          </div>
          {confirmingPropose && (
            <ConfirmStep
              title={t('corridors.confirm.proposeTitle')}
              confirmLabel={t('corridors.confirm.proposeConfirm')}
              busy={busy}
              onConfirm={() => {
                setConfirmingPropose(false);
                void propose();
              }}
              onCancel={() => setConfirmingPropose(false)}
              testId="confirm-propose"
            >
              <p>{t('corridors.confirm.proposeFacts')}</p>
            </ConfirmStep>
          )}
        </div>

        <div className="corridor-form__map" ref={mapBoxRef}>
          <p className={`map-mode${mode === 'none' ? '' : ' map-mode--active'}`} role="status" data-testid="map-mode" data-mode={mode}>
            {t(`corridors.form.mode.${mode}`)}
          </p>
          <CorridorMap
            corridors={mapped}
            vertices={vertices}
            focusKey={focusKey}
            onMapClick={mode === 'none' ? null : onMapClick}
            className="corridor-form__mapbox"
          />
        </div>
      </div>
    </form>
  );
}
