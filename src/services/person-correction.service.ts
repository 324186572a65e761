import { birthYearOf, coreNameKeys, nameCore } from '../domain/names/index.ts';
import { DomainError, forbidden, notFound, type FieldError } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { isPlausibleBirthDate, type Sex, type Vulnerability } from '../domain/person.ts';
import { isAllowed } from '../domain/policy.ts';
import { insertPersonCorrection, listPersonCorrections, markCorrectionUndone, type PersonCorrectionRow } from '../store/person-corrections.repository.ts';
import { findPerson, findSite, insertNameKeys, updateCorrectedPerson, type PersonRecord } from '../store/people-registry.repository.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';
import { getPerson, possibleDuplicates, type Match, type PersonView } from './people.service.ts';
import { actorNames, whoOf, type ActorName } from './user-names.service.ts';

/**
 * Correcting a registered person's record (issue 13 point 7): a registrar of the registering
 * organisation changes names, birth date, sex, vulnerabilities or site, saying why. The record is
 * reindexed in the same transaction (core name, birth year, blocking keys), the correction is kept
 * with who/when/why and each field before and after (person_corrections) so it can be undone, and
 * the duplicate warnings are computed again for the corrected record.
 */

/** The fields a correction may change, by their API names. */
export interface PersonCorrection {
  givenName?: string | undefined;
  familyName?: string | undefined;
  patronymic?: string | null | undefined;
  birthDate?: string | null | undefined;
  sex?: Sex | null | undefined;
  vulnerabilities?: Vulnerability[] | undefined;
  site?: string | null | undefined;
}

type Field = keyof PersonCorrection;
type Value = string | string[] | null;
export type FieldChanges = Partial<Record<Field, { from: Value; to: Value }>>;

export interface CorrectionView {
  id: string;
  at: string;
  byUser: string;
  /** Who corrected, as the viewer may see them (a name only where allowed). */
  who: ActorName | null;
  reason: string;
  changes: FieldChanges;
  undoes: string | null;
  undoneBy: string | null;
}

export interface CorrectionResult {
  person: PersonView;
  correction: CorrectionView;
  /** The organisation's people the corrected record may be a duplicate of, as registration warns. */
  possibleDuplicates: Match[];
}

const FIELDS: readonly Field[] = ['givenName', 'familyName', 'patronymic', 'birthDate', 'sex', 'vulnerabilities', 'site'];

function currentValue(row: PersonRecord, field: Field): Value {
  switch (field) {
    case 'givenName': return row.given_name;
    case 'familyName': return row.family_name;
    case 'patronymic': return row.patronymic;
    case 'birthDate': return row.birth_date;
    case 'sex': return row.sex;
    case 'vulnerabilities': return row.vulnerabilities ? (JSON.parse(row.vulnerabilities) as string[]) : [];
    case 'site': return row.site_id;
  }
}

function normalised(field: Field, value: Value | undefined): Value | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return [...new Set(value)];
  if (typeof value === 'string' && field !== 'site') return value.trim() === '' && field === 'patronymic' ? null : value.trim();
  return value;
}

const same = (a: Value, b: Value): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The record's columns after the changes, with its index columns. */
function updatedColumns(row: PersonRecord, changes: FieldChanges): Partial<PersonRecord> {
  const value = <T extends Value>(field: Field, fallback: T): T => (changes[field] ? (changes[field].to as T) : fallback);
  const given = value<string>('givenName', row.given_name);
  const family = value<string>('familyName', row.family_name);
  const birthDate = value<string | null>('birthDate', row.birth_date);
  return {
    given_name: given,
    family_name: family,
    patronymic: value<string | null>('patronymic', row.patronymic),
    birth_date: birthDate,
    sex: value<string | null>('sex', row.sex),
    vulnerabilities: JSON.stringify(value<string[]>('vulnerabilities', currentValue(row, 'vulnerabilities') as string[])),
    site_id: value<string | null>('site', row.site_id),
    name_core: nameCore(given, family),
    birth_year: birthYearOf(birthDate),
  };
}

async function checkChanges(ctx: ServiceContext, actor: Actor, row: PersonRecord, changes: FieldChanges): Promise<void> {
  const errors: FieldError[] = [];
  const birthDate = changes.birthDate?.to;
  if (typeof birthDate === 'string' && !isPlausibleBirthDate(birthDate, ctx.now())) {
    errors.push({ path: '/changes/birthDate', code: 'BIRTH_DATE_INVALID', message: 'a real date, not in the future, from 1900 on' });
  }
  if (errors.length > 0) throw new DomainError('rule', 'IMPLAUSIBLE_BIRTH_DATE', 'The birth date is not a real past date.', errors);
  const site = changes.site?.to;
  if (typeof site === 'string') {
    const found = await findSite(ctx.db, site);
    if (!found || found.org_id !== actor.orgId) {
      throw new DomainError('rule', 'UNKNOWN_SITE', 'No such site of your organisation.', [{ path: '/changes/site', message: 'one of your organisation’s sites' }]);
    }
  }
  if (site === null && row.consent_tracing === 1) {
    throw new DomainError('rule', 'CONSENT_NEEDS_SITE', 'The person consented to tracing: tracing answers give their site, so the site stays until consent is withdrawn.', [
      { path: '/changes/site', message: 'a site, while the person consents to tracing' },
    ]);
  }
}

