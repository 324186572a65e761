import fs from 'node:fs';

/** Reads the rights table of docs/permissions.md: (action, kind, role) → cell text. */
export function readPermissionsDoc(): Map<string, string> {
  const text = fs.readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
  const lines = text.split('\n').filter((l) => l.startsWith('| `'));
  const header = text.split('\n').find((l) => l.startsWith('| action |'));
  if (!header) throw new Error('no table header in docs/permissions.md');
  const roles = header.split('|').map((c) => c.trim()).slice(3, -1);
  const cells = new Map<string, string>();
  for (const line of lines) {
    const parts = line.split('|').map((c) => c.trim()).slice(1, -1);
    const [action, kind, ...values] = parts;
    values.forEach((value, i) => cells.set(`${action?.replaceAll('`', '')}|${kind}|${roles[i]}`, value));
  }
  return cells;
}

