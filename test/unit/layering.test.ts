import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The import rules of the layering (docs/architecture.md §Layers). They are read from the source text:
// every `import … from`, `export … from` and `import()` in the tree, type-only ones included, since a
// type import still ties a layer to another one's shape.

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Import {
  /** Path of the importing file, from the repository root. */
  file: string;
  /** What was written: a package name or a relative path. */
  spec: string;
  /** The imported file from the repository root, for relative imports; null for packages. */
  target: string | null;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|mts|mjs)$/.test(entry.name) ? [rel] : [];
  });
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(file: string, text = fs.readFileSync(path.join(ROOT, file), 'utf8')): Import[] {
  const found: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3]!;
    const target = spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : null;
    found.push({ file, spec, target });
  }
  return found;
}

function importsUnder(dir: string): Import[] {
  const all = sourceFiles(dir).flatMap((file) => importsOf(file));
  // A scanner that finds nothing would pass every rule below.
  expect(all.length, `imports found under ${dir}`).toBeGreaterThan(5);
  return all;
}

const show = (i: Import): string => `${i.file} imports ${i.spec}`;

describe('the import scanner', () => {
  it('finds static, re-exported, type-only, side-effect and dynamic imports and resolves relative ones', () => {
    const text = [
      "import fs from 'node:fs';",
      "import type { Row } from '../store/rows.ts';",
      "export { x } from './x.ts';",
      "import {\n  a,\n  type B,\n} from '../services/a.ts';",
      "import './side-effect.css';",
      "const m = await import('pg');",
    ].join('\n');
    expect(importsOf('src/domain/probe.ts', text).map((i) => i.target ?? i.spec)).toEqual([
      'node:fs',
      'src/store/rows.ts',
      'src/domain/x.ts',
      'src/services/a.ts',
      'src/domain/side-effect.css',
      'pg',
    ]);
  });
});

describe('src/domain is pure', () => {
  // Hashing and signing (node:crypto) are computations on bytes; everything here touches the outside world.
  const IO_PACKAGES = /^(node:)?(fs|fs\/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads|readline|process|os)$|^(pg|better-sqlite3|kysely|fastify|@fastify\/.*|pino|prom-client|pdfkit|undici)$/;
  const IO_LAYERS = /^src\/(store|services|http|feeds|cli|demo|public-site|app\.ts|config\.ts)/;

  it('imports no I/O package and no layer that does I/O', () => {
    const imports = importsUnder('src/domain');
    const bad = imports.filter((i) => (i.target ? IO_LAYERS.test(i.target) : IO_PACKAGES.test(i.spec)));
    expect(bad.map(show)).toEqual([]);
  });

  it('the rule catches what it is meant to catch', () => {
    const probe = importsOf('src/domain/probe.ts', "import fs from 'node:fs';\nimport { q } from '../store/corridors.repository.ts';\nimport pg from 'pg';");
    expect(probe.filter((i) => (i.target ? IO_LAYERS.test(i.target) : IO_PACKAGES.test(i.spec)))).toHaveLength(3);
  });
});

describe('src/http reaches the store only through services', () => {
  // Each exception: importing file → store module, and why a service in between would add nothing.
  const EXCEPTIONS: Record<string, { module: string; why: string }[]> = {
    'src/http/idempotency.ts': [
      {
        module: 'src/store/idempotency.repository.ts',
        why: 'replaying a POST by its Idempotency-Key is HTTP plumbing around every command, not a command of its own: no rights, no audit, no event',
      },
    ],
    'src/http/auth.ts': [
      { module: 'src/store/orgs.repository.ts', why: 'type only: the signed-in request carries the org row the session service loaded' },
      { module: 'src/store/users.repository.ts', why: 'type only: the signed-in request carries the user row the session service loaded' },
    ],
    'src/http/schemas/common.ts': [
      { module: 'src/store/pagination.ts', why: "type only: the page query string is read into the store's own page request shape" },
    ],
  };

  const storeImports = (): Import[] => importsUnder('src/http').filter((i) => i.target?.startsWith('src/store/'));

  it('imports src/store only where listed', () => {
    const bad = storeImports().filter((i) => !(EXCEPTIONS[i.file] ?? []).some((e) => e.module === i.target));
    expect(bad.map(show)).toEqual([]);
  });

  it('lists no exception that is no longer used (so the list stays the truth)', () => {
    const used = new Set(storeImports().map((i) => `${i.file} → ${i.target}`));
    const listed = Object.entries(EXCEPTIONS).flatMap(([file, list]) => list.map((e) => `${file} → ${e.module}`));
    expect(listed.filter((e) => !used.has(e))).toEqual([]);
  });
});

