import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD, seedDemo } from '../../src/demo/demo.service.ts';
import { isRoleAllowedInKind, ROLES } from '../../src/domain/identity.ts';
import { verifyText } from '../../src/domain/signature.ts';
import { PLACES } from '../../src/domain/gazetteer.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { BIN } from '../helpers/cli.ts';
import { createTestDatabase, DIALECTS } from '../helpers/databases.ts';

describe.each(DIALECTS)('demo data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('creates the mediator, both parties and two agencies, a user of each role, and the places', async () => {
    const logins = await seedDemo(t.app.ctx);
    const kinds = DEMO_ORGS.map((o) => o.kind);
    expect(kinds.filter((k) => k === 'party')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'agency')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'mediator')).toHaveLength(1);
    const rolesSeen = new Set(logins.map((l) => l.role));
    expect([...rolesSeen].sort()).toEqual([...ROLES].sort());
    for (const login of logins) expect(isRoleAllowedInKind(login.role, login.kind)).toBe(true);

    const liaison = logins.find((l) => l.role === 'liaison' && l.org.startsWith('Russian'));
    const token = await t.login(liaison!.email, DEMO_PASSWORD);
    const me = (await t.as(token, { method: 'GET', url: '/api/v1/me' })).json();
    expect(me.org).toMatchObject({ kind: 'party', timeZone: 'Europe/Moscow' });
    const places = (await t.as(token, { method: 'GET', url: '/api/v1/places' })).json().items;
    expect(places).toHaveLength(PLACES.length);
    expect(places.find((p: { id: string }) => p.id === 'zaporizhzhia')).toMatchObject({
      names: { uk: 'Запоріжжя', ru: 'Запорожье', en: 'Zaporizhzhia' },
    });
  });

  it('adds nothing when run again', async () => {
    const count = async () => Number((await t.app.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    // Seeded here too, so that this holds whether or not the test above ran first.
    await seedDemo(t.app.ctx);
    const before = await count();
    expect(before).toBeGreaterThan(1);
    await seedDemo(t.app.ctx);
    expect(await count()).toBe(before);
  });
});

