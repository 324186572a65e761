import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import {
  CompiledQuery,
  createQueryId,
  IdentifierNode,
  RawNode,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/** Enough for every query the app writes; queries with `in (…)` lists of varying length come and go. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite dialect (kysely 0.28's SqliteDriver) with two changes for a server under load:
 *
 * - The one connection is handed over first come, first served, with one wake-up per release.
 *   Kysely's mutex wakes every waiter on each release and lets whichever runs first take it, the
 *   rest going back to sleep: with 50 requests waiting, each query cost 50 wake-ups.
 * - Prepared statements are kept and reused by SQL text (the {@link STATEMENT_CACHE_SIZE} most
 *   recently used) instead of SQLite compiling every query again. SQLite re-prepares a kept
 *   statement by itself when a migration changes the schema.
 *
 * Everything else is as Kysely does it: one connection, BEGIN/COMMIT/ROLLBACK as plain statements,
 * savepoints, streaming only for selects.
 *
 * @example
 *   const db = new Kysely<Schema>({ dialect: new SqliteServerDialect(new SqliteDatabase('app.db')) });
 */
export class SqliteServerDialect implements Dialect {
  readonly #database: SqliteDatabase;

  constructor(database: SqliteDatabase) {
    this.#database = database;
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new SqliteServerDriver(this.#database);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

class SqliteServerDriver implements Driver {
  readonly #database: SqliteDatabase;
  readonly #connection: SqliteServerConnection;
  readonly #turns = new FifoMutex();

  constructor(database: SqliteDatabase) {
    this.#database = database;
    this.#connection = new SqliteServerConnection(database);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#turns.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(savepointCommand('savepoint', name), createQueryId()));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(savepointCommand('rollback to', name), createQueryId()));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(savepointCommand('release', name), createQueryId()));
  }

  async releaseConnection(): Promise<void> {
    this.#turns.unlock();
  }

  async destroy(): Promise<void> {
    this.#database.close();
  }
}

/** As Kysely builds it (its parser is not exported): the name goes through identifier quoting. */
function savepointCommand(command: string, name: string): RawNode {
  return RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]);
}

class SqliteServerConnection implements DatabaseConnection {
  readonly #database: SqliteDatabase;
  readonly #statements = new Map<string, Statement>();

  constructor(database: SqliteDatabase) {
    this.#database = database;
  }

  #prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (statement) {
      // A Map keeps insertion order: most recently used last, so the first key is the one to evict.
      this.#statements.delete(sql);
    } else {
      statement = this.#database.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value as string);
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    const statement = this.#prepare(sql);
    if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
    const { changes, lastInsertRowid } = statement.run(parameters);
    return Promise.resolve({
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    });
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { sql, parameters, query } = compiledQuery;
    if (!SelectQueryNode.is(query)) throw new Error('Sqlite driver only supports streaming of select queries');
    // A statement of its own: a kept one may be wanted again (in the same transaction) while this
    // one is still iterating, which better-sqlite3 refuses.
    for (const row of this.#database.prepare(sql).iterate(parameters)) yield { rows: [row as R] };
  }
}

/** A lock handed to waiters in the order they asked, one wake-up per release. */
export class FifoMutex {
  #locked = false;
  readonly #waiting: (() => void)[] = [];

  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    // Handed straight to the next waiter (still locked), so a newcomer cannot jump the queue.
    const next = this.#waiting.shift();
    if (next) next();
    else this.#locked = false;
  }
}
