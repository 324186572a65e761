import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import {
  birthYearOf,
  blockingKeysPrepared,
  compatibleBirthYears,
  coreMayMatch,
  coreNameKeys,
  DEFAULT_DUPLICATE_THRESHOLD,
  DEFAULT_MATCH_THRESHOLD,
  duplicateScoreFromWords,
  nameCore,
  prepareName,
  prepareNameCached,
  prepareRegisteredName,
  scoreWords,
  type PreparedIdentity,
} from '../domain/names/index.ts';
import {
  isPlausibleBirthDate,
  type ProtectionStatus,
  type Sex,
  type SiteKind,
  type Vulnerability,
} from '../domain/person.ts';
import { isAllowed, scopeOf } from '../domain/policy.ts';
import {
  findCoreNames,
  findPeopleByCoreNames,
  findPerson,
  findSite,
  insertPersonWithKeys,
  insertSite,
  listSites,
  updatePerson,
  type CandidateRow,
  type PersonRecord,
  type SiteRow,
} from '../store/people-registry.repository.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';

/**
 * The people registry (DESIGN.md §5). Names, birth dates and vulnerabilities never leave the
 * organisation that registered them, except to the mediator's tracing desk; audit payloads and
 * events carry ids only.
 */

/** How many core names one search may score: far more than any block holds. */
const MAX_CORE_NAMES = 5000;
/** How many people one search may score: all the namesakes of a very common name, and more. */
const MAX_CANDIDATES = 5000;
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
}

export interface PersonView {
  id: string;
  orgId: string;
  givenName: string;
  familyName: string;
  patronymic: string | null;
  birthDate: string | null;
  sex: string | null;
  vulnerabilities: string[];
  householdId: string | null;
  site: string | null;
  consentTracing: boolean;
  protection: { status: string; documentNumber: string | null } | null;
  createdAt: string;
}

export interface Match {
  id: string;
  score: number;
}

function present(row: PersonRecord): PersonView {
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
  };
}

/**
 * Candidates scored with name and birth date, best first: core names through the blocking keys,
 * each scored once on its words; then the people of the core names that could match, each scored
 * in full from its core name's words score (src/domain/names/core.ts).
 */
async function matchesFor(ctx: ServiceContext, wanted: PreparedIdentity, options: { orgId?: string | undefined; threshold: number }): Promise<{ row: CandidateRow; score: number }[]> {
  const wordsScores = new Map<string, number>();
  for (const core of await findCoreNames(ctx.db, blockingKeysPrepared(wanted.name), MAX_CORE_NAMES)) {
    const wordsScore = scoreWords(wanted.name, prepareNameCached(core));
    if (coreMayMatch(wordsScore, options.threshold, wanted)) wordsScores.set(core, wordsScore);
  }
  const candidates = await findPeopleByCoreNames(ctx.db, [...wordsScores.keys()], {
    orgId: options.orgId,
    birthYears: compatibleBirthYears(wanted.birthDate, options.threshold),
    limit: MAX_CANDIDATES,
  });
  return candidates
    .map((row) => {
      const person = { name: prepareRegisteredName({ givenName: row.given_name, patronymic: row.patronymic, familyName: row.family_name }), birthDate: row.birth_date };
      return { row, score: duplicateScoreFromWords(wordsScores.get(row.name_core) ?? scoreWords(wanted.name, person.name), wanted, person) };
    })
    .filter((m) => m.score >= options.threshold)
    // Equal scores: the earlier registration first, so a list never reorders itself.
    .sort((a, b) => b.score - a.score || a.row.created_at.localeCompare(b.row.created_at) || a.row.id.localeCompare(b.row.id));
}

function checkBirthDate(ctx: ServiceContext, birthDate: string | undefined): void {
  if (birthDate && !isPlausibleBirthDate(birthDate, ctx.now())) {
    throw new DomainError('rule', 'IMPLAUSIBLE_BIRTH_DATE', 'The birth date is not a real past date.', [{ path: '/birthDate', message: 'a real date, not in the future, from 1900 on' }]);
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
    },
    keys: coreNameKeys(core),
  };
}

export async function registerPerson(ctx: ServiceContext, actor: Actor, input: PersonInput): Promise<{ id: string; possibleDuplicates: Match[] }> {
  if (!isAllowed(actor, 'person.register', actor.orgId)) throw forbidden('register people');
  checkBirthDate(ctx, input.birthDate);
  if (input.site) {
    const site = await findSite(ctx.db, input.site);
    if (!site || site.org_id !== actor.orgId) {
      throw new DomainError('rule', 'UNKNOWN_SITE', 'No such site of your organisation.', [{ path: '/site', message: 'one of your organisation’s sites' }]);
    }
  }
  const duplicates = await possibleDuplicates(ctx, actor, { ...nameOf(input), birthDate: input.birthDate });
  const id = newId();
  await runCommand(ctx, actor, async (trx, nowIso) => {
    const { record, keys } = personRecordOf(actor, input, id, nowIso);
    await insertPersonWithKeys(trx, record, keys);
    return {
      result: undefined,
      audit: { action: 'person.register', subjectType: 'person', subjectId: id, payload: { orgId: actor.orgId, site: input.site ?? null, duplicates: duplicates.length } },
    };
  });
  return { id, possibleDuplicates: duplicates };
}

