import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** Stands for an argument while the query is built and compiled; replaced by the value per call. */
class Slot {
  constructor(readonly index: number) {}
}

/** Per parameter of the compiled query: an argument's position, or a constant written into the builder. */
type Binding = { slot: number } | { constant: unknown };

interface Compiled {
  sql: string;
  query: CompiledQuery['query'];
  bindings: Binding[];
}

/**
 * A query of fixed shape, built and compiled once per dialect and then run with new arguments.
 * Building and compiling with Kysely cost more CPU than SQLite running the query: on the check-in
 * path (session lookup, movement load, audit head) it was a sixth of the server's profile
 * (bench/README.md, "Check-in ingest").
 *
 * `build` is called once per dialect with stand-ins for the arguments: it must only pass them to
 * the builder as values (`where(col, '=', arg)`, `set({ col: arg })`), never look at them; the
 * shape (columns, `in` lists, limits) must not depend on them. Queries of varying shape go on
 * through the builder.
 *
 * @example
 *   const FIND = precompiled((db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id));
 *   const user = await FIND.first(db, id);
 */
export function precompiled<A extends unknown[], R>(build: (db: Kysely<Schema>, ...args: A) => Compilable<R>) {
  // Keyed by the dialect's adapter, which a transaction shares with its database handle (a
  // transaction is a new handle each time).
  const byAdapter = new WeakMap<object, Compiled>();

  function compiledFor(db: Kysely<Schema>): Compiled {
    const adapter = db.getExecutor().adapter;
    let compiled = byAdapter.get(adapter);
    if (!compiled) {
      const slots = Array.from({ length: build.length - 1 }, (_, i) => new Slot(i));
      // The stand-ins are not of the arguments' types: build only hands them on (see above).
      const { sql, query, parameters } = build(db, ...(slots as unknown as A)).compile();
      compiled = { sql, query, bindings: parameters.map((p) => (p instanceof Slot ? { slot: p.index } : { constant: p })) };
      if (!statementNames.has(sql)) statementNames.set(sql, `sp_precompiled_${statementNames.size + 1}`);
      byAdapter.set(adapter, compiled);
    }
    return compiled;
  }

  async function run(db: Kysely<Schema>, args: A): Promise<R[]> {
    const { sql, query, bindings } = compiledFor(db);
    const parameters = bindings.map((b) => ('slot' in b ? args[b.slot] : b.constant));
    const result = await db.executeQuery<R>({ sql, query, parameters, queryId: QUERY_ID });
    return result.rows;
  }

  return {
    /** Every row. */
    all: (db: Kysely<Schema>, ...args: A): Promise<R[]> => run(db, args),
    /** The first row, or undefined. */
    first: async (db: Kysely<Schema>, ...args: A): Promise<R | undefined> => (await run(db, args))[0],
    /** For writes: runs it. */
    execute: async (db: Kysely<Schema>, ...args: A): Promise<void> => {
      await run(db, args);
    },
  };
}

// A bounded set (one per precompiled query and dialect), so every one can stay prepared.
const statementNames = new Map<string, string>();

/**
 * The name under which a precompiled query's SQL is kept prepared on a PostgreSQL connection
 * (store/prepared-client.ts), or undefined for SQL that did not come from here.
 */
export function preparedStatementName(sql: string): string | undefined {
  return statementNames.get(sql);
}

// Kysely hands a query's id only to plugins (to match a result to its query); the app uses none.
const QUERY_ID = CompiledQuery.raw('').queryId;
