import type { Kysely, Selectable } from 'kysely';
import type { MovementPassengersTable, PeopleTable, Schema } from './schema.ts';

export type PersonRow = Selectable<PeopleTable>;
export type PassengerRow = Selectable<MovementPassengersTable>;

export async function findPeople(db: Kysely<Schema>, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('people').selectAll().where('id', 'in', ids).execute();
}

export async function listPassengers(
  db: Kysely<Schema>,
  movementId: string,
): Promise<(PassengerRow & { given_name: string; family_name: string; birth_date: string | null; org_id: string; vulnerabilities: string | null; household_id: string | null })[]> {
  return db
    .selectFrom('movement_passengers')
    .innerJoin('people', 'people.id', 'movement_passengers.person_id')
    .selectAll('movement_passengers')
    .select(['people.given_name', 'people.family_name', 'people.birth_date', 'people.org_id', 'people.vulnerabilities', 'people.household_id'])
    .where('movement_passengers.movement_id', '=', movementId)
    .orderBy('movement_passengers.added_at')
    .orderBy('movement_passengers.person_id')
    .execute();
}

export async function addPassengers(db: Kysely<Schema>, movementId: string, personIds: string[], at: string): Promise<number> {
  let added = 0;
  for (const personId of personIds) {
    const result = await db
      .insertInto('movement_passengers')
      .values({ movement_id: movementId, person_id: personId, added_at: at, boarded_at: null, arrived_at: null })
      .onConflict((oc) => oc.columns(['movement_id', 'person_id']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

export async function countPassengers(db: Kysely<Schema>, movementId: string): Promise<{ listed: number; boarded: number; arrived: number }> {
  const rows = await db.selectFrom('movement_passengers').select(['boarded_at', 'arrived_at']).where('movement_id', '=', movementId).execute();
  return { listed: rows.length, boarded: rows.filter((r) => r.boarded_at).length, arrived: rows.filter((r) => r.arrived_at).length };
}
