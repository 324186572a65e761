import type { Kysely, Selectable } from 'kysely';
import type { BBox } from '../domain/geo.ts';
import type { IncidentsTable, Schema } from './schema.ts';

export type IncidentRow = Selectable<IncidentsTable>;

export async function insertIncident(db: Kysely<Schema>, row: IncidentRow): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

export async function findIncident(db: Kysely<Schema>, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateIncident(
  db: Kysely<Schema>,
  id: string,
  changes: Partial<Pick<IncidentRow, 'verification' | 'verification_comment' | 'cleared_at'>>,
): Promise<void> {
  await db.updateTable('incidents').set(changes).where('id', '=', id).execute();
}

/**
 * Incidents in a box that still matter: recent ones (since `since`) and uncleared mines whatever
 * their age. The lat/lon index narrows the box; the caller's R-tree does the exact distances.
 */
export async function listIncidentsInBox(
  db: Kysely<Schema>,
  box: BBox | null,
  options: { since?: string | undefined; includeUnclearedMines?: boolean; limit?: number },
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
    query = options.includeUnclearedMines
      ? query.where((eb) => eb.or([eb('occurred_at', '>=', since), eb.and([eb('type', '=', 'mine'), eb('cleared_at', 'is', null)])]))
      : query.where('occurred_at', '>=', since);
  }
  return query.orderBy('occurred_at', 'desc').limit(options.limit ?? 10_000).execute();
}
