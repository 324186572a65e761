import { sign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.service.ts';
import { openDatabase } from '../../src/store/database.ts';
import { runCli } from '../helpers/cli.ts';
import { corridorBody } from '../helpers/corridors.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const ROUNDS = 3;
const LOAD_MS = 1_500;

interface Acknowledged {
  checkins: string[];
  people: string[];
  incidents: string[];
  /** corridor id and version the liaison's approval was answered 201 for */
  approvals: string[];
}

async function call(base: string, token: string | null, method: string, url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function login(base: string, email: string): Promise<string> {
  const { status, json } = await call(base, null, 'POST', '/api/v1/auth/login', { email, password: DEMO_PASSWORD });
  if (status !== 200) throw new Error(`login ${email}: ${status}`);
  return json.token as string;
}

/** A key made here for the Ukrainian liaison, approved by the party's admin: the signer of the approvals. */
async function enrolLiaisonKey(base: string, liaison: string): Promise<{ keyId: string; privateKey: KeyObject }> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64');
  const enrolled = await call(base, liaison, 'POST', '/api/v1/keys', { publicKey: raw, label: 'crash test' });
  if (enrolled.status !== 201) throw new Error(`enrol: ${enrolled.status}`);
  const approved = await call(base, await login(base, 'admin@ua.demo'), 'POST', `/api/v1/keys/${enrolled.json.id as string}/approve`);
  if (approved.status !== 200) throw new Error(`approve key: ${approved.status}`);
  return { keyId: enrolled.json.id as string, privateKey };
}

// The real server, killed with SIGKILL while writes of four kinds pour in, restarted, over
// several rounds: every write it answered 2xx must be in the database, and the audit chain intact.
describe.each(DIALECTS)('crash safety under SIGKILL (%s)', (dialect) => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  const env = (url: string) => ({ DATABASE_URL: url, SERVER_KEY: Buffer.alloc(32, 9).toString('base64'), LOGIN_ATTEMPTS_PER_MINUTE: '1000' });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it(`keeps every acknowledged check-in, registration, approval and incident over ${ROUNDS} kills`, async () => {
    server = await startServerProcess(['--demo'], env(database.url));
    const acked: Acknowledged = { checkins: [], people: [], incidents: [], approvals: [] };
    let answered = 0;
    let cut = 0;
    for (let round = 1; round <= ROUNDS; round += 1) {
      const base = server.url;
      const coordinator = await login(base, 'coordinator@mediator.demo');
      const liaison = await login(base, 'liaison@ua.demo');
      const registrar = await login(base, 'registrar@urcs.demo');
      const field = await login(base, 'field@icrc.demo');
      const parties = ((await call(base, coordinator, 'GET', '/api/v1/orgs')).json.items as { id: string; kind: string }[])
        .filter((o) => o.kind === 'party')
        .map((o) => o.id);
      const movements = (await call(base, field, 'GET', '/api/v1/movements?status=underway')).json.items as { id: string; status: string }[];
      const movement = movements.find((m) => m.status === 'underway');
      expect(movement, 'the demo has a convoy underway for the field officer').toBeDefined();
      const signer = await enrolLiaisonKey(base, liaison);
      // Versions for the liaison to approve under load.
      const proposed: string[] = [];
      for (let i = 0; i < 10; i += 1) {
        const created = await call(base, coordinator, 'POST', '/api/v1/corridors', corridorBody(parties, { name: `Crash round ${round} corridor ${i}` }));
        await call(base, coordinator, 'POST', `/api/v1/corridors/${created.json.id as string}/propose`);
        proposed.push(created.json.id as string);
      }

      let running = true;
      const loop = async (write: (i: number) => Promise<void>) => {
        for (let i = 0; running; i += 1) {
          try {
            await write(i);
            answered += 1;
          } catch {
            // A request the kill cut off was never acknowledged: nothing to hold the server to.
            cut += 1;
            return;
          }
        }
      };
      // Two writers each of check-ins and registrations, the commonest writes in the field.
      const loops = [0, 1].flatMap((w) => [
        loop(async (i) => {
          const r = await call(base, field, 'POST', `/api/v1/movements/${movement!.id}/checkins`, { lat: 47.1 + i * 1e-4, lon: 35.3 + w * 1e-3, note: `round ${round}` });
          if (r.status === 201) acked.checkins.push(r.json.id as string);
        }),
        loop(async (i) => {
          const r = await call(base, registrar, 'POST', '/api/v1/people', { familyName: 'Kovalenko', givenName: `Crash${round}w${w}n${i}`, birthDate: '1961' });
          if (r.status === 201) acked.people.push(r.json.id as string);
        }),
      ]);
      loops.push(
        loop(async (i) => {
          const r = await call(base, field, 'POST', '/api/v1/incidents', { type: 'gunfire', severity: 'low', lat: 47.2, lon: 35.4 + i * 1e-4, occurredAt: new Date().toISOString() });
          if (r.status === 201) acked.incidents.push(r.json.id as string);
        }),
      );
      loops.push(
        loop(async (i) => {
          const id = proposed[i];
          if (!id) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            return;
          }
          const signedAt = new Date().toISOString();
          const statement = await call(base, liaison, 'GET', `/api/v1/corridors/${id}/versions/1/statement?decision=approve&signedAt=${encodeURIComponent(signedAt)}`);
          const signature = sign(null, Buffer.from(statement.json.statement as string, 'utf8'), signer.privateKey).toString('base64');
          const r = await call(base, liaison, 'POST', `/api/v1/corridors/${id}/approvals`, { version: 1, decision: 'approve', keyId: signer.keyId, signedAt, signature });
          if (r.status === 201) acked.approvals.push(id);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
      await server.kill();
      running = false;
      await Promise.all(loops);
      server = await startServerProcess([], env(database.url));
    }
    await server.stop();
    server = undefined;

    // Each kind was written, and each was cut off at least once, or the test proved nothing.
    for (const [kind, ids] of Object.entries(acked)) expect(ids.length, kind).toBeGreaterThan(0);
    expect(cut).toBeGreaterThan(0);
    const { db, close } = openDatabase(database.url);
    try {
      const present = async (table: 'movement_checkins' | 'people' | 'incidents', ids: string[]) =>
        (await db.selectFrom(table).select('id').where('id', 'in', ids).execute()).length;
      expect(await present('movement_checkins', acked.checkins)).toBe(acked.checkins.length);
      expect(await present('people', acked.people)).toBe(acked.people.length);
      expect(await present('incidents', acked.incidents)).toBe(acked.incidents.length);
      const decisions = await db.selectFrom('corridor_decisions').select('corridor_id').where('corridor_id', 'in', acked.approvals).execute();
      expect(new Set(decisions.map((d) => d.corridor_id)).size).toBe(acked.approvals.length);
    } finally {
      await close();
    }
    const verified = await runCli(['audit', 'verify'], { DATABASE_URL: database.url });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/chain intact/);
    console.log(`${dialect}: ${answered} writes answered over ${ROUNDS} kills, ${cut} cut off; all ${Object.values(acked).flat().length} acknowledged present`);
  }, 180_000);
});
