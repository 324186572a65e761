import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

// docs/architecture.md "One source for the shapes": the console's types are the server's response
// schemas (import type), so a field changed on the server is a type error in the web build. This
// test makes such a change in memory, a schema file served edited while every other file is read
// from disk, and asks the compiler, with the project's own tsconfig.json (the one `npm run
// typecheck` uses for web/ too), what it thinks of a few console files that read the field.

const ROOT = path.resolve(import.meta.dirname, '../..');
const abs = (rel: string): string => path.join(ROOT, rel);

/** A field renamed in one response schema, and console files that read it. */
interface Rename {
  schema: string;
  /** The schema object the field is in: its `export const X = Type.Object({` line starts the search. */
  object: string;
  field: string;
  renamed: string;
  readers: string[];
}

const RENAMES: Rename[] = [
  {
    schema: 'src/http/schemas/corridor.ts',
    object: 'CorridorOut',
    field: 'status',
    renamed: 'state',
    readers: ['web/src/ops/corridors/fields.ts'],
  },
  {
    schema: 'src/http/schemas/movement.ts',
    object: 'MovementOut',
    field: 'overdue',
    renamed: 'late',
    readers: ['web/src/ops/movements/fields.ts'],
  },
];

/** The schema's text with the field's first key after the object's opening renamed. */
function renamed(text: string, r: Rename): string {
  const start = text.indexOf(`export const ${r.object} = Type.Object({`);
  if (start < 0) throw new Error(`${r.schema} has no ${r.object}`);
  const key = `\n  ${r.field}: `;
  const at = text.indexOf(key, start);
  if (at < 0) throw new Error(`${r.object} has no ${r.field}`);
  return `${text.slice(0, at)}\n  ${r.renamed}: ${text.slice(at + key.length)}`;
}

function projectOptions(): ts.CompilerOptions {
  const file = ts.readConfigFile(abs('tsconfig.json'), (p) => ts.sys.readFile(p));
  if (file.error) throw new Error(ts.flattenDiagnosticMessageText(file.error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(file.config, ts.sys, ROOT).options;
}

/**
 * One host for every program: parsed files are kept, so a program built from an older one reuses
 * every file but the edited schema; `edits` replaces a file's text from memory.
 */
function cachingHost(options: ts.CompilerOptions, edits: Map<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const cache = new Map<string, ts.SourceFile>();
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => edits.get(path.resolve(name)) ?? readFile(name);
  host.getSourceFile = (name, languageVersion, onError) => {
    const edited = edits.get(path.resolve(name));
    if (edited !== undefined) return ts.createSourceFile(name, edited, languageVersion, true);
    const cached = cache.get(name);
    if (cached) return cached;
    const file = getSourceFile(name, languageVersion, onError);
    if (file) cache.set(name, file);
    return file;
  };
  return host;
}

/** Errors the compiler finds in the readers, as "file(line): message". */
function errorsIn(program: ts.Program, readers: readonly string[]): string[] {
  return readers.flatMap((rel) => {
    const file = program.getSourceFile(abs(rel));
    if (!file) throw new Error(`${rel} is not in the program`);
    return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => {
      const line = d.start === undefined ? 0 : file.getLineAndCharacterOfPosition(d.start).line + 1;
      return `${rel}(${line}): ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  });
}

describe('the web build fails when a response schema changes a field the console reads', () => {
  const options = projectOptions();
  const edits = new Map<string, string>();
  const host = cachingHost(options, edits);
  const roots = [...new Set(RENAMES.flatMap((r) => r.readers))].map(abs);
  let base: ts.Program;

  beforeAll(() => {
    base = ts.createProgram({ rootNames: roots, options, host });
  });

  it('compiles the readers without an error as the schemas are', () => {
    expect(errorsIn(base, roots.map((r) => path.relative(ROOT, r)))).toEqual([]);
  });

  it.each(RENAMES)('$field of $object ($schema) renamed to $renamed: an error in $readers', (r) => {
    const text = ts.sys.readFile(abs(r.schema));
    if (text === undefined) throw new Error(`cannot read ${r.schema}`);
    edits.clear();
    edits.set(abs(r.schema), renamed(text, r));
    const program = ts.createProgram({ rootNames: roots, options, host, oldProgram: base });
    const errors = errorsIn(program, r.readers);
    expect(errors.length, 'the console compiled against a renamed field').toBeGreaterThan(0);
    // The error is about the field itself, not some other breakage of the edited file.
    expect(errors.join('\n')).toMatch(new RegExp(`\\b${r.field}\\b`));
  });
});
