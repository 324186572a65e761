import { describe, expect, it } from 'vitest';
import { isRoleAllowedInKind, ORG_KINDS, ROLES, type Actor } from '../../src/domain/identity.ts';
import { CELL } from '../../src/domain/permissions-table.ts';
import { ACTIONS, isAllowed, scopeOf, type Action } from '../../src/domain/policy.ts';
import { readPermissionsDoc } from '../helpers/permissions-doc.ts';

describe('policy', () => {
  const doc = readPermissionsDoc();

  it('docs/permissions.md states exactly what the policy decides, cell by cell', () => {
    let checked = 0;
    for (const action of Object.keys(ACTIONS) as Action[]) {
      for (const kind of ORG_KINDS) {
        for (const role of ROLES) {
          const expected = isRoleAllowedInKind(role, kind) ? CELL[scopeOf({ orgKind: kind, role }, action) ?? 'none'] : CELL.absent;
          expect(doc.get(`${action}|${kind}|${role}`), `${action} ${kind} ${role}`).toBe(expected);
          checked += 1;
        }
      }
    }
    expect(doc.size).toBe(checked);
  });

  it('own-org grants hold only for the own organisation', () => {
    const partyAdmin: Actor = { userId: 'u', orgId: 'org-a', orgKind: 'party', role: 'admin' };
    expect(isAllowed(partyAdmin, 'user.create', 'org-a')).toBe(true);
    expect(isAllowed(partyAdmin, 'user.create', 'org-b')).toBe(false);
    expect(isAllowed(partyAdmin, 'user.create')).toBe(false);
  });

  it('refuses what is not granted, and parties never hold registrars', () => {
    const liaison: Actor = { userId: 'u', orgId: 'o', orgKind: 'party', role: 'liaison' };
    expect(isAllowed(liaison, 'org.create')).toBe(false);
    expect(isAllowed(liaison, 'audit.read')).toBe(false);
    expect(isRoleAllowedInKind('registrar', 'party')).toBe(false);
    expect(isRoleAllowedInKind('liaison', 'agency')).toBe(false);
  });
});
