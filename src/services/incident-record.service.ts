import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import { sha256Hex } from '../domain/hashing.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { incidentStatementStatement, normaliseSignedAt, statementText, type IncidentStatementStatement } from '../domain/statements.ts';
import { isPartyKeyActive, listPartyKeysByIds } from '../store/keys.repository.ts';
import {
  findIncident,
  insertIncidentStatement,
  listIncidentEffects,
  listIncidentsOfCorridor,
  listIncidentStatements,
  type IncidentRow,
  type IncidentStatementRow,
} from '../store/incidents.repository.ts';
import { listSuspensionsForIncident, loadCorridorAggregate } from '../store/corridors.repository.ts';
import { loadMovementAggregate } from '../store/movements.repository.ts';
import { isUniqueViolation } from '../store/errors.ts';
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { canRead, controlCorridor } from './corridor.service.ts';
import { newId } from './ids.ts';
import type { Affected } from '../domain/route-risk.ts';
import { presentIncident, type IncidentView } from './incident.service.ts';
import { checkPartySignature, presentPartyKey, type PartySignature } from './keys.service.ts';
import { canReadMovement } from './movement.service.ts';
import type { IncidentRecord, IncidentStatement, IncidentSuspensionOutT } from '../http/schemas/incident.ts';

/**
 * One incident as a record (`GET /api/v1/incidents/:id`) and the parties' own statements on it
 * (issue 11 #1). Each party signs its own words with its own key, as it signs approvals; the
 * system keeps them side by side and never says who is to blame.
 */

/** A party's statement with the key that signed it (src/http/schemas/incident.ts IncidentStatementOut). */
export type IncidentStatementView = IncidentStatement;

/** A corridor suspension that names this incident as its reason. */
export type IncidentSuspension = IncidentSuspensionOutT;

/**
 * GET /api/v1/incidents/:id (src/http/schemas/incident.ts IncidentRecordOut): what the incident
 * touched when it was reported, as far as the reader may see, the suspensions naming it, and the
 * parties' statements.
 */
export type { IncidentRecord };

/** Statements with the key that signed each, for a verifier that needs nothing but the record. */
export async function presentStatements(db: Kysely<Schema>, rows: readonly IncidentStatementRow[]): Promise<IncidentStatementView[]> {
  const keys = new Map((await listPartyKeysByIds(db, [...new Set(rows.map((r) => r.key_id))])).map((k) => [k.id, k]));
  return rows.map((r) => {
    const key = keys.get(r.key_id);
    return {
      id: r.id,
      incidentId: r.incident_id,
      partyId: r.party_id,
      userId: r.user_id,
      text: r.text,
      textHash: r.text_hash,
      signedAt: r.signed_at,
      signedPayload: r.signed_payload,
      signature: r.signature,
      publicKey: r.public_key,
      keyId: r.key_id,
      createdAt: r.created_at,
      key: key ? presentPartyKey(key) : null,
    };
  });
}

async function loadReadable(ctx: ServiceContext, actor: Actor, id: string): Promise<IncidentRow> {
  if (!isAllowed(actor, 'incident.read')) throw forbidden('read incidents');
  const row = await findIncident(ctx.db, id);
  if (!row) throw notFound('incident');
  return row;
}

export async function getIncident(ctx: ServiceContext, actor: Actor, id: string): Promise<IncidentRecord> {
  const row = await loadReadable(ctx, actor, id);
  const affected: Affected = { corridors: [], movements: [] };
  // A party reads of the corridors and convoys it is listed on, as everywhere else: not every id.
  for (const effect of await listIncidentEffects(ctx.db, id)) {
    const hit = { id: effect.subject_id, distanceMeters: effect.distance_meters };
    if (effect.subject_type === 'corridor') {
      const corridor = await loadCorridorAggregate(ctx.db, effect.subject_id);
      if (corridor && canRead(actor, corridor)) affected.corridors.push(hit);
    } else {
      const movement = await loadMovementAggregate(ctx.db, effect.subject_id);
      if (movement && canReadMovement(actor, movement.movement)) affected.movements.push(hit);
    }
  }
  const controls = await listSuspensionsForIncident(ctx.db, id);
  const suspensions: IncidentSuspension[] = [];
  for (const c of controls) {
    const corridor = await loadCorridorAggregate(ctx.db, c.corridor_id);
    if (corridor && canRead(actor, corridor)) suspensions.push({ corridorId: c.corridor_id, at: c.at, byUser: c.by_user, reason: c.reason });
  }
  const statements = await presentStatements(ctx.db, await listIncidentStatements(ctx.db, [id]));
  return { ...presentIncident(row), affected, suspensions, statements };
}

function statementOf(incidentId: string, partyId: string, text: string, signedAt: string): IncidentStatementStatement {
  return incidentStatementStatement({ incidentId, partyId, textHash: sha256Hex(text), signedAt });
}

