import type { Action } from '../../../src/domain/policy.ts';
import type { Me } from '../api.ts';

/**
 * Whether the signed-in user holds a right of the policy table anywhere, as /me reports it: for
 * the buttons that start something new ("New corridor"). What may be done with one record comes
 * with that record, in its `allowedActions`.
 */
export function mayDo(me: Pick<Me, 'actions'>, action: Action): boolean {
  return me.actions[action] !== undefined;
}
