import { PostgresAdapter, type Kysely } from 'kysely';
import * as postgresJson from 'kysely/helpers/postgres';
import * as sqliteJson from 'kysely/helpers/sqlite';
import type { Schema } from './schema.ts';

/**
 * Loading an aggregate's lists as JSON subqueries of one query: on PostgreSQL each query is a
 * round trip and a parse and plan on the server, and an aggregate of four tables was four of them.
 */

/** Kysely's `jsonArrayFrom` and `jsonObjectFrom` for the database's dialect. */
export function jsonHelpersFor(db: Kysely<Schema>): typeof postgresJson | typeof sqliteJson {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresJson : sqliteJson;
}

/**
 * Every column of table `T`, named: SQLite's JSON helpers build each object from the selected
 * names, so `selectAll()` cannot be used there. A column added to the table later and not named
 * here fails to compile instead of going missing from the load.
 */
export const everyColumn =
  <T>() =>
  <const C extends readonly (keyof T & string)[]>(...columns: C & ([Exclude<keyof T, C[number]>] extends [never] ? unknown : never)): C =>
    columns;

/** SQLite hands JSON back as text, PostgreSQL's driver parses it. */
export function fromJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** Sorted in JS by the given keys: the order of an aggregated subquery is kept in practice, not by promise. */
export function sortedBy<T>(items: readonly T[], ...keys: (keyof T)[]): T[] {
  return [...items].sort((a, b) => {
    for (const key of keys) {
      if (a[key] < b[key]) return -1;
      if (a[key] > b[key]) return 1;
    }
    return 0;
  });
}
