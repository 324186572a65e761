/** Organisations, roles and the rules about which role exists in which kind of organisation. */

export const ORG_KINDS = ['mediator', 'party', 'agency'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = ['admin', 'coordinator', 'liaison', 'field', 'registrar', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Liaison officers speak for a party; registrars hold people's data, which a party must never
 * hold (docs/design.md §Data protection), so each kind of organisation has only the roles it needs.
 */
export const ROLES_BY_KIND: Readonly<Record<OrgKind, readonly Role[]>> = {
  mediator: ['admin', 'coordinator', 'field', 'registrar', 'viewer'],
  party: ['admin', 'coordinator', 'liaison', 'field', 'viewer'],
  agency: ['admin', 'coordinator', 'field', 'registrar', 'viewer'],
};

export function isRoleAllowedInKind(role: Role, kind: OrgKind): boolean {
  return ROLES_BY_KIND[kind].includes(role);
}

/** The authenticated caller of a command, as every service and the policy see it. */
export interface Actor {
  userId: string;
  orgId: string;
  orgKind: OrgKind;
  role: Role;
}

/** Emails compare case-insensitively; store them in this form. */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}

export const MIN_PASSWORD_LENGTH = 10;
