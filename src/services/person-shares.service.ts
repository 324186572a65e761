import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import type { FlagOutcome } from '../domain/person.ts';
import type { FlagOutT, ShareOutT } from '../http/schemas/person-links.ts';
import { DEFAULT_DUPLICATE_THRESHOLD, prepareRegisteredName } from '../domain/names/index.ts';
import { isAllowed } from '../domain/policy.ts';
import { loadMovementAggregate } from '../store/movements.repository.ts';
import { findOrgById } from '../store/orgs.repository.ts';
import { findPeople } from '../store/people.repository.ts';
import { findPerson } from '../store/people-registry.repository.ts';
import { findFlag, findShare, insertFlag, insertShares, listFlags, listSharesOfPerson, resolveFlag, revokeShare, type FlagRow, type ShareRow, type StoredFlag } from '../store/person-links.repository.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';
import { matchesFor, type Scored } from './people-matching.ts';

/**
 * Shared manifests and cross-organisation duplicates (issue 12). A registering agency may let
 * another agency put its people on that agency's movements: the other agency then carries them,
 * sees them as counts, and never reads their names. A registrar who suspects that a person was
 * registered by another organisation as well flags it; the flag holds ids and a score only, and
 * the mediator's tracing desk, which may read both records, resolves it.
 */

/** A share grant as the API gives it (src/http/schemas/person-links.ts ShareOut). */
export type ShareView = ShareOutT;

const presentShare = (row: ShareRow): ShareView => ({
  id: row.id,
  personId: row.person_id,
  orgId: row.grantee_org_id,
  movementId: row.movement_id,
  grantedAt: row.granted_at,
  revokedAt: row.revoked_at,
});

export async function grantShares(
  ctx: ServiceContext,
  actor: Actor,
  input: { personIds: string[]; orgId: string; movementId?: string | undefined },
): Promise<{ items: ShareView[] }> {
  if (!isAllowed(actor, 'person.share', actor.orgId)) throw forbidden('share people with another agency');
  const unique = [...new Set(input.personIds)];
  const people = new Map((await findPeople(ctx.db, unique)).map((p) => [p.id, p]));
  const refused = input.personIds.map((id, index) => ({ id, index })).filter(({ id }) => {
    const person = people.get(id);
    return !person || person.org_id !== actor.orgId || person.merged_into !== null;
  });
  if (refused.length > 0) {
    throw new DomainError('rule', 'UNKNOWN_PERSON', 'Some people are not registered by your organisation.', refused.map(({ index }) => ({ path: `/personIds/${index}`, message: 'a person your organisation registered' })));
  }
  const grantee = await findOrgById(ctx.db, input.orgId);
  if (!grantee || grantee.kind !== 'agency' || grantee.id === actor.orgId) {
    throw new DomainError('rule', 'UNKNOWN_AGENCY', 'Share with another agency.', [{ path: '/orgId', message: 'another agency' }]);
  }
  if (input.movementId) {
    // The grant names a movement of the grantee; its other details stay the grantee's.
    const movement = await loadMovementAggregate(ctx.db, input.movementId);
    if (!movement || movement.movement.agency_id !== grantee.id) {
      throw new DomainError('rule', 'UNKNOWN_MOVEMENT', 'No such movement of that agency.', [{ path: '/movementId', message: "a movement of the agency you share with" }]);
    }
  }
  const nowIso = ctx.now().toISOString();
  const rows: ShareRow[] = unique.map((personId) => ({
    id: newId(),
    person_id: personId,
    owner_org_id: actor.orgId,
    grantee_org_id: grantee.id,
    movement_id: input.movementId ?? null,
    granted_at: nowIso,
    granted_by: actor.userId,
    revoked_at: null,
    revoked_by: null,
  }));
  await runCommand(ctx, actor, async (trx) => {
    await insertShares(trx, rows);
    return {
      result: undefined,
      audit: { action: 'person.share', subjectType: 'org', subjectId: grantee.id, payload: { personIds: unique, movementId: input.movementId ?? null } },
    };
  });
  return { items: rows.map(presentShare) };
}

export async function withdrawShare(ctx: ServiceContext, actor: Actor, id: string): Promise<ShareView> {
  const share = await findShare(ctx.db, id);
  if (!share || !isAllowed(actor, 'person.share', share.owner_org_id)) throw notFound('share');
  await runCommand(ctx, actor, async (trx, nowIso) => {
    if ((await revokeShare(trx, id, nowIso, actor.userId)) !== 1) throw new DomainError('conflict', 'SHARE_ALREADY_WITHDRAWN', 'This share was withdrawn already.');
    return { result: undefined, audit: { action: 'person.unshare', subjectType: 'person', subjectId: share.person_id, payload: { share: id } } };
  });
  const changed = await findShare(ctx.db, id);
  if (!changed) throw notFound('share');
  return presentShare(changed);
}

export async function sharesOfPerson(ctx: ServiceContext, actor: Actor, personId: string): Promise<{ items: ShareView[] }> {
  const person = await findPerson(ctx.db, personId);
  if (!person || !isAllowed(actor, 'person.read', person.org_id)) throw notFound('person');
  if (!isAllowed(actor, 'person.share', person.org_id)) throw forbidden('read shares');
  return { items: (await listSharesOfPerson(ctx.db, personId)).map(presentShare) };
}

