import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { Lang } from '../domain/gazetteer.ts';
import type { Actor } from '../domain/identity.ts';
import { birthYearOf, coreNameKeys, DEFAULT_DUPLICATE_THRESHOLD, DEFAULT_MATCH_THRESHOLD, nameCore, prepareName, prepareRegisteredName } from '../domain/names/index.ts';
import {
  askerDateUnlocks,
  isPlausibleBirthDate,
  untraceableReasons,
  type ProtectionStatus,
  type Sex,
  type UntraceableReason,
  type Vulnerability,
} from '../domain/person.ts';
import { personSteps, type PersonStep } from '../domain/next-steps.ts';
import { isAllowed, scopeOf } from '../domain/policy.ts';
import { familyNameKeys } from '../domain/registry-search.ts';
import { findMergedIds, findPerson, findPeopleInHousehold, findSite, insertPersonWithKeys, updatePerson, type CandidateRow, type PersonRecord } from '../store/people-registry.repository.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';
import { matchesFor } from './people-matching.ts';
import { crossOrgFlagRows } from './person-shares.service.ts';
import { insertFlag } from '../store/person-links.repository.ts';
import { contactsOf } from './sites.service.ts';
import { tapTimeError } from '../domain/movement.ts';
import type { FoundPersonOutT, PersonMatchOutT, PersonOutT } from '../http/schemas/people.ts';

/**
 * The people registry (docs/design.md §People). Names, birth dates and vulnerabilities never leave the
 * organisation that registered them, except to the mediator's tracing desk; audit payloads and
 * events carry ids only.
 */

/** A public tracing request is answered "yes" only above this: a wrong yes sends a family to the wrong place. */
export const STRONG_MATCH_THRESHOLD = 0.9;

export interface PersonInput {
  givenName: string;
  familyName: string;
  patronymic?: string | undefined;
  birthDate?: string | undefined;
  sex?: Sex | undefined;
  vulnerabilities?: Vulnerability[] | undefined;
  householdId?: string | undefined;
  site?: string | undefined;
  consentTracing?: boolean | undefined;
  /** Set only by a PFIF import: the record's id in the repository it came from. */
  pfifRecordId?: string | undefined;
  /** When the registrar made it, if the device sent it later from its outbox: kept as the registration time when plausible. */
  tappedAt?: string | undefined;
}

/** A registered person as the API gives it (src/http/schemas/people.ts). */
export type PersonView = PersonOutT;

export type Match = PersonMatchOutT;

function present(row: PersonRecord, mergedIds: string[], allowedActions: PersonStep[]): PersonView {
  const missing = untraceableReasons({ consentTracing: row.consent_tracing === 1, site: row.site_id, birthDate: row.birth_date });
  return {
    id: row.id,
    orgId: row.org_id,
    givenName: row.given_name,
    familyName: row.family_name,
    patronymic: row.patronymic,
    birthDate: row.birth_date,
    sex: row.sex,
    vulnerabilities: row.vulnerabilities ? (JSON.parse(row.vulnerabilities) as string[]) : [],
    householdId: row.household_id,
    site: row.site_id,
    consentTracing: row.consent_tracing === 1,
    protection: row.protection_status ? { status: row.protection_status, documentNumber: row.protection_document } : null,
    createdAt: row.created_at,
    tracing: { traceable: missing.length === 0, missing },
    mergedIds,
    allowedActions,
  };
}

export async function checkOwnSite(ctx: ServiceContext, actor: Actor, siteId: string, path: string): Promise<void> {
  const site = await findSite(ctx.db, siteId);
  if (!site || site.org_id !== actor.orgId) {
    throw new DomainError('rule', 'UNKNOWN_SITE', 'No such site of your organisation.', [{ path, message: 'one of your organisation’s sites' }]);
  }
}

