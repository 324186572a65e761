import { Type, type Static } from 'typebox';
import type { Action, Scope } from '../../domain/policy.ts';
import { OrgSchema, UserSchema } from './common.ts';

/** Who is signed in (docs/api.md §Identity): the console's session and its buttons follow these. */

// The scopes of the policy table (src/domain/policy.ts); keyed by action, so a renamed action
// shows in every client that reads one.
const ActionsOut = Type.Unsafe<Partial<Record<Action, Scope>>>(
  Type.Record(Type.String(), Type.Enum(['all', 'own-org', 'listed'] as const), {
    description: 'Each action of the policy table this user may take, with its scope (docs/permissions.md)',
  }),
);

/** GET /api/v1/me. */
export const MeOut = Type.Intersect([UserSchema, Type.Object({ org: OrgSchema, actions: ActionsOut })]);

/** POST /api/v1/auth/login: the bearer token (the console uses the cookie set beside it). */
export const LoginOut = Type.Object({ token: Type.String(), expiresAt: Type.String(), user: UserSchema });

export type OrgOutT = Static<typeof OrgSchema>;
export type UserOutT = Static<typeof UserSchema>;
export type MeOutT = Static<typeof MeOut>;
export type LoginOutT = Static<typeof LoginOut>;
