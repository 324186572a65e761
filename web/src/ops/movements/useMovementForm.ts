import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isAbort, type Corridor, type Me, type Movement, type MovementCheck, type MovementNotification, type Org, type Page } from '../../api.ts';
import { distinctZones } from '../../time/WindowTime.tsx';
import { useFocusFirstError } from '../../ui/focus-first-error.ts';
import { KYIV_ZONE, MOSCOW_ZONE, isKnownZone } from '../../time/zones.ts';
import type { FormError } from '../../ui/form-errors.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { navigate, movementPath } from '../route.ts';
import { useApi } from '../session.tsx';
import { notificationFieldOfPath, type NotificationField } from './fields.ts';
import {
  CHECK_DELAY_MS,
  CORRIDOR_ORDER,
  buildBody,
  emptyCargo,
  emptyVehicle,
  errorsOfField,
  serverErrors,
  shownByAField,
  type CheckState,
  type FormState,
} from './movementDraft.ts';

export type UpdateForm = (change: Partial<FormState> | ((s: FormState) => Partial<FormState>)) => void;

/** What every fieldset of the notification form is handed. */
export interface MovementFieldsetProps {
  state: FormState;
  update: UpdateForm;
  /** Errors for a field (or an item of a list, or a part of it). */
  errorsFor: (field: NotificationField, index?: number, sub?: string) => FormError[];
  fieldId: (name: string) => string;
}

/**
 * The notification form's state, its check and its submit. As the fields change the server's
 * deconfliction check runs (debounced); its answer stays on screen while the next one is asked.
 */
export function useMovementForm(me: Me, orgs: readonly Org[]) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
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
  const { formRef, focusError } = useFocusFirstError(errors);

  useEffect(() => {
    const controller = new AbortController();
    api<Page<Corridor>>('/api/v1/corridors?limit=200', { signal: controller.signal })
      .then((page) => setCorridors(Array.isArray(page?.items) ? page.items : []))
      .catch((err: unknown) => {
        if (!isAbort(err)) setCorridors([]);
      });
    return () => controller.abort();
  }, [api]);

  const sortedCorridors = useMemo(
    () => [...(corridors ?? [])].sort((a, b) => CORRIDOR_ORDER.indexOf(a.status) - CORRIDOR_ORDER.indexOf(b.status) || a.name.localeCompare(b.name)),
    [corridors],
  );
  const corridor = corridors?.find((c) => c.id === state.corridorId) ?? null;

  const update: UpdateForm = (change) => {
    setState((s) => ({ ...s, ...(typeof change === 'function' ? change(s) : change) }));
  };

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
          if (err instanceof ApiError && err.problem?.errors?.length) setCheck({ kind: 'problem', errors: serverErrors(err) });
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
  }, [api, bodyKey]);

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
      if (err instanceof ApiError && err.problem?.errors?.length) {
        focusError.current = true;
        setErrors(serverErrors(err));
      }
      setFailure(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  const errorsFor = (field: NotificationField, index?: number, sub?: string) => errorsOfField(errors, field, index, sub);
  /** Those no field on screen shows, listed at the end of the form. */
  const otherErrors = errors.filter((e) => !shownByAField(state, notificationFieldOfPath(e.path)));
  const fieldLabel = (path: string): string => {
    const { field, index } = notificationFieldOfPath(path);
    if (!field) return path;
    const name = t(`movements.form.field.${field}`);
    return index === null ? name : t('corridors.errors.item', { field: name, n: index + 1 });
  };
  const fieldId = (name: string) => `${id}-${name}`;

  const partyZones = orgs.filter((o) => o.kind === 'party').map((o) => o.timeZone);
  const zoneChoices = distinctZones([me.org.timeZone, ...partyZones, KYIV_ZONE, MOSCOW_ZONE, 'UTC', state.zone]).filter(isKnownZone);
  const previewZones = distinctZones([state.zone, me.org.timeZone, ...partyZones]);

  return {
    state,
    update,
    corridors,
    sortedCorridors,
    corridor,
    drawing,
    setDrawing,
    errorsFor,
    otherErrors,
    fieldLabel,
    fieldId,
    zoneChoices,
    previewZones,
    failure,
    check,
    checking,
    busy,
    formRef,
    submit,
  };
}