/** Consent without a site would promise a family an answer that public tracing can never give. */
const consentNeedsSite = (path: string): DomainError =>
  new DomainError('rule', 'CONSENT_NEEDS_SITE', 'Consent to tracing needs the site whose contact a tracing answer gives.', [
    { path, message: 'choose the site where the person can be reached first' },
  ]);

function checkBirthDate(ctx: ServiceContext, birthDate: string | undefined): void {
  if (birthDate && !isPlausibleBirthDate(birthDate, ctx.now())) {
    throw new DomainError('rule', 'IMPLAUSIBLE_BIRTH_DATE', 'The birth date is not a real past date.', [{ path: '/birthDate', code: 'BIRTH_DATE_INVALID', message: 'a real date, not in the future, from 1900 on' }]);
  }
}

/**
 * The registration's duplicate check: the organisation's own people whose name and birth date
 * score at least DEFAULT_DUPLICATE_THRESHOLD, best first, at most 10. Another organisation's
 * registry is not this registrar's to see.
 */
export async function possibleDuplicates(
  ctx: ServiceContext,
  actor: Actor,
  person: { givenName: string; patronymic?: string | null | undefined; familyName: string; birthDate?: string | undefined },
): Promise<Match[]> {
  if (!isAllowed(actor, 'person.register', actor.orgId)) throw forbidden('register people');
  const wanted = { name: prepareRegisteredName(person), birthDate: person.birthDate ?? null };
  const matches = await matchesFor(ctx, wanted, { orgId: actor.orgId, threshold: DEFAULT_DUPLICATE_THRESHOLD });
  return matches.slice(0, 10).map((m) => ({ id: m.row.id, score: Math.round(m.score * 1000) / 1000 }));
}

function nameOf(input: Pick<PersonInput, 'givenName' | 'familyName' | 'patronymic'>): { givenName: string; familyName: string; patronymic: string | null } {
  return { givenName: input.givenName.trim(), familyName: input.familyName.trim(), patronymic: input.patronymic?.trim() || null };
}

/** The stored record of a registration and its name-index keys: the one shape the form and PFIF store. */
export function personRecordOf(actor: Actor, input: PersonInput, id: string, nowIso: string): { record: PersonRecord; keys: string[] } {
  const person = nameOf(input);
  const core = nameCore(person.givenName, person.familyName);
  return {
    record: {
      id,
      org_id: actor.orgId,
      given_name: person.givenName,
      family_name: person.familyName,
      patronymic: person.patronymic,
      birth_date: input.birthDate ?? null,
      sex: input.sex ?? null,
      vulnerabilities: JSON.stringify([...new Set(input.vulnerabilities ?? [])]),
      household_id: input.householdId ?? null,
      site_id: input.site ?? null,
      consent_tracing: input.consentTracing ? 1 : 0,
      protection_status: null,
      protection_document: null,
      created_at: nowIso,
      created_by: actor.userId,
      updated_at: nowIso,
      pfif_record_id: input.pfifRecordId ?? null,
      name_core: core,
      birth_year: birthYearOf(input.birthDate),
      merged_into: null,
    },
    keys: [...new Set([...coreNameKeys(core), ...familyNameKeys(person.familyName)])],
  };
}

/**
 * A registration, with its likely duplicates among the organisation's own people. Likely
 * duplicates in other organisations are flagged for the tracing desk in the same step, by id and
 * score: the registrar cannot read those records, so a choice to flag them would be blind.
 */
