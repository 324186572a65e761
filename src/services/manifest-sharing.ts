import { DomainError } from '../domain/errors.ts';
import { VULNERABILITIES, type Vulnerability } from '../domain/person.ts';
import { findPeople } from '../store/people.repository.ts';
import { sharedPersonIds } from '../store/person-links.repository.ts';
import type { ServiceContext } from './context.ts';
import type { OtherRegistrationsOutT } from '../http/schemas/manifest.ts';

/**
 * Which people an agency may put on its movement (its own registrations, and people another agency
 * shared with it for any of its movements or for this one), and how a manifest shows them: names
 * for the agency's own registrations only, counts per registering organisation for the rest.
 */

/** The ids to list, merged records replaced by the record that answers for them; refuses the rest. */
export async function admissiblePassengers(ctx: ServiceContext, agencyId: string, movementId: string, personIds: string[]): Promise<{ ids: string[]; shared: number }> {
  const unique = [...new Set(personIds)];
  const found = new Map((await findPeople(ctx.db, unique)).map((p) => [p.id, p]));
  const survivors = [...found.values()].flatMap((p) => (p.merged_into ? [p.merged_into] : []));
  for (const p of await findPeople(ctx.db, survivors.filter((id) => !found.has(id)))) found.set(p.id, p);
  const answering = (id: string) => {
    const p = found.get(id);
    return p?.merged_into ? found.get(p.merged_into) : p;
  };
  const foreign = unique.flatMap((id) => {
    const p = answering(id);
    return p && p.org_id !== agencyId ? [p.id] : [];
  });
  const granted = await sharedPersonIds(ctx.db, foreign, agencyId, movementId);
  // Someone else's person without a grant answers like an unknown one: an agency must not learn who others registered.
  const refused = personIds
    .map((id, index) => ({ person: answering(id), index }))
    .filter(({ person }) => !person || (person.org_id !== agencyId && !granted.has(person.id)));
  if (refused.length > 0) {
    throw new DomainError('rule', 'UNKNOWN_PERSON', 'Some people are neither registered by your organisation nor shared with it.', refused.map(({ index }) => ({ path: `/personIds/${index}`, message: 'not a person your organisation registered or was given' })));
  }
  const ids = [...new Set(unique.map((id) => answering(id)?.id ?? id))];
  return { ids, shared: ids.filter((id) => granted.has(id)).length };
}

/** Vulnerabilities in the order a manifest shows them: an unaccompanied child first, always. */
export function manifestVulnerabilities(json: string | null): Vulnerability[] {
  const listed = new Set(json ? (JSON.parse(json) as string[]) : []);
  return VULNERABILITIES.filter((v) => listed.has(v));
}

/** Counts per registering organisation, never names (src/http/schemas/manifest.ts). */
export type OtherRegistrations = OtherRegistrationsOutT;

/** Counts per registering organisation of the passengers the reader may not name. */
export function otherRegistrations(rows: readonly { org_id: string; boarded_at: string | null; arrived_at: string | null; vulnerabilities: string | null }[]): OtherRegistrations[] {
  const byOrg = new Map<string, OtherRegistrations>();
  for (const row of rows) {
    const entry = byOrg.get(row.org_id) ?? { orgId: row.org_id, listed: 0, boarded: 0, arrived: 0, unaccompaniedChildren: 0 };
    entry.listed += 1;
    if (row.boarded_at) entry.boarded += 1;
    if (row.arrived_at) entry.arrived += 1;
    if (manifestVulnerabilities(row.vulnerabilities)[0] === 'unaccompanied_child') entry.unaccompaniedChildren += 1;
    byOrg.set(row.org_id, entry);
  }
  return [...byOrg.values()].sort((a, b) => a.orgId.localeCompare(b.orgId));
}
