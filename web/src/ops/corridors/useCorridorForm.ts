import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, type Corridor, type LineString, type Me, type Org, type Place, type ProblemFieldError } from '../../api.ts';
import { currentLang } from '../../i18n/index.ts';
import { distinctZones } from '../../time/WindowTime.tsx';
import { KYIV_ZONE, MOSCOW_ZONE, isKnownZone } from '../../time/zones.ts';
import type { ClientErrorKey, FormError } from '../../ui/form-errors.ts';
import type { MappedCorridor } from '../../map/CorridorMap.tsx';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { appendPoint, coord } from '../RouteTools.tsx';
import { navigate, corridorPath } from '../route.ts';
import { useApi } from '../session.tsx';
import { fieldOfPath, type ContentField } from './fields.ts';
import { buildBody, initialState, key, shownByAField, toFormPaths, type FormState, type MapMode } from './corridorDraft.ts';

export type UpdateCorridorForm = (change: Partial<FormState> | ((s: FormState) => Partial<FormState>)) => void;

/** What every fieldset of the corridor form is handed. */
export interface CorridorFieldsetProps {
  state: FormState;
  update: UpdateCorridorForm;
  /** Errors for a field (or an item of a list field, or a part of it), from here or from the server. */
  errorsFor: (field: ContentField, index?: number, sub?: string) => FormError[];
  fieldId: (name: string) => string;
}

interface Saved {
  id: string;
  version: number;
  status: Corridor['status'];
}

/**
 * The corridor form's state, its save (POST a new draft, PUT an amendment with `version`) and its
 * proposal. `corridor` is the one being amended (null for a new draft), `places` the gazetteer.
 */
export function useCorridorForm(me: Me, orgs: readonly Org[], corridor: Corridor | null, places: readonly Place[]) {
  const api = useApi();
  const id = useId();
  const lang = currentLang();
  const [state, setState] = useState<FormState>(() => initialState(me.org.timeZone, corridor));
  const [saved, setSaved] = useState<Saved | null>(corridor ? { id: corridor.id, version: corridor.version, status: corridor.status } : null);
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

  const update: UpdateCorridorForm = (change) => {
    setState((s) => ({ ...s, ...(typeof change === 'function' ? change(s) : change) }));
    setDirty(true);
    setNotice(null);
  };
  /** Changes the route from the map, the buttons or the GeoJSON text (RouteTools). */
  const setRoute = (change: (route: [number, number][]) => [number, number][]) => update((s) => ({ route: change(s.route) }));

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

  /** A name typed or picked from the gazetteer: a known place brings its coordinates. */
  function pickPlace(which: 'origin' | 'destination', name: string) {
    const place = placeNames.get(name.trim().toLowerCase());
    update((s) => ({
      [which]: place ? { name, lat: coord(place.lat), lon: coord(place.lon) } : { ...s[which], name },
    }));
  }

  const errorsFor = (field: ContentField, index?: number, sub?: string): FormError[] =>
    errors.filter((e) => {
      const p = fieldOfPath(e.path);
      return p.field === field && p.index === (index ?? null) && p.sub === (sub ?? null);
    });
  const errorsAt = (path: string): FormError[] => errors.filter((e) => e.path === path);
  /** Those no field on screen shows, listed by the buttons instead of being lost. */
  const otherErrors = errors.filter((e) => !shownByAField(state, e.path));

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
      if (err instanceof ApiError && err.status === 409) setFailure('corridors.form.stale');
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
        if (err instanceof ApiError && err.status === 422 && err.problem?.errors?.length) {
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

  const fieldId = (name: string) => `${id}-${name}`;

  return {
    id,
    state,
    update,
    setRoute,
    saved,
    mode,
    setMode,
    onMapClick,
    pickPlace,
    errorsFor,
    errorsAt,
    otherErrors,
    missing,
    failure,
    notice,
    confirmingPropose,
    setConfirmingPropose,
    busy,
    saveDraft,
    propose,
    partyOrgs,
    zoneChoices,
    previewZones,
    mapBoxRef,
    mapped,
    vertices,
    focusKey,
    fieldId,
  };
}