export async function registerPerson(ctx: ServiceContext, actor: Actor, input: PersonInput): Promise<{ id: string; possibleDuplicates: Match[]; flaggedElsewhere: Match[] }> {
  if (!isAllowed(actor, 'person.register', actor.orgId)) throw forbidden('register people');
  checkBirthDate(ctx, input.birthDate);
  if (input.site) await checkOwnSite(ctx, actor, input.site, '/site');
  if (input.consentTracing && !input.site) throw consentNeedsSite('/consentTracing');
  const tappedAt = input.tappedAt ? new Date(input.tappedAt).toISOString() : null;
  const timeError = tappedAt ? tapTimeError(tappedAt, ctx.now(), null, 'REGISTRATION', '') : null;
  if (timeError) throw new DomainError('rule', timeError.code, `The registration time ${timeError.message}.`, [{ path: '/tappedAt', message: timeError.message }]);
  const wanted = { name: prepareRegisteredName(nameOf(input)), birthDate: input.birthDate ?? null };
  const matches = await matchesFor(ctx, wanted, { threshold: DEFAULT_DUPLICATE_THRESHOLD });
  const duplicates = matches.filter((m) => m.row.org_id === actor.orgId).slice(0, 10).map((m) => ({ id: m.row.id, score: Math.round(m.score * 1000) / 1000 }));
  const id = newId();
  const flags = await runCommand(ctx, actor, async (trx, nowIso) => {
    const { record, keys } = personRecordOf(actor, input, id, nowIso);
    await insertPersonWithKeys(trx, tappedAt ? { ...record, created_at: tappedAt } : record, keys);
    const rows = crossOrgFlagRows(actor, record, matches, nowIso);
    for (const row of rows) await insertFlag(trx, row);
    return {
      result: rows,
      audit: {
        action: 'person.register',
        subjectType: 'person',
        subjectId: id,
        payload: { orgId: actor.orgId, site: input.site ?? null, duplicates: duplicates.length, flags: rows.map((r) => ({ other: r.other_person_id, score: r.score })) },
      },
    };
  });
  return { id, possibleDuplicates: duplicates, flaggedElsewhere: flags.map((r) => ({ id: r.other_person_id, score: r.score })) };
}

/**
 * A person by id. An id merged into another record reads that record, which answers for both.
 */
export async function getPerson(ctx: ServiceContext, actor: Actor, id: string): Promise<PersonView> {
  const row = await findAnswering(ctx, id);
  if (!row || !isAllowed(actor, 'person.read', row.org_id)) throw notFound('person');
  return present(row, await findMergedIds(ctx.db, row.id), personSteps(actor, { orgId: row.org_id }));
}

/** The record that answers for an id: the person, or the record they were merged into. */
export async function findAnswering(ctx: ServiceContext, id: string): Promise<PersonRecord | undefined> {
  let row = await findPerson(ctx.db, id);
  // A merge points at a record that is not merged itself; the bound only guards bad data.
  for (let hops = 0; row?.merged_into && hops < 5; hops++) row = await findPerson(ctx.db, row.merged_into);
  return row;
}

export type FoundPerson = FoundPersonOutT;

const found = (row: CandidateRow & { household_id?: string | null }, score: number): FoundPerson => ({
  id: row.id,
  score: Math.round(score * 1000) / 1000,
  givenName: row.given_name,
  familyName: row.family_name,
  patronymic: row.patronymic,
  birthDate: row.birth_date,
  orgId: row.org_id,
  householdId: row.household_id ?? null,
});

/**
 * Search by name (a family name alone will do, in any script, with or without diacritics), and
 * by household id: a household's members, the whole of it, in the order they were registered.
 */
export async function searchPeople(
  ctx: ServiceContext,
  actor: Actor,
  query: { name?: string | undefined; birthDate?: string | undefined; householdId?: string | undefined },
): Promise<{ items: FoundPerson[] }> {
  const scope = scopeOf(actor, 'person.read');
  if (!scope || scope === 'listed') throw forbidden('search people');
  const orgId = scope === 'own-org' ? actor.orgId : undefined;
  const household = query.householdId?.trim();
  if (household) {
    const members = await findPeopleInHousehold(ctx.db, household, orgId);
    return { items: members.map((row) => found(row, 1)) };
  }
  if (!query.name) {
    throw new DomainError('invalid', 'SEARCH_NEEDS_NAME_OR_HOUSEHOLD', 'Give a name or a household id.', [{ path: '/name', message: 'a name, or a household id' }]);
  }
  const wanted = { name: prepareName(query.name), birthDate: query.birthDate ?? null };
  const matches = await matchesFor(ctx, wanted, { orgId, threshold: DEFAULT_MATCH_THRESHOLD * 0.9, queryText: query.name });
  return { items: matches.slice(0, 50).map(({ row, score }) => found(row, score)) };
}

