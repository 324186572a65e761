import type { Kysely, Selectable } from 'kysely';
import type { PlacesTable, Schema } from './schema.ts';

export type PlaceRow = Selectable<PlacesTable>;

export async function upsertPlaces(db: Kysely<Schema>, rows: PlaceRow[]): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('places')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          adm1: row.adm1,
          country: row.country,
          lat: row.lat,
          lon: row.lon,
          names: row.names,
          aliases: row.aliases,
        }),
      )
      .execute();
  }
}

export async function listPlaces(db: Kysely<Schema>): Promise<PlaceRow[]> {
  return db.selectFrom('places').selectAll().orderBy('id').execute();
}
