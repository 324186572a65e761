// Regenerates docs/permissions.md from src/domain/policy.ts: `npx tsx scripts/permissions-doc.ts`.
import fs from 'node:fs';
import { actionsListMarkdown, permissionsTableMarkdown } from '../src/domain/permissions-table.ts';

const BEGIN = '<!-- permissions:begin -->';
const END = '<!-- permissions:end -->';
const file = new URL('../docs/permissions.md', import.meta.url);
const text = fs.readFileSync(file, 'utf8');
const start = text.indexOf(BEGIN);
const end = text.indexOf(END);
if (start < 0 || end < start) throw new Error('docs/permissions.md lacks the permissions markers');
const generated = `${BEGIN}\n${actionsListMarkdown()}\n\n${permissionsTableMarkdown()}\n${END}`;
fs.writeFileSync(file, text.slice(0, start) + generated + text.slice(end + END.length));
console.log('docs/permissions.md updated');