/** A reception centre records temporary protection: status and document number. */
export async function recordProtection(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: { status: ProtectionStatus; documentNumber?: string | undefined },
): Promise<PersonView> {
  return changePerson(ctx, actor, id, 'record protection', {
    changes: { protection_status: input.status, protection_document: input.documentNumber?.trim() || null },
    audit: { action: 'person.protection', payload: { status: input.status } },
  });
}

/**
 * The person's tracing consent, given or withdrawn at any time by the registering organisation:
 * without it, public tracing never points to them and PFIF export leaves them out. Consent needs a
 * site (given here, or already on the record): the public answer gives that site's contact.
 */
export async function setTracingConsent(ctx: ServiceContext, actor: Actor, id: string, input: { tracing: boolean; site?: string | undefined }): Promise<PersonView> {
  const row = await findPerson(ctx.db, id);
  if (row && isAllowed(actor, 'person.register', row.org_id)) {
    if (input.site) await checkOwnSite(ctx, actor, input.site, '/site');
    if (input.tracing && !input.site && row.site_id === null) throw consentNeedsSite('/site');
  }
  return changePerson(ctx, actor, id, 'change consent', {
    changes: { consent_tracing: input.tracing ? 1 : 0, ...(input.site ? { site_id: input.site } : {}) },
    audit: { action: 'person.consent', payload: { tracing: input.tracing, site: input.site ?? null } },
  });
}

/**
 * A change to a registered person, by the staff of the registering organisation who may register
 * people; anyone who may not even read the person gets 404. The audit payload holds no names.
 */
async function changePerson(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  what: string,
  change: { changes: Omit<Parameters<typeof updatePerson>[2], 'updated_at'>; audit: { action: string; payload: Record<string, unknown> } },
): Promise<PersonView> {
  const row = await findPerson(ctx.db, id);
  if (!row || !isAllowed(actor, 'person.read', row.org_id)) throw notFound('person');
  if (!isAllowed(actor, 'person.register', row.org_id)) throw forbidden(what);
  await runCommand(ctx, actor, async (trx, nowIso) => {
    await updatePerson(trx, id, { ...change.changes, updated_at: nowIso });
    return { result: undefined, audit: { ...change.audit, subjectType: 'person', subjectId: id } };
  });
  return getPerson(ctx, actor, id);
}

/**
 * The public tracing answer: whether a strong name + birth-date match exists among people who
 * consented, and which site to contact, in the asker's language. Never a list, never a name.
 */
export async function traceForPublic(
  ctx: ServiceContext,
  query: { name: string; birthDate: string; lang?: Lang | undefined },
): Promise<{ match: false } | { match: true; contact: { site: string; contact: string } }> {
  const matches = await matchesFor(ctx, { name: prepareName(query.name), birthDate: query.birthDate }, { threshold: STRONG_MATCH_THRESHOLD });
  const traceable = matches.find(
    (m) =>
      untraceableReasons({ consentTracing: m.row.consent_tracing === 1, site: m.row.site_id, birthDate: m.row.birth_date }).length === 0 &&
      askerDateUnlocks(query.birthDate, m.row.birth_date),
  );
  const site = traceable?.row.site_id ? await findSite(ctx.db, traceable.row.site_id) : undefined;
  if (!traceable || !site) return { match: false };
  return { match: true, contact: { site: site.name, contact: contactsOf(site)[query.lang ?? 'uk'] } };
}