/** The person's row for a change by this actor: 404 to whoever may not read it, 403 to a reader who may not change it. */
async function changeableRow(ctx: ServiceContext, actor: Actor, id: string): Promise<PersonRecord> {
  const row = await findPerson(ctx.db, id);
  if (!row || !isAllowed(actor, 'person.read', row.org_id)) throw notFound('person');
  if (!isAllowed(actor, 'person.register', row.org_id)) throw forbidden('correct this record');
  if (row.merged_into !== null) throw new DomainError('conflict', 'ALREADY_MERGED', 'This record was merged into another: correct that one.');
  return row;
}

function view(row: PersonCorrectionRow, names: ReadonlyMap<string, ActorName>): CorrectionView {
  return { id: row.id, at: row.at, byUser: row.by_user, who: whoOf(names, row.by_user), reason: row.reason, changes: JSON.parse(row.changes) as FieldChanges, undoes: row.undoes, undoneBy: row.undone_by };
}

async function apply(ctx: ServiceContext, actor: Actor, row: PersonRecord, changes: FieldChanges, reason: string, undoes: string | null): Promise<CorrectionResult> {
  await checkChanges(ctx, actor, row, changes);
  const columns = updatedColumns(row, changes);
  const correction: PersonCorrectionRow = { id: newId(), person_id: row.id, at: '', by_user: actor.userId, reason, changes: JSON.stringify(changes), undoes, undone_by: null };
  await runCommand(ctx, actor, async (trx, nowIso) => {
    await updateCorrectedPerson(trx, row.id, { ...columns, updated_at: nowIso });
    // The new core name's keys; the old core name's stay for the other people who have it.
    if (columns.name_core !== row.name_core) await insertNameKeys(trx, columns.name_core!, coreNameKeys(columns.name_core!));
    correction.at = nowIso;
    await insertPersonCorrection(trx, correction);
    if (undoes !== null) await markCorrectionUndone(trx, undoes, correction.id);
    return {
      result: undefined,
      audit: { action: undoes === null ? 'person.correct' : 'person.correct.undo', subjectType: 'person', subjectId: row.id, payload: { correction: correction.id, fields: Object.keys(changes), reason, undoes } },
    };
  });
  const person = await getPerson(ctx, actor, row.id);
  const duplicates = await possibleDuplicates(ctx, actor, {
    givenName: person.givenName,
    familyName: person.familyName,
    patronymic: person.patronymic,
    birthDate: person.birthDate ?? undefined,
  });
  return { person, correction: view(correction, await actorNames(ctx, actor, [actor.userId])), possibleDuplicates: duplicates.filter((d) => d.id !== row.id) };
}

/** Corrects the fields given; fields given with their current value are left out. 422 when nothing changes. */
export async function correctPerson(ctx: ServiceContext, actor: Actor, id: string, input: { changes: PersonCorrection; reason: string }): Promise<CorrectionResult> {
  const row = await changeableRow(ctx, actor, id);
  const changes: FieldChanges = {};
  for (const field of FIELDS) {
    const to = normalised(field, input.changes[field] as Value | undefined);
    const from = currentValue(row, field);
    if (to !== undefined && !same(from, to)) changes[field] = { from, to };
  }
  if (Object.keys(changes).length === 0) throw new DomainError('rule', 'NOTHING_TO_CORRECT', 'The correction changes nothing: every field already has that value.');
  return apply(ctx, actor, row, changes, input.reason.trim(), null);
}

/**
 * Takes a correction back: its fields return to their values before it. Only the person's latest
 * correction that is still in force can be undone, so that no later correction is overwritten.
 */
export async function undoCorrection(ctx: ServiceContext, actor: Actor, id: string, correctionId: string, input: { reason: string }): Promise<CorrectionResult> {
  const row = await changeableRow(ctx, actor, id);
  const corrections = await listPersonCorrections(ctx.db, id);
  const target = corrections.find((c) => c.id === correctionId);
  if (!target) throw notFound('correction');
  if (target.undone_by !== null) throw new DomainError('conflict', 'CORRECTION_ALREADY_UNDONE', 'This correction was undone already.');
  const latest = corrections.filter((c) => c.undone_by === null && c.undoes === null).at(-1);
  if (latest?.id !== target.id || corrections.at(-1)?.id !== target.id) {
    throw new DomainError('conflict', 'CORRECTION_NOT_LATEST', 'A later correction changed this record: undo that one first.');
  }
  const changes: FieldChanges = {};
  for (const [field, change] of Object.entries(JSON.parse(target.changes) as FieldChanges)) {
    if (change) changes[field as Field] = { from: change.to, to: change.from };
  }
  return apply(ctx, actor, row, changes, input.reason.trim(), target.id);
}

/** The person's corrections, oldest first, to the registering organisation. */
export async function listCorrections(ctx: ServiceContext, actor: Actor, id: string): Promise<CorrectionView[]> {
  const row = await findPerson(ctx.db, id);
  if (!row || !isAllowed(actor, 'person.register', row.org_id)) throw notFound('person');
  const rows = await listPersonCorrections(ctx.db, id);
  const names = await actorNames(ctx, actor, rows.map((c) => c.by_user));
  return rows.map((c) => view(c, names));
}
