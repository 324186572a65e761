import { isRoleAllowedInKind } from './identity.ts';
import { ACTIONS, POLICY_KINDS, POLICY_ROLES, scopeOf, type Action } from './policy.ts';

export const CELL = { all: 'all', 'own-org': 'own org', listed: 'listed', none: '—', absent: 'n/a' } as const;

/** The rights table as Markdown: docs/permissions.md holds exactly this, and a test checks it. */
export function permissionsTableMarkdown(): string {
  const header = `| action | org kind | ${POLICY_ROLES.join(' | ')} |`;
  const rule = `|${' --- |'.repeat(POLICY_ROLES.length + 2)}`;
  const rows: string[] = [];
  for (const action of Object.keys(ACTIONS) as Action[]) {
    for (const kind of POLICY_KINDS) {
      const cells = POLICY_ROLES.map((role) =>
        isRoleAllowedInKind(role, kind) ? CELL[scopeOf({ orgKind: kind, role }, action) ?? 'none'] : CELL.absent,
      );
      rows.push(`| \`${action}\` | ${kind} | ${cells.join(' | ')} |`);
    }
  }
  return [header, rule, ...rows].join('\n');
}

export function actionsListMarkdown(): string {
  return (Object.entries(ACTIONS) as [Action, string][]).map(([action, what]) => `- \`${action}\`: ${what}.`).join('\n');
}