function checkText(text: string): void {
  if (!/\S/.test(text)) throw new DomainError('invalid', 'STATEMENT_EMPTY', 'A statement needs words.', [{ path: '/text', message: 'must not be blank' }]);
}

/** `POST /api/v1/incidents/:id/statement`: the exact statement a liaison signs, for off-line signers and for checking. */
export async function incidentStatement(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: { text: string; signedAt: string },
): Promise<{ statement: string; textHash: string; fields: IncidentStatementStatement }> {
  if (!isAllowed(actor, 'incident.state')) throw forbidden('make statements on incidents');
  await loadReadable(ctx, actor, id);
  checkText(input.text);
  const signedAt = normaliseSignedAt(input.signedAt);
  if (!signedAt) throw new DomainError('invalid', 'SIGNED_AT_INVALID', 'signedAt must be an RFC 3339 instant with a zone.', [{ path: '/signedAt', message: 'RFC 3339 with Z or an offset' }]);
  const fields = statementOf(id, actor.orgId, input.text, signedAt);
  return { statement: statementText(fields), textHash: fields.textHash, fields };
}

/** A party's liaison attaches the party's own signed account of the incident. */
export async function addIncidentStatement(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: { text: string } & PartySignature,
): Promise<IncidentStatementView> {
  if (!isAllowed(actor, 'incident.state')) throw forbidden('make statements on incidents');
  const incident = await loadReadable(ctx, actor, id);
  checkText(input.text);
  const signed = await checkPartySignature(ctx.db, actor, ctx.now(), input, incident.created_at, (signedAt) => statementOf(id, actor.orgId, input.text, signedAt));
  try {
    const row = await runCommand(ctx, actor, async (trx, nowIso) => {
      if (!(await isPartyKeyActive(trx, signed.key.id))) throw new DomainError('conflict', 'KEY_NOT_ACTIVE', 'This key has just been revoked.');
      const statement: IncidentStatementRow = {
        id: newId(),
        incident_id: id,
        party_id: actor.orgId,
        user_id: actor.userId,
        text: input.text,
        text_hash: sha256Hex(input.text),
        signed_at: signed.signedAt,
        signed_payload: signed.signedPayload,
        signature: input.signature,
        public_key: signed.key.public_key,
        key_id: signed.key.id,
        created_at: nowIso,
      };
      await insertIncidentStatement(trx, statement);
      return {
        result: statement,
        audit: {
          action: 'incident.statement',
          subjectType: 'incident',
          subjectId: id,
          payload: { statementId: statement.id, partyId: actor.orgId, keyId: signed.key.id, signedAt: signed.signedAt, textHash: statement.text_hash, signature: input.signature },
        },
        event: { type: 'incident.statement', subjectType: 'incident', subjectId: id, orgId: actor.orgId, data: { partyId: actor.orgId } },
      };
    });
    const [view] = await presentStatements(ctx.db, [row]);
    if (!view) throw new Error('statement just stored is missing');
    return view;
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'STATEMENT_EXISTS', 'Your party has made a statement on this incident at this signing time already.');
    throw error;
  }
}

export type SuspensionOutcome = { corridorId: string; suspended: true } | { corridorId: string; suspended: false; code: string; message: string };

/**
 * The mediator's one click from an alert: suspends each corridor with the incident as its reason,
 * through the corridor's own suspend command (rights, states, audit and events stay there). Each
 * corridor is its own command: one already suspended or closed does not stop the others, and the
 * answer says what happened to each.
 */
export async function suspendForIncident(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: { corridorIds: string[]; reason?: string | undefined },
): Promise<{ incidentId: string; reason: string; results: SuspensionOutcome[] }> {
  if (!isAllowed(actor, 'corridor.control')) throw forbidden('suspend corridors');
  const incident = await loadReadable(ctx, actor, id);
  const reason = input.reason?.trim() || `Incident ${incident.type} (${incident.severity}) at ${incident.occurred_at}: ${incident.id}`;
  const results: SuspensionOutcome[] = [];
  for (const corridorId of [...new Set(input.corridorIds)]) {
    try {
      await controlCorridor(ctx, actor, corridorId, 'suspend', { reason, incidentId: id });
      results.push({ corridorId, suspended: true });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ corridorId, suspended: false, code: error.code, message: error.message });
    }
  }
  return { incidentId: id, reason, results };
}

/**
 * The incidents of a corridor with their statements (for the evidence bundle): those that touched
 * it when reported and those it was suspended for. Rights are the caller's to check first.
 */
export async function incidentsOfCorridor(db: Kysely<Schema>, corridorId: string): Promise<(IncidentView & { statements: IncidentStatementView[] })[]> {
  const incidents = await listIncidentsOfCorridor(db, corridorId);
  const statements = await presentStatements(db, await listIncidentStatements(db, incidents.map((i) => i.id)));
  return incidents.map((i) => ({ ...presentIncident(i), statements: statements.filter((s) => s.incidentId === i.id) }));
}
