import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { findUsersByIds } from '../store/users.repository.ts';
import type { ServiceContext } from './context.ts';
import type { ActorNameOutT } from '../http/schemas/common.ts';

/**
 * Who acted, for signatures, acknowledgements, corrections and timelines: a console shows a name
 * instead of a user id. The name goes only to those the policy lets see it (`user.name`); anyone
 * else learns the organisation and the role, which is what a signature already says. Unknown ids
 * are left out.
 */
export type ActorName = ActorNameOutT;

/** Who acted, by user id, as `actor` may see them; with no actor (a feed, a stream), never a name. */
export async function actorNames(ctx: ServiceContext, actor: Actor | null, ids: readonly (string | null)[]): Promise<ReadonlyMap<string, ActorName>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null && id.length > 0))];
  const rows = await findUsersByIds(ctx.db, wanted);
  return new Map(
    rows.map((u) => [u.id, { id: u.id, orgId: u.org_id, role: u.role, name: actor && isAllowed(actor, 'user.name', u.org_id) ? u.name : null }]),
  );
}

/** The `who` of a view: the user as the viewer may see them, null for an id no user has. */
export function whoOf(names: ReadonlyMap<string, ActorName>, id: string | null): ActorName | null {
  return id === null ? null : (names.get(id) ?? null);
}

export async function namesOfUsers(ctx: ServiceContext, actor: Actor, ids: readonly string[]): Promise<{ items: ActorName[] }> {
  const names = await actorNames(ctx, actor, ids.slice(0, 200));
  return { items: [...names.values()].sort((a, b) => a.id.localeCompare(b.id)) };
}