describe('npm start (serve --demo)', () => {
  it('starts on an empty SQLite file, prints the demo logins, and serves health and the console', async () => {
    const database = await createTestDatabase('sqlite');
    const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', '0'], {
      env: { ...process.env, DATABASE_URL: database.url, HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const address = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up line: ${output}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const match = /console\s+(http:\/\/\S+)\/ops/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      expect(output).toContain(`password for every account: ${DEMO_PASSWORD}`);
      expect(output).toMatch(/admin@mediator\.demo/);
      expect(output).toMatch(/liaison@ua\.demo/);
      const health = await fetch(`${address}/api/health`);
      expect(await health.json()).toEqual({ status: 'ok', db: 'sqlite' });
      const ops = await fetch(`${address}/ops`);
      expect(ops.status).toBe(200);
      expect(await ops.text()).toMatch(/<div id="root"/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await database.drop();
    }
  });
});

describe.each(DIALECTS)('demo corridors on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    await seedDemo(t.app.ctx);
  });
  afterAll(async () => t?.close());

  it('follow what happened in March 2022, plus one open now and one awaiting approval', async () => {
    const token = await t.login('coordinator@mediator.demo', DEMO_PASSWORD);
    const items: { name: string; status: string; unilateral: unknown }[] = (await t.as(token, { method: 'GET', url: '/api/v1/corridors?limit=200' })).json().items;
    const status = (name: string) => items.find((c) => c.name === name)?.status;
    expect(items).toHaveLength(12);
    expect(status('Sumy – Poltava')).toBe('closed');
    expect(status('Kyiv – Gomel (unilateral announcement)')).toBe('rejected');
    expect(items.find((c) => c.name.startsWith('Kyiv – Gomel'))?.unilateral).toMatchObject({ source: expect.stringContaining('Moscow') });
    expect(status('Mariupol – Zaporizhzhia (5 March)')).toBe('suspended');
    expect(status('Izium – Lozova')).toBe('suspended');
    expect(status('Enerhodar – Zaporizhzhia (live demo)')).toBe('open');
    expect(status('Mariupol – Zaporizhzhia (awaiting approval)')).toBe('proposed');

    const publicList = (await t.inject({ method: 'GET', url: '/api/v1/public/corridors' })).json().items;
    expect(publicList.map((c: { name: string }) => c.name)).toContain('Enerhodar – Zaporizhzhia (live demo)');
    expect(publicList.map((c: { name: string }) => c.name)).not.toContain('Kyiv – Gomel (unilateral announcement)');

    await seedDemo(t.app.ctx);
    expect((await t.as(token, { method: 'GET', url: '/api/v1/corridors?limit=200' })).json().items).toHaveLength(12);
  });

  it('has the convoys: the Enerhodar buses held at Vasylivka overdue, one underway now, one awaiting the parties', async () => {
    const token = await t.login('coordinator@icrc.demo', DEMO_PASSWORD);
    const movements: { status: string; overdue: boolean; expectedNext: { what: string } | null; departAt: string }[] = (
      await t.as(token, { method: 'GET', url: '/api/v1/movements' })
    ).json().items;
    const held = movements.find((m) => m.departAt === '2022-03-09T08:00:00.000Z');
    expect(held).toMatchObject({ status: 'underway', overdue: true, expectedNext: { what: 'Vasylivka' } });
    expect(movements.filter((m) => m.status === 'completed')).toHaveLength(1);
    expect(movements.some((m) => m.status === 'underway' && !m.overdue)).toBe(true);
    expect(movements.some((m) => m.status === 'submitted')).toBe(true);
    const liaison = await t.login('liaison@ru.demo', DEMO_PASSWORD);
    const queue = (await t.as(liaison, { method: 'GET', url: '/api/v1/movements?status=submitted' })).json().items;
    expect(queue).toHaveLength(1);
  });

  it('has the incidents of March 2022 with each side’s own signed account, verifiable with the demo party keys', async () => {
    const token = await t.login('liaison@ru.demo', DEMO_PASSWORD);
    const items: { id: string; type: string; occurredAt: string; clearedAt: string | null }[] = (await t.as(token, { method: 'GET', url: '/api/v1/incidents' })).json().items;
    const on = (type: string, day: string) => items.filter((i) => i.type === type && i.occurredAt.startsWith(day));
    expect(on('shelling', '2022-03-05')).toHaveLength(2);
    expect(on('shelling', '2022-03-06')).toHaveLength(1);
    expect(on('mine', '2022-03-06')).toHaveLength(1);
    expect(on('blocked_road', '2022-03-09')[0]?.clearedAt).toEqual(expect.any(String));
    expect(on('detention', '2022-03-22')).toHaveLength(1);
    const record = async (id: string) => (await t.as(token, { method: 'GET', url: `/api/v1/incidents/${id}` })).json() as { statements: { partyId: string; text: string; signedPayload: string; signature: string; publicKey: string; key: { label: string } }[] };
    const ua = (await t.as(await t.login('liaison@ua.demo', DEMO_PASSWORD), { method: 'GET', url: '/api/v1/me' })).json().orgId;
    const mariupol = await record(on('shelling', '2022-03-05').find((i) => i.occurredAt === '2022-03-05T09:20:00.000Z')!.id);
    expect(mariupol.statements).toHaveLength(2);
    expect(mariupol.statements[0]).toMatchObject({ partyId: ua, text: expect.stringContaining('Маріуполя') });
    expect(mariupol.statements[1]?.text).toContain('режим тишины');
    for (const s of [...mariupol.statements, ...(await record(on('detention', '2022-03-22')[0]!.id)).statements]) {
      expect(verifyText(s.signedPayload, s.signature, s.publicKey)).toBe(true);
      expect(s.key.label).toBe('demo seed key (demo only)');
    }
  });
});
