import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { findPerson, updatePersonFields, type PersonRecord } from '../store/people-registry.repository.ts';
import { mergePersonInto } from '../store/person-links.repository.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { getPerson, type PersonView } from './people.service.ts';

/**
 * Two records that are one person become one: `id` keeps answering, `otherId` answers through it
 * (GET /people/:otherId reads the merged record; manifests and share grants move to it). The
 * merged row stays, pointing at the survivor, so the merge can be read back from the audit log.
 */

/** The birth date that says more, when the two agree (1956 and 1956-04-12); the survivor's when they differ. */
function betterBirthDate(kept: string | null, other: string | null): string | null {
  if (kept === null) return other;
  if (other !== null && other.length > kept.length && other.startsWith(kept)) return other;
  return kept;
}

/** What the survivor takes from the other record: what it lacks, the union of vulnerabilities. */
function mergedFields(kept: PersonRecord, other: PersonRecord) {
  const vulnerabilities = [...new Set([...(JSON.parse(kept.vulnerabilities ?? '[]') as string[]), ...(JSON.parse(other.vulnerabilities ?? '[]') as string[])])];
  const birthDate = betterBirthDate(kept.birth_date, other.birth_date);
  return {
    patronymic: kept.patronymic ?? other.patronymic,
    birth_date: birthDate,
    birth_year: birthDate === kept.birth_date ? kept.birth_year : other.birth_year,
    sex: kept.sex ?? other.sex,
    vulnerabilities: JSON.stringify(vulnerabilities),
    household_id: kept.household_id ?? other.household_id,
    site_id: kept.site_id ?? other.site_id,
    // A withdrawal on either record must not be lost: the merged person consents only if both did.
    consent_tracing: kept.consent_tracing === 1 && other.consent_tracing === 1 ? 1 : 0,
    protection_status: kept.protection_status ?? other.protection_status,
    protection_document: kept.protection_document ?? other.protection_document,
  };
}

export async function mergePeople(ctx: ServiceContext, actor: Actor, id: string, otherId: string): Promise<PersonView> {
  const [kept, other] = [await findPerson(ctx.db, id), await findPerson(ctx.db, otherId)];
  // Another organisation's records answer like unknown ones.
  if (!kept || !isAllowed(actor, 'person.read', kept.org_id)) throw notFound('person');
  if (!other || !isAllowed(actor, 'person.read', other.org_id)) {
    throw new DomainError('rule', 'UNKNOWN_PERSON', 'No such person of your organisation.', [{ path: '/otherId', message: 'a person your organisation registered' }]);
  }
  if (!isAllowed(actor, 'person.merge', kept.org_id) || !isAllowed(actor, 'person.merge', other.org_id)) throw forbidden('merge records');
  if (kept.org_id !== other.org_id) {
    throw new DomainError('rule', 'MERGE_ACROSS_ORGANISATIONS', 'Only records of one organisation can be merged; flag the other for the tracing desk.', [{ path: '/otherId', message: 'registered by another organisation' }]);
  }
  if (kept.id === other.id) throw new DomainError('rule', 'MERGE_SAME_RECORD', 'A record cannot be merged into itself.', [{ path: '/otherId', message: 'another record' }]);
  if (kept.merged_into || other.merged_into) {
    throw new DomainError('conflict', 'ALREADY_MERGED', 'One of the records was merged already: merge into the record that answers for it.');
  }
  await runCommand(ctx, actor, async (trx, nowIso) => {
    await updatePersonFields(trx, kept.id, { ...mergedFields(kept, other), updated_at: nowIso });
    await mergePersonInto(trx, other.id, kept.id, nowIso);
    return { result: undefined, audit: { action: 'person.merge', subjectType: 'person', subjectId: kept.id, payload: { merged: other.id, into: kept.id } } };
  });
  return getPerson(ctx, actor, kept.id);
}
