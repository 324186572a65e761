import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import { MOVEMENT_NOTICE_FIELDS } from '../../src/domain/statements.ts';
import { verifyText } from '../../src/domain/signature.ts';
import { ADMIN, startTestApp, type TestApp } from '../helpers/app.ts';
import { createTwoParties } from '../helpers/corridors.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { createAgreedCorridor, enrolKey, newEd25519, partyAdminToken, signText } from '../helpers/signing.ts';
import { hoursFromNow } from '../helpers/time.ts';

/**
 * A party's acknowledgement or denial of a movement is signed on its own device exactly as an
 * approval is (docs/signing.md, "Statements"): the server rebuilds the statement from the
 * notification it holds and refuses whatever does not verify with an active key of that party.
 */
describe.each(DIALECTS)('signed movement answers on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let parties: string[];
  let liaisons: string[];
  let agency: string;
  let corridorId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.login(ADMIN.email, ADMIN.password);
    ({ parties, liaisons } = await createTwoParties(t, admin, 'MoveSign'));
    corridorId = await createAgreedCorridor(t, admin, parties, liaisons, { windows: [{ start: hoursFromNow(72), end: hoursFromNow(96) }] });
    const org = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'MoveSign agency', kind: 'agency' } })).json().id as string;
    const user = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId: org, email: 'c@movesign-agency.test', name: 'C', password: 'agency-password-1', role: 'coordinator' } });
    expect(user.statusCode, user.body).toBe(201);
    agency = await t.login('c@movesign-agency.test', 'agency-password-1');
  });
  afterAll(async () => t?.close());

  const notify = async () => {
    const r = await t.as(agency, {
      method: 'POST',
      url: '/api/v1/movements',
      payload: {
        kind: 'supply',
        corridorId,
        departAt: hoursFromNow(73),
        arriveBy: hoursFromNow(79),
        vehicles: [{ type: 'truck', plate: 'АА 1234 ВВ', markings: 'Червоний Хрест ✚' }],
        personnel: 4,
        cargo: [{ category: 'medical', item: 'інсулін 💉', quantity: 500, unit: 'doses' }],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const statementOf = async (token: string, id: string, decision: string, signedAt: string) => {
    const r = await t.as(token, { method: 'GET', url: `/api/v1/movements/${id}/statement?decision=${decision}&signedAt=${encodeURIComponent(signedAt)}` });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { statement: string; contentHash: string };
  };
  const answer = (token: string, id: string, body: Record<string, unknown>) => t.as(token, { method: 'POST', url: `/api/v1/movements/${id}/acknowledgements`, payload: body });
  const code = async (token: string, id: string, body: Record<string, unknown>) => (await answer(token, id, body)).json().code as string;

  it('signs the notification as the party reads it; an acknowledgement and a denial each verify with the public key alone', async () => {
    const id = await notify();
    const [uaKey, ruKey] = [(await enrolKey(t, liaisons[0]!))!, (await enrolKey(t, liaisons[1]!))!];
    const signedAt = t.app.ctx.now().toISOString();

    // The content hash is the SHA-256 of the notification's fields as the party is served them.
    const served = (await t.as(liaisons[0]!, { method: 'GET', url: `/api/v1/movements/${id}` })).json() as Record<string, unknown>;
    const notice = Object.fromEntries(MOVEMENT_NOTICE_FIELDS.map((f) => [f, served[f] ?? null]));
    const ownHash = createHash('sha256').update(canonicalJson(notice), 'utf8').digest('hex');
    const ack = await statementOf(liaisons[0]!, id, 'acknowledge', signedAt);
    expect(ack.contentHash).toBe(ownHash);
    expect(ack.statement).toBe(canonicalJson({ statement: 'safe-passage/movement-answer/1', movementId: id, contentHash: ownHash, decision: 'acknowledge', partyId: parties[0], signedAt }));

    const acked = await answer(liaisons[0]!, id, { decision: 'acknowledge', keyId: uaKey.keyId, signedAt, signature: signText(ack.statement, uaKey.privateKey) });
    expect(acked.statusCode, acked.body).toBe(201);
    const deny = await statementOf(liaisons[1]!, id, 'deny', signedAt);
    const denied = await answer(liaisons[1]!, id, { decision: 'deny', comment: 'Бої біля Лубен', keyId: ruKey.keyId, signedAt, signature: signText(deny.statement, ruKey.privateKey) });
    expect(denied.json()).toMatchObject({ status: 'denied' });

    const stored = (await t.as(admin, { method: 'GET', url: `/api/v1/movements/${id}` })).json().acknowledgements as { partyId: string; decision: string; keyId: string; signedPayload: string; signature: string; publicKey: string }[];
    expect(stored.map((a) => [a.partyId, a.decision, a.keyId])).toEqual([
      [parties[0], 'acknowledge', uaKey.keyId],
      [parties[1], 'deny', ruKey.keyId],
    ]);
    for (const a of stored) {
      expect(a.publicKey).toBe(a.keyId === uaKey.keyId ? uaKey.publicKey : ruKey.publicKey);
      expect(verifyText(a.signedPayload, a.signature, a.publicKey)).toBe(true);
    }
    const audit = await t.app.ctx.db.selectFrom('audit_events').select('action').where('subject_id', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['movement.notify', 'movement.acknowledge', 'movement.deny']);
  });

  it('refuses an answer signed over another decision, another movement, another time, by another party’s, a pending or a revoked key, changing nothing', async () => {
    const id = await notify();
    const other = await notify();
    const ua = liaisons[0]!;
    const key = (await enrolKey(t, ua))!;
    const signedAt = t.app.ctx.now().toISOString();
    const signed = async (movementId: string, decision: string, at = signedAt, privateKey = key.privateKey) =>
      signText((await statementOf(ua, movementId, decision, at)).statement, privateKey);
    const good = { decision: 'acknowledge', keyId: key.keyId, signedAt, signature: await signed(id, 'acknowledge') };

    expect(await code(ua, id, { ...good, decision: 'deny' })).toBe('SIGNATURE_INVALID');
    expect(await code(ua, id, { ...good, signature: await signed(other, 'acknowledge') })).toBe('SIGNATURE_INVALID');
    expect(await code(ua, id, { ...good, signedAt: new Date(Date.parse(signedAt) + 1).toISOString() })).toBe('SIGNATURE_INVALID');
    expect(await code(ua, id, { ...good, signedAt: hoursFromNow(-30), signature: await signed(id, 'acknowledge', hoursFromNow(-30)) })).toBe('SIGNED_AT_IMPLAUSIBLE');
    expect(await code(ua, id, { ...good, keyId: 'no-such-key' })).toBe('KEY_UNKNOWN');
    // The other party's liaison can neither use this key nor answer for this party.
    expect(await code(liaisons[1]!, id, good)).toBe('KEY_UNKNOWN');

    const pending = newEd25519();
    const enrolled = (await t.as(ua, { method: 'POST', url: '/api/v1/keys', payload: { publicKey: pending.publicKey } })).json() as { id: string };
    expect(await code(ua, id, { ...good, keyId: enrolled.id, signature: await signed(id, 'acknowledge', signedAt, pending.privateKey) })).toBe('KEY_NOT_ACTIVE');

    const revoked = await t.as(await partyAdminToken(t, parties[0]!), { method: 'POST', url: `/api/v1/keys/${key.keyId}/revoke`, payload: { reason: 'phone lost' } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await answer(ua, id, good)).json()).toMatchObject({ status: 409, code: 'KEY_NOT_ACTIVE' });

    expect((await t.as(admin, { method: 'GET', url: `/api/v1/movements/${id}` })).json().acknowledgements).toEqual([]);
    expect(await t.app.ctx.db.selectFrom('movement_acks').select('party_id').where('movement_id', '=', id).execute()).toEqual([]);
  });
});