describe('src/services query the database only through src/store', () => {
  // A service decides; the SQL lives in a repository function that says what it reads or writes.
  // Each exception: the service file, the builder call it may make, and why a repository would add
  // nothing. (A transaction of its own, `db.transaction().execute(…)`, is not a query and not listed.)
  const EXCEPTIONS: Record<string, { call: string; why: string }[]> = {};
  const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql\s*(<[^>]*>)?`/g;

  function queriesOf(file: string, text = fs.readFileSync(path.join(ROOT, file), 'utf8')): { file: string; call: string }[] {
    return [...text.matchAll(QUERY)].map((m) => ({ file, call: m[1] ?? 'sql`' }));
  }
  const serviceQueries = () => {
    const files = sourceFiles('src/services');
    expect(files.length, 'service files found').toBeGreaterThan(20);
    return files.flatMap((file) => queriesOf(file));
  };

  it('no service builds a query itself unless listed', () => {
    const bad = serviceQueries().filter((q) => !(EXCEPTIONS[q.file] ?? []).some((e) => e.call === q.call));
    expect(bad.map((q) => `${q.file} calls ${q.call}`)).toEqual([]);
  });

  it('lists no exception that is no longer used (so the list stays the truth)', () => {
    const used = new Set(serviceQueries().map((q) => `${q.file} → ${q.call}`));
    const listed = Object.entries(EXCEPTIONS).flatMap(([file, list]) => list.map((e) => `${file} → ${e.call}`));
    expect(listed.filter((e) => !used.has(e))).toEqual([]);
  });

  it('the rule catches what it is meant to catch', () => {
    const probe = queriesOf(
      'src/services/probe.service.ts',
      [
        "await trx.selectFrom('party_keys').select('status');",
        "await ctx.db\n    .updateTable('people')\n    .set(changes);",
        "await db.insertInto('x').values(row); await db.deleteFrom('x');",
        'await sql`select 1`.execute(db); await sql<{ n: number }>`select 2`.execute(db);',
        "await ctx.db.transaction().execute(async (trx) => findPerson(trx, id));",
      ].join('\n'),
    );
    expect(probe.map((q) => q.call)).toEqual(['selectFrom', 'updateTable', 'insertInto', 'deleteFrom', 'sql`', 'sql`']);
  });
});

describe('web features import the kit, never each other', () => {
  // A feature is a folder of the console (web/src/ops/<feature>/) or the public page (web/src/public/).
  // The shell (web/src/ops/*.tsx) composes features; the kit (ui, time, map, components, i18n, api) serves them.
  function featureOf(file: string): string | null {
    const ops = /^web\/src\/ops\/([^/]+)\//.exec(file);
    if (ops) return `ops/${ops[1]}`;
    return file.startsWith('web/src/public/') ? 'public' : null;
  }
  const crossings = (imports: Import[]): Import[] =>
    imports.filter((i) => {
      const from = featureOf(i.file);
      const to = i.target && featureOf(i.target);
      return from !== null && to !== null && from !== to;
    });

  it('no feature folder imports another one', () => {
    const imports = importsUnder('web/src');
    expect(new Set(imports.map((i) => featureOf(i.file)).filter(Boolean)).size, 'feature folders found').toBeGreaterThanOrEqual(4);
    expect(crossings(imports).map(show)).toEqual([]);
  });

  it('the public page takes nothing from the console, not even its shell', () => {
    const bad = importsUnder('web/src/public').filter((i) => i.target?.startsWith('web/src/ops/'));
    expect(bad.map(show)).toEqual([]);
  });

  it('the rule catches what it is meant to catch', () => {
    const probe = importsOf('web/src/ops/people/Probe.tsx', "import { a } from '../movements/fields.ts';\nimport { b } from '../../public/X.tsx';\nimport { c } from '../route.ts';");
    expect(crossings(probe).map((i) => i.spec)).toEqual(['../movements/fields.ts', '../../public/X.tsx']);
  });
});
