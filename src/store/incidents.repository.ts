import type { Kysely, Selectable } from 'kysely';
import type { BBox } from '../domain/geo.ts';
import { HAZARD_TYPES } from '../domain/incident.ts';
import type { IncidentEffectsTable, IncidentsTable, IncidentStatementsTable, Schema } from './schema.ts';

export type IncidentRow = Selectable<IncidentsTable>;
export type IncidentStatementRow = Selectable<IncidentStatementsTable>;
export type IncidentEffectRow = Selectable<IncidentEffectsTable>;

export async function insertIncident(db: Kysely<Schema>, row: IncidentRow): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

export async function findIncident(db: Kysely<Schema>, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateIncident(
  db: Kysely<Schema>,
  id: string,
  changes: Partial<Pick<IncidentRow, 'verification' | 'verification_comment' | 'cleared_at' | 'cleared_by' | 'cleared_note'>>,
): Promise<void> {
  await db.updateTable('incidents').set(changes).where('id', '=', id).execute();
}

/** Marks a hazard cleared only if nobody has: two clearers at once give one record, not two. */
export async function markCleared(db: Kysely<Schema>, id: string, by: string, at: string, note: string): Promise<boolean> {
  const result = await db.updateTable('incidents').set({ cleared_at: at, cleared_by: by, cleared_note: note }).where('id', '=', id).where('cleared_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ── Statements ───────────────────────────────────────────────────────────────

export async function insertIncidentStatement(db: Kysely<Schema>, row: IncidentStatementRow): Promise<void> {
  await db.insertInto('incident_statements').values(row).execute();
}

/** Every party statement on these incidents, oldest first. */
export async function listIncidentStatements(db: Kysely<Schema>, incidentIds: readonly string[]): Promise<IncidentStatementRow[]> {
  if (incidentIds.length === 0) return [];
  return db.selectFrom('incident_statements').selectAll().where('incident_id', 'in', [...incidentIds]).orderBy('signed_at').orderBy('id').execute();
}

// ── What an incident touched ─────────────────────────────────────────────────

export async function insertIncidentEffects(db: Kysely<Schema>, rows: readonly IncidentEffectRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('incident_effects').values([...rows]).execute();
}

export async function listIncidentEffects(db: Kysely<Schema>, incidentId: string): Promise<IncidentEffectRow[]> {
  return db.selectFrom('incident_effects').selectAll().where('incident_id', '=', incidentId).orderBy('distance_meters').orderBy('subject_id').execute();
}

/**
 * The incidents of a corridor: those that touched it when reported (within its buffer) and those
 * named as the reason of one of its suspensions. Oldest first.
 */
export async function listIncidentsOfCorridor(db: Kysely<Schema>, corridorId: string): Promise<IncidentRow[]> {
  const touched = db.selectFrom('incident_effects').select('incident_id').where('subject_type', '=', 'corridor').where('subject_id', '=', corridorId);
  const suspended = db.selectFrom('corridor_controls').select('incident_id').where('corridor_id', '=', corridorId).where('incident_id', 'is not', null);
  return db
    .selectFrom('incidents')
    .selectAll()
    .where((eb) => eb.or([eb('id', 'in', touched), eb('id', 'in', suspended.$narrowType<{ incident_id: string }>())]))
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/**
 * Incidents in a box that still matter: recent ones (since `since`) and uncleared hazards whatever
 * their age. The lat/lon index narrows the box; the caller's R-tree does the exact distances.
 */
export async function listIncidentsInBox(
  db: Kysely<Schema>,
  box: BBox | null,
  options: { since?: string | undefined; includeUnclearedHazards?: boolean; limit?: number },
): Promise<IncidentRow[]> {
  let query = db.selectFrom('incidents').selectAll();
  if (box) {
    query = query
      .where('lat', '>=', box.minLat)
      .where('lat', '<=', box.maxLat)
      .where('lon', '>=', box.minLon)
      .where('lon', '<=', box.maxLon);
  }
  const since = options.since;
  if (since) {
    query = options.includeUnclearedHazards
      ? query.where((eb) => eb.or([eb('occurred_at', '>=', since), eb.and([eb('type', 'in', [...HAZARD_TYPES]), eb('cleared_at', 'is', null)])]))
      : query.where('occurred_at', '>=', since);
  }
  return query.orderBy('occurred_at', 'desc').limit(options.limit ?? 10_000).execute();
}