export async function getPerson(ctx: ServiceContext, actor: Actor, id: string): Promise<PersonView> {
  const row = await findPerson(ctx.db, id);
  if (!row || !isAllowed(actor, 'person.read', row.org_id)) throw notFound('person');
  return present(row);
}

export async function searchPeople(
  ctx: ServiceContext,
  actor: Actor,
  query: { name: string; birthDate?: string | undefined },
): Promise<{ items: (Match & { givenName: string; familyName: string; patronymic: string | null; birthDate: string | null; orgId: string })[] }> {
  const scope = scopeOf(actor, 'person.read');
  if (!scope || scope === 'listed') throw forbidden('search people');
  const wanted = { name: prepareName(query.name), birthDate: query.birthDate ?? null };
  const matches = await matchesFor(ctx, wanted, { orgId: scope === 'own-org' ? actor.orgId : undefined, threshold: DEFAULT_MATCH_THRESHOLD * 0.9 });
  return {
    items: matches.slice(0, 50).map(({ row, score }) => ({
      id: row.id,
      score: Math.round(score * 1000) / 1000,
      givenName: row.given_name,
      familyName: row.family_name,
      patronymic: row.patronymic,
      birthDate: row.birth_date,
      orgId: row.org_id,
    })),
  };
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
 * without it, public tracing never points to them and PFIF export leaves them out.
 */
export async function setTracingConsent(ctx: ServiceContext, actor: Actor, id: string, input: { tracing: boolean }): Promise<PersonView> {
  return changePerson(ctx, actor, id, 'change consent', {
    changes: { consent_tracing: input.tracing ? 1 : 0 },
    audit: { action: 'person.consent', payload: { tracing: input.tracing } },
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
 * consented, and which site to contact. Never a list, never a name.
 */
export async function traceForPublic(ctx: ServiceContext, query: { name: string; birthDate: string }): Promise<{ match: false } | { match: true; contact: { site: string; contact: string } }> {
  const matches = await matchesFor(ctx, { name: prepareName(query.name), birthDate: query.birthDate }, { threshold: STRONG_MATCH_THRESHOLD });
  // The asker must know the birth date at least as precisely as the registration holds it: a year
  // alone must not unlock a record that has the full date.
  const found = matches.find(
    (m) => m.row.consent_tracing === 1 && m.row.birth_date !== null && m.row.site_id !== null && query.birthDate.startsWith(m.row.birth_date),
  );
  const site: SiteRow | undefined = found?.row.site_id ? await findSite(ctx.db, found.row.site_id) : undefined;
  if (!found || !site) return { match: false };
  return { match: true, contact: { site: site.name, contact: site.contact } };
}

export interface SiteView {
  id: string;
  orgId: string;
  name: string;
  kind: SiteKind;
  lat: number | null;
  lon: number | null;
  contact: string;
}

const presentSite = (row: SiteRow): SiteView => ({ id: row.id, orgId: row.org_id, name: row.name, kind: row.kind as SiteKind, lat: row.lat, lon: row.lon, contact: row.contact });

export async function createSite(
  ctx: ServiceContext,
  actor: Actor,
  input: { name: string; kind: SiteKind; lat?: number | undefined; lon?: number | undefined; contact: string },
): Promise<SiteView> {
  if (!isAllowed(actor, 'site.manage', actor.orgId)) throw forbidden('create sites');
  const row: SiteRow = { id: newId(), org_id: actor.orgId, name: input.name.trim(), kind: input.kind, lat: input.lat ?? null, lon: input.lon ?? null, contact: input.contact.trim(), created_at: ctx.now().toISOString() };
  await runCommand(ctx, actor, async (trx) => {
    await insertSite(trx, row);
    return { result: undefined, audit: { action: 'site.create', subjectType: 'site', subjectId: row.id, payload: { kind: input.kind } } };
  });
  return presentSite(row);
}

export async function listAllSites(ctx: ServiceContext, actor: Actor): Promise<SiteView[]> {
  if (!isAllowed(actor, 'site.read')) throw forbidden('read sites');
  return (await listSites(ctx.db)).map(presentSite);
}
