import SqliteDatabase from 'better-sqlite3';
import { sql, type Generated, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type Database } from '../../src/store/database.ts';
import type { Schema } from '../../src/store/schema.ts';
import { FifoMutex } from '../../src/store/sqlite-server-dialect.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';

// SQLite only: the server dialect (store/sqlite-server-dialect.ts) exists for SQLite's single
// connection; PostgreSQL does not use it.

/** The scratch tables these tests make, which the app's schema does not know. */
interface ScratchSchema {
  notes: { id: Generated<number>; text: string };
}
const scratch = (db: Kysely<Schema>) => db as unknown as Kysely<ScratchSchema>;

describe('FifoMutex', () => {
  it('hands the lock to waiters in the order they asked, and a newcomer cannot jump the queue', async () => {
    const mutex = new FifoMutex();
    const order: string[] = [];
    await mutex.lock();
    const waiters = ['a', 'b', 'c'].map((name) => mutex.lock().then(() => order.push(name)));
    mutex.unlock(); // to a
    // Asked after the release, while a has not run yet: must still come after b and c.
    const late = mutex.lock().then(() => order.push('late'));
    await waiters[0];
    mutex.unlock(); // to b
    await waiters[1];
    mutex.unlock(); // to c
    await waiters[2];
    mutex.unlock(); // to late
    await late;
    mutex.unlock();
    expect(order).toEqual(['a', 'b', 'c', 'late']);
    // Free again: taken at once.
    await mutex.lock();
    mutex.unlock();
  });
});

describe('SQLite server dialect', () => {
  let testDb: TestDatabase;
  let database: Database;
  let file: string;
  beforeEach(async () => {
    testDb = await createTestDatabase('sqlite');
    database = await openMigratedDatabase(testDb.url);
    file = testDb.url.slice('sqlite:'.length);
    await sql`create table notes (id integer primary key, text text not null unique)`.execute(database.db);
  });
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  /** What another process (a second connection) sees: only committed rows. */
  function committedNotes(): string[] {
    const other = new SqliteDatabase(file, { readonly: true });
    try {
      return (other.prepare('select text from notes order by id').all() as { text: string }[]).map((r) => r.text);
    } finally {
      other.close();
    }
  }

  const notes = (db: Kysely<Schema>) => scratch(db).selectFrom('notes').select('text').orderBy('id').execute();
  const addNote = (db: Kysely<Schema>, text: string) => scratch(db).insertInto('notes').values({ text }).execute();

  it('runs transactions one at a time in the order they asked for the connection', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = database.db.transaction().execute(async (trx) => {
      await addNote(trx, 'first');
      await held;
      order.push('first');
    });
    const rest = ['b', 'c', 'd', 'e'].map((name) =>
      database.db.transaction().execute(async (trx) => {
        await addNote(trx, name);
        order.push(name);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]); // everyone waits for the transaction holding the connection
    release();
    await Promise.all([first, ...rest]);
    expect(order).toEqual(['first', 'b', 'c', 'd', 'e']);
    expect(committedNotes()).toEqual(['first', 'b', 'c', 'd', 'e']);
  });

  it('reuses prepared statements correctly across rollbacks, commits, schema changes and streams', async () => {
    await addNote(database.db, 'kept');
    await expect(
      database.db.transaction().execute(async (trx) => {
        await addNote(trx, 'undone');
        expect((await notes(trx)).map((r) => r.text)).toEqual(['kept', 'undone']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // The same statements, kept from inside the rolled-back transaction, see only what is stored.
    expect((await notes(database.db)).map((r) => r.text)).toEqual(['kept']);
    await expect(addNote(database.db, 'kept')).rejects.toThrow(/UNIQUE/); // a failed run leaves it reusable
    await addNote(database.db, 'second');
    expect(committedNotes()).toEqual(['kept', 'second']);

    // A kept `select *` picks up a column added later (SQLite re-prepares it).
    const all = () => scratch(database.db).selectFrom('notes').selectAll().orderBy('id').execute();
    expect(Object.keys((await all())[0]!)).toEqual(['id', 'text']);
    await sql`alter table notes add column tag text`.execute(database.db);
    expect((await all())[0]).toEqual({ id: 1, text: 'kept', tag: null });

    // Streaming the query just run (and kept), then running it again.
    const streamed: string[] = [];
    for await (const row of scratch(database.db).selectFrom('notes').select('text').orderBy('id').stream()) streamed.push(row.text);
    expect(streamed).toEqual(['kept', 'second']);
    expect((await notes(database.db)).map((r) => r.text)).toEqual(['kept', 'second']);
  });
});
