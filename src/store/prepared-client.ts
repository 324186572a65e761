import pg from 'pg';
import { preparedStatementName } from './precompiled.ts';

/**
 * A PostgreSQL client that runs precompiled queries (store/precompiled.ts) as named prepared
 * statements: the server parses and plans each once per connection instead of on every call.
 * Every check-in runs two of them (session, movement); unnamed, their parse and plan were a large
 * part of PostgreSQL's CPU under load (bench/README.md, "Check-in ingest").
 *
 * Kysely calls `query(sql, parameters)`; any other SQL, and every other form of call, passes as is.
 * A connection pooler in front of PostgreSQL must keep prepared statements per client
 * (docs/operations.md).
 */
export class PreparingClient extends pg.Client {}

const plainQuery = pg.Client.prototype.query;

// pg's `query` has a dozen overloads; this one only looks at its arguments and hands them on.
PreparingClient.prototype.query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown): unknown {
  const name = typeof config === 'string' && Array.isArray(values) ? preparedStatementName(config) : undefined;
  const call = plainQuery as (this: pg.Client, ...args: unknown[]) => unknown;
  if (name) return call.call(this, { name, text: config, values }, callback);
  return call.call(this, config, values, callback);
} as typeof plainQuery;
