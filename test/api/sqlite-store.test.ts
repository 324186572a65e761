import SqliteDatabase from 'better-sqlite3';
import { sql, type Generated, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext, type Context } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { verifyAuditLog } from '../../src/services/audit.service.ts';
import { runCommand } from '../../src/services/command.ts';
import type { ChangeEvent } from '../../src/services/events.ts';
import { openMigratedDatabase, type Database } from '../../src/store/database.ts';
import { GROUP_COMMIT_MAX, runInGroupCommit } from '../../src/store/group-commit.ts';
import type { Schema } from '../../src/store/schema.ts';
import { FifoMutex } from '../../src/store/sqlite-server-dialect.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.ts';

// The server dialect (store/sqlite-server-dialect.ts) is SQLite's alone; group commit
// (store/group-commit.ts) is tested on SQLite's single connection here and, through runCommand,
// on both dialects below.

/** The scratch tables these tests make, which the app's schema does not know. */
interface ScratchSchema {
  notes: { id: Generated<number>; text: string };
  links: { note_id: number };
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

describe('SQLite server dialect and group commit', () => {
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

  it('group commit: works queued together share one transaction, each in order, resolved only once committed', async () => {
    const readsInside: { text: string; sawBefore: string[]; committedMeanwhile: string[] }[] = [];
    const committedWhenResolved: string[][] = [];
    const texts = ['one', 'two', 'three', 'four'];
    const results = await Promise.all(
      texts.map((text) =>
        runInGroupCommit(database.db, async (trx) => {
          const sawBefore = (await notes(trx)).map((r) => r.text);
          await addNote(trx, text);
          readsInside.push({ text, sawBefore, committedMeanwhile: committedNotes() });
          return text.toUpperCase();
        }).then((result) => {
          committedWhenResolved.push(committedNotes());
          return result;
        }),
      ),
    );
    expect(results).toEqual(['ONE', 'TWO', 'THREE', 'FOUR']);
    // One shared transaction: each work reads what the earlier ones wrote, none of it committed yet.
    expect(readsInside).toEqual([
      { text: 'one', sawBefore: [], committedMeanwhile: [] },
      { text: 'two', sawBefore: ['one'], committedMeanwhile: [] },
      { text: 'three', sawBefore: ['one', 'two'], committedMeanwhile: [] },
      { text: 'four', sawBefore: ['one', 'two', 'three'], committedMeanwhile: [] },
    ]);
    // Every promise resolved after the commit: all four were stored by then.
    expect(committedWhenResolved).toEqual(texts.map(() => texts));
  });

  it('group commit: a failing work is undone alone and rejects with its own error; the others commit', async () => {
    const outcomes = await Promise.allSettled([
      runInGroupCommit(database.db, (trx) => addNote(trx, 'a')),
      runInGroupCommit(database.db, async (trx) => {
        await addNote(trx, 'half-done');
        throw new Error('refused by a rule');
      }),
      runInGroupCommit(database.db, (trx) => addNote(trx, 'a')), // unique violation
      runInGroupCommit(database.db, (trx) => addNote(trx, 'b')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused by a rule'));
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(committedNotes()).toEqual(['a', 'b']);
  });

  it('group commit: a batch runs each work once when none fails; one failing work makes it run again, the first run leaving no trace', async () => {
    const runs = { a: 0, b: 0, c: 0 };
    await Promise.all([
      runInGroupCommit(database.db, async (trx) => {
        runs.a++;
        await addNote(trx, 'a');
      }),
      runInGroupCommit(database.db, async (trx) => {
        runs.b++;
        await addNote(trx, 'b');
      }),
    ]);
    expect(runs).toEqual({ a: 1, b: 1, c: 0 });
    const seen: string[][] = [];
    const outcomes = await Promise.allSettled([
      runInGroupCommit(database.db, async (trx) => {
        runs.c++;
        seen.push((await notes(trx)).map((r) => r.text));
        await addNote(trx, 'c');
      }),
      runInGroupCommit(database.db, async (trx) => {
        await addNote(trx, 'half-done');
        throw new Error('refused');
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    // Run twice, and the second run did not see the first one's note: it had been rolled back.
    expect(runs.c).toBe(2);
    expect(seen).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
    expect(committedNotes()).toEqual(['a', 'b', 'c']);
  });

  it('group commit: when the commit fails, every work in the batch rejects and nothing is stored', async () => {
    // A deferred foreign key is checked only by the commit: the one way a sound statement can
    // make the commit itself fail (as a full disk would).
    await sql`create table links (note_id integer references notes(id) deferrable initially deferred)`.execute(database.db);
    const outcomes = await Promise.allSettled([
      runInGroupCommit(database.db, (trx) => addNote(trx, 'x')),
      runInGroupCommit(database.db, (trx) => scratch(trx).insertInto('links').values({ note_id: 999 }).execute()),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(committedNotes()).toEqual([]);
    // The queue goes on after a failed batch.
    await runInGroupCommit(database.db, (trx) => addNote(trx, 'after'));
    expect(committedNotes()).toEqual(['after']);
  });

  it('group commit: more works than one batch takes are all committed, in order', async () => {
    const count = GROUP_COMMIT_MAX * 2 + 5;
    await Promise.all(Array.from({ length: count }, (_, i) => runInGroupCommit(database.db, (trx) => addNote(trx, `n${i}`))));
    expect(committedNotes()).toEqual(Array.from({ length: count }, (_, i) => `n${i}`));
  });
});

// Group commit for commands runs on both dialects: one transaction per batch, audit appended at its end.
describe.each(DIALECTS)('runCommand on %s', (dialect) => {
  let testDb: TestDatabase;
  let context: Context;
  beforeEach(async () => {
    testDb = await createTestDatabase(dialect);
    context = await createContext({ ...loadConfig({}), databaseUrl: testDb.url });
  });
  afterEach(async () => {
    await context?.close();
    await testDb?.drop();
  });

  it('commands committed together each keep their own audit event, the chain verifies, and only committed ones are published', async () => {
    const { ctx } = context;
    const published: ChangeEvent[] = [];
    ctx.events.subscribe((event) => published.push(event));
    // The transaction of each command's last run (a batch with a failing command runs again).
    const transactions = new Map<number, string>();
    const command = (i: number) =>
      runCommand(ctx, null, async (trx) => {
        if (dialect === 'postgres') transactions.set(i, String((await sql<{ id: string }>`select txid_current()::text as id`.execute(trx)).rows[0]!.id));
        await trx.insertInto('places').values({ id: `p${i}`, adm1: null, country: 'UA', lat: 47 + i / 100, lon: 35, names: '{}', aliases: '[]' }).execute();
        if (i === 3) throw new Error('refused');
        return {
          result: i,
          audit: { action: 'place.add', subjectType: 'place', subjectId: `p${i}`, payload: { i } },
          event: { type: 'place.added', subjectType: 'place', subjectId: `p${i}`, orgId: null },
        };
      });
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => command(i)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const places = await ctx.db.selectFrom('places').select('id').orderBy('id').execute();
    expect(places.map((p) => p.id)).toEqual(['p0', 'p1', 'p2', 'p4', 'p5']);
    const events = await ctx.db.selectFrom('audit_events').select(['subject_id', 'seq']).where('action', '=', 'place.add').orderBy('seq').execute();
    expect(events.map((e) => e.subject_id)).toEqual(['p0', 'p1', 'p2', 'p4', 'p5']);
    expect(await verifyAuditLog(ctx)).toMatchObject({ ok: true });
    expect(published.map((e) => e.subjectId)).toEqual(['p0', 'p1', 'p2', 'p4', 'p5']);
    // Queued together, so one transaction (one hold of the audit chain's lock) took them all.
    if (dialect === 'postgres') expect(new Set(transactions.values()).size).toBe(1);
  });
});
