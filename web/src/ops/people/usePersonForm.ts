import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, parseProblem, type Me, type Person, type PersonRegistered, type Site } from '../../api.ts';
import { readBirthDate } from '../../components/BirthDateFields.tsx';
import type { FormError } from '../../ui/form-errors.ts';
import { useFocusFirstError } from '../../ui/focus-first-error.ts';
import { discardItem } from '../../outbox/outbox.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi, useEnqueue } from '../session.tsx';
import type { DuplicateItem } from './DuplicateList.tsx';
import { usePeopleSearch, type NameQuery } from './describe.tsx';
import { fullName, personFieldOfPath, type PersonField } from './fields.ts';
import { buildBody, emptyState, type FormState, type Queued, type Saved } from './personDraft.ts';

/** What every fieldset of the registration form is handed. */
export interface PersonFieldsetProps {
  state: FormState;
  update: (change: Partial<FormState>) => void;
  errorsFor: (field: PersonField) => FormError[];
  fieldId: (name: string) => string;
}

/**
 * The registration form's state, its live duplicate check and its submit: through the outbox, so
 * at a site without signal the registration waits on the device; once stored, the server's likely
 * duplicates are read by id for their names.
 */
export function usePersonForm(me: Me, sites: readonly Site[] | null) {
  const api = useApi();
  const enqueue = useEnqueue();
  const { t } = useTranslation();
  const id = useId();
  const ownSites = useMemo(() => (sites ?? []).filter((s) => s.orgId === me.orgId), [sites, me.orgId]);
  const [state, setState] = useState<FormState>(() => emptyState());
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState<Queued | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);

  // One site only: it is the registrar's.
  const onlySite = ownSites.length === 1 ? (ownSites[0]?.id ?? '') : '';
  useEffect(() => {
    if (onlySite) setState((s) => (s.site ? s : { ...s, site: onlySite }));
  }, [onlySite]);

  const { formRef, focusError } = useFocusFirstError(errors);

  function update(change: Partial<FormState>) {
    setState((s) => ({ ...s, ...change }));
  }

  // The duplicate check while typing: once given and family name are there.
  const birth = readBirthDate(state.birth);
  const name = fullName(state);
  const query: NameQuery | null =
    !saved && state.givenName.trim() && state.familyName.trim() ? { name, ...(birth.value ? { birthDate: birth.value } : {}) } : null;
  const { state: check } = usePeopleSearch(query);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const built = buildBody(state);
    setFailure(null);
    setErrors(built.errors);
    focusError.current = built.errors.length > 0;
    if (!built.body) {
      setFailure('ops.errors.invalid');
      return;
    }
    setBusy(true);
    setQueued(null);
    try {
      // Through the outbox: at a site without signal the registration waits on the device, with its time.
      const tappedAt = new Date().toISOString();
      const sent = await enqueue({ kind: 'registration', path: '/api/v1/people', body: { ...built.body, tappedAt }, tappedAt }).catch(() => null);
      let created: PersonRegistered;
      if (sent === null) created = await api<PersonRegistered>('/api/v1/people', { method: 'POST', body: built.body });
      else if (sent.outcome === 'sent') created = sent.body as PersonRegistered;
      else if (sent.outcome === 'refused') {
        // Refused while the registrar is at the form: said on the form, not left in the outbox.
        await discardItem(sent.item);
        throw new ApiError(sent.item.problem?.status ?? 422, parseProblem(sent.body, sent.item.problem?.status ?? 422));
      } else {
        // Waiting, or signed out (the session ends and the registration goes after the next sign-in).
        setQueued({ person: { givenName: built.body.givenName, familyName: built.body.familyName, patronymic: built.body.patronymic ?? null }, at: tappedAt });
        setState(emptyState());
        setErrors([]);
        return;
      }
      const person = { givenName: built.body.givenName, familyName: built.body.familyName, patronymic: built.body.patronymic ?? null };
      const matches = (created.possibleDuplicates ?? []).filter((d) => d.id !== created.id);
      const elsewhere = created.flaggedElsewhere ?? [];
      setSaved({ id: created.id, person, duplicates: matches.length ? null : [], elsewhere });
      if (matches.length) {
        // The answer gives ids and scores: the names come from each record.
        const read = await Promise.all(
          matches.map((d) =>
            api<Person>(`/api/v1/people/${encodeURIComponent(d.id)}`)
              .then((p): DuplicateItem => ({ id: d.id, score: d.score, person: p }))
              .catch((): DuplicateItem => ({ id: d.id, score: d.score, person: null })),
          ),
        );
        setSaved({ id: created.id, person, duplicates: read, elsewhere });
      }
    } catch (err) {
      if (err instanceof ApiError && err.problem?.errors?.length) {
        focusError.current = true;
        setErrors(err.problem.errors);
      }
      setFailure(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  /** After a saved registration: an empty form for the next person, at the same site. */
  function another() {
    setSaved(null);
    setErrors([]);
    setFailure(null);
    setState((s) => emptyState(s.site));
  }

  const errorsFor = (field: PersonField): FormError[] => errors.filter((e) => personFieldOfPath(e.path).field === field);
  /** Those no field shows (every field of PERSON_FIELDS has a fieldset), listed at the end of the form. */
  const otherErrors = errors.filter((e) => personFieldOfPath(e.path).field === null);
  const fieldId = (name: string) => `${id}-${name}`;
  const fieldLabel = (path: string): string => {
    const { field } = personFieldOfPath(path);
    return field ? t(`people.field.${field}`) : path;
  };

  return { state, update, ownSites, birth, query, check, errorsFor, otherErrors, fieldLabel, fieldId, failure, busy, queued, saved, another, formRef, submit };
}
