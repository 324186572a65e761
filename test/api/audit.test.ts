import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { DIALECTS } from '../helpers/databases.ts';

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.login(ADMIN.email, ADMIN.password);
    for (const name of ['Audit Party', 'Audit Agency']) {
      await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind: name.endsWith('Party') ? 'party' : 'agency' } });
    }
  });
  afterAll(async () => t?.close());

  const events = () => t.app.ctx.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
  const verify = () => runCli(['audit', 'verify'], { DATABASE_URL: t.database.url });

  it('records every state change with actor, action and subject, and no personal data', async () => {
    const created = await t.as(admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { orgId: (await t.as(admin, { method: 'GET', url: '/api/v1/me' })).json().orgId, email: 'audited.person@m.test', name: 'Марія Аудитна', password: 'audited-pw-12', role: 'viewer' },
    });
    const rows = await events();
    const last = rows[rows.length - 1]!;
    expect(last).toMatchObject({ action: 'user.create', subject_type: 'user', subject_id: created.json().id, actor_org_id: expect.any(String) });
    expect(last.payload_hash).toMatch(/^[0-9a-f]{64}$/);
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain('audited.person');
    expect(everything).not.toContain('Марія');
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['org.create', 'user.create', 'session.login']));
  });

  it('writes no event for a command that fails, since both share one transaction', async () => {
    const before = (await events()).length;
    const dup = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Audit Party', kind: 'party' } });
    expect(dup.statusCode).toBe(409);
    expect((await events()).length).toBe(before);
  });

  it('keeps one unbroken chain when many commands run at once', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: `Concurrent ${i}`, kind: 'agency' } })),
    );
    const api = await t.as(admin, { method: 'GET', url: '/api/v1/audit/verify' });
    expect(api.json()).toMatchObject({ ok: true });
    const seqs = (await events()).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('`safe-passage audit verify` says the chain is intact, with the count', async () => {
    const result = await verify();
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`${(await events()).length} events, chain intact`);
  });

  // Each tampering is undone afterwards so the next starts from an intact chain.
  it('names an edited event', async () => {
    const original = (await events())[2]!;
    await t.app.ctx.db.updateTable('audit_events').set({ action: 'org.delete' }).where('seq', '=', 3).execute();
    try {
      const result = await verify();
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^event 3: .*edited/);
    } finally {
      await t.app.ctx.db.updateTable('audit_events').set({ action: original.action }).where('seq', '=', 3).execute();
    }
    expect((await verify()).code).toBe(0);
  });

  it('names the event after a deleted one, and a deleted last event', async () => {
    const rows = await events();
    const victim = rows[3]!;
    await t.app.ctx.db.deleteFrom('audit_events').where('seq', '=', 4).execute();
    const middle = await verify();
    expect(middle.code).toBe(1);
    expect(middle.stdout).toMatch(/^event 5: .*event 4 is missing/);
    await t.app.ctx.db.insertInto('audit_events').values(victim).execute();

    const last = rows[rows.length - 1]!;
    await t.app.ctx.db.deleteFrom('audit_events').where('seq', '=', last.seq).execute();
    const end = await verify();
    expect(end.code).toBe(1);
    expect(end.stdout).toMatch(new RegExp(`^event ${last.seq}: .*removed`));
    await t.app.ctx.db.insertInto('audit_events').values(last).execute();
    expect((await verify()).code).toBe(0);
  });

  it('names an inserted event and reordered events', async () => {
    const rows = await events();
    const last = rows[rows.length - 1]!;
    const forged = { ...last, seq: last.seq + 1, subject_id: 'forged', hash: 'f'.repeat(64), prev_hash: last.hash };
    await t.app.ctx.db.insertInto('audit_events').values(forged).execute();
    const inserted = await verify();
    expect(inserted.code).toBe(1);
    expect(inserted.stdout).toMatch(new RegExp(`^event ${forged.seq}: `));
    await t.app.ctx.db.deleteFrom('audit_events').where('seq', '=', forged.seq).execute();

    // Swap the positions of events 2 and 3 (via a free seq, as the column is a key).
    const db = t.app.ctx.db;
    await db.updateTable('audit_events').set({ seq: -2 }).where('seq', '=', 2).execute();
    await db.updateTable('audit_events').set({ seq: 2 }).where('seq', '=', 3).execute();
    await db.updateTable('audit_events').set({ seq: 3 }).where('seq', '=', -2).execute();
    const reordered = await verify();
    expect(reordered.code).toBe(1);
    expect(reordered.stdout).toMatch(/^event 2: /);
    await db.updateTable('audit_events').set({ seq: -3 }).where('seq', '=', 3).execute();
    await db.updateTable('audit_events').set({ seq: 3 }).where('seq', '=', 2).execute();
    await db.updateTable('audit_events').set({ seq: 2 }).where('seq', '=', -3).execute();
    expect((await verify()).code).toBe(0);
  });

  it('cannot be verified through the API by anyone but the mediator admin', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(response.statusCode).toBe(401);
    await sql`select 1`.execute(t.app.ctx.db);
  });
});
