import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { findUsersByIds } from '../store/users.repository.ts';
import type { ServiceContext } from './context.ts';

/**
 * Who acted, for signatures and timelines: a console shows a name instead of a user id. The name
 * goes only to those the policy lets see it (`user.name`); anyone else learns the organisation
 * and the role, which is what a signature already says. Unknown ids are left out.
 */
export interface ActorName {
  id: string;
  orgId: string;
  role: string;
  name: string | null;
}

export async function namesOfUsers(ctx: ServiceContext, actor: Actor, ids: readonly string[]): Promise<{ items: ActorName[] }> {
  const rows = await findUsersByIds(ctx.db, [...new Set(ids)].slice(0, 200));
  return {
    items: rows.map((u) => ({ id: u.id, orgId: u.org_id, role: u.role, name: isAllowed(actor, 'user.name', u.org_id) ? u.name : null })),
  };
}