/** A flag as the API gives it (src/http/schemas/person-links.ts FlagOut): ids and a score, never a name. */
export type FlagView = FlagOutT;

const presentFlag = (row: StoredFlag): FlagView => ({
  id: row.id,
  personId: row.person_id,
  otherPersonId: row.other_person_id,
  score: row.score,
  flaggedOrgId: row.flagged_org_id,
  otherOrgId: row.other_org_id,
  flaggedAt: row.flagged_at,
  resolvedAt: row.resolved_at,
  resolvedBy: row.resolved_by,
  outcome: row.outcome as FlagOutcome | null,
  reason: row.resolution_reason,
});

/**
 * The flags a person's likely duplicates in other organisations make, best first, at most 10: the
 * registration raises them itself, and a registrar may ask again from the record later.
 */
export function crossOrgFlagRows(actor: Actor, person: { id: string; org_id: string }, matches: readonly Scored[], nowIso: string): FlagRow[] {
  return matches
    .filter((m) => m.row.org_id !== person.org_id)
    .slice(0, 10)
    .map((m) => ({
      id: newId(),
      person_id: person.id,
      other_person_id: m.row.id,
      score: Math.round(m.score * 1000) / 1000,
      flagged_org_id: person.org_id,
      flagged_at: nowIso,
      flagged_by: actor.userId,
      resolved_at: null,
      resolved_by: null,
      outcome: null,
      resolution_reason: null,
    }));
}

/**
 * "Possibly registered by another organisation": the person's likely duplicates among every other
 * organisation's people, each stored as a flag for the tracing desk. The registrar learns ids and
 * scores only; a pair flagged before is not flagged again.
 */
export async function flagCrossOrgDuplicates(ctx: ServiceContext, actor: Actor, personId: string): Promise<{ items: FlagView[] }> {
  const person = await findPerson(ctx.db, personId);
  if (!person || person.merged_into || !isAllowed(actor, 'person.read', person.org_id)) throw notFound('person');
  if (!isAllowed(actor, 'person.flag', person.org_id)) throw forbidden('flag people');
  const wanted = { name: prepareRegisteredName({ givenName: person.given_name, patronymic: person.patronymic, familyName: person.family_name }), birthDate: person.birth_date };
  const rows = crossOrgFlagRows(actor, person, await matchesFor(ctx, wanted, { threshold: DEFAULT_DUPLICATE_THRESHOLD }), ctx.now().toISOString());
  await runCommand(ctx, actor, async (trx) => {
    const inserted: FlagRow[] = [];
    for (const row of rows) if (await insertFlag(trx, row)) inserted.push(row);
    return {
      result: undefined,
      audit: { action: 'person.flag', subjectType: 'person', subjectId: person.id, payload: { flags: inserted.map((r) => ({ other: r.other_person_id, score: r.score })) } },
    };
  });
  // Pairs flagged before are answered as they stand, with the new ones.
  return { items: (await listFlags(ctx.db, { open: true, orgId: person.org_id })).filter((f) => f.person_id === person.id).map(presentFlag) };
}

/** The tracing desk sees every flag; a registering organisation its own. */
export async function listDuplicateFlags(ctx: ServiceContext, actor: Actor, query: { open: boolean }): Promise<{ items: FlagView[] }> {
  if (isAllowed(actor, 'person.resolve')) return { items: (await listFlags(ctx.db, { open: query.open })).map(presentFlag) };
  if (!isAllowed(actor, 'person.flag', actor.orgId)) throw forbidden('read duplicate flags');
  return { items: (await listFlags(ctx.db, { open: query.open, orgId: actor.orgId })).map(presentFlag) };
}

/**
 * The tracing desk's decision on a flag, with its reason, audited. "The same person" leaves both
 * records standing: a merge joins records of one organisation only, and each keeps its own.
 */
export async function resolveDuplicateFlag(ctx: ServiceContext, actor: Actor, id: string, input: { outcome: FlagOutcome; reason: string }): Promise<FlagView> {
  if (!isAllowed(actor, 'person.resolve')) throw forbidden('resolve duplicate flags');
  const flag = await findFlag(ctx.db, id);
  if (!flag) throw notFound('flag');
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('invalid', 'REASON_REQUIRED', 'Say why: the decision is audited with its reason.', [{ path: '/reason', message: 'why the records are, or are not, one person' }]);
  await runCommand(ctx, actor, async (trx, nowIso) => {
    if ((await resolveFlag(trx, id, input.outcome, reason, nowIso, actor.userId)) !== 1) throw new DomainError('conflict', 'FLAG_ALREADY_RESOLVED', 'This flag was resolved already.');
    return { result: undefined, audit: { action: 'person.flag.resolve', subjectType: 'person', subjectId: flag.person_id, payload: { flag: id, outcome: input.outcome, other: flag.other_person_id, reason } } };
  });
  const resolved = await findFlag(ctx.db, id);
  if (!resolved) throw notFound('flag');
  return presentFlag(resolved);
}
