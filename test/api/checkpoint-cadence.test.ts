import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCheckpoint, parseSignedNote, parseVerifierKey, verifyNote } from '../../src/domain/checkpoint.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/databases.ts';

/**
 * Issue 11.4: "a new [checkpoint] follows each batch of changes, and the latest is in the public
 * Atom feed", whether or not a witness or reader asks. What does it: the scheduler's tick
 * (SCHEDULER_INTERVAL_MS) rebuilds the public snapshot, whose Atom feed asks for the latest
 * checkpoint, and latestCheckpoint signs one when the tree has grown and CHECKPOINT_INTERVAL_MS
 * has passed. Nobody here calls the checkpoint endpoints before the checks.
 */
describe.each(DIALECTS)('checkpoints after changes on %s', (dialect) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { schedulerIntervalMs: 50, checkpointIntervalMs: 300 });
    admin = await t.login(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => t?.close());

  const auditSize = async () => Number((await t.app.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const checkpointSizes = async () => (await t.app.ctx.db.selectFrom('checkpoints').select('size').orderBy('size').execute()).map((r) => r.size);
  const feedCheckpoint = async (): Promise<string | null> => {
    await t.app.publicSnapshot.fresh();
    const xml = (await t.inject({ method: 'GET', url: '/feeds/corridors.atom?lang=en' })).body;
    const entry = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!).find((e) => e.includes('<category term="checkpoint"/>'));
    const content = entry ? /<content type="text">([\s\S]*?)<\/content>/.exec(entry)?.[1] : undefined;
    return content === undefined ? null : content.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
  };

  it('signs a checkpoint covering a batch of changes without being asked, and the Atom feed carries it', async () => {
    for (let i = 0; i < 4; i += 1) {
      const made = await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: `Cadence agency ${i}`, kind: 'agency' } });
      expect(made.statusCode, made.body).toBe(201);
    }
    const size = await auditSize();
    await vi.waitFor(async () => expect((await checkpointSizes()).at(-1)).toBe(size), { timeout: 10_000, interval: 50 });

    // The feed's entry is that checkpoint, signed by the log's key.
    await vi.waitFor(async () => expect(await feedCheckpoint()).toContain(`\n${size}\n`), { timeout: 10_000, interval: 50 });
    const note = parseSignedNote((await feedCheckpoint())!);
    if (!note.ok) throw new Error(note.reason);
    const key = await parseVerifierKey((await t.inject({ method: 'GET', url: '/api/v1/public/log/key' })).body);
    if (!key.ok) throw new Error(key.reason);
    expect(await verifyNote(note.value, key.value.name, key.value.rawPublicKey)).toBe(true);
    const body = parseCheckpoint(note.value.body);
    expect(body.ok && body.value.size).toBe(size);
  });

  it('signs nothing more while nothing changes', async () => {
    const size = await auditSize();
    await vi.waitFor(async () => expect((await checkpointSizes()).at(-1)).toBe(size), { timeout: 10_000, interval: 50 });
    const before = await checkpointSizes();
    // Many of the keeper's looks (every 50 ms), each past the 300 ms cadence.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await checkpointSizes()).toEqual(before);
  });
});
