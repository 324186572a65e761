import type { Kysely } from 'kysely';
import type { PassengerStep } from '../domain/passenger.ts';
import type { PassengerCorrectionsTable, Schema } from './schema.ts';

/**
 * Steps on a manifest row, each guarded in SQL by the state it starts from, so two devices
 * recording the same person at once cannot both succeed (the loser gets 0 rows and a 409).
 */
export async function recordPassengerStep(db: Kysely<Schema>, movementId: string, personId: string, step: PassengerStep, at: string, reason: string | null): Promise<number> {
  let update = db.updateTable('movement_passengers').where('movement_id', '=', movementId).where('person_id', '=', personId);
  if (step === 'board') update = update.set({ boarded_at: at }).where('boarded_at', 'is', null).where('did_not_board_at', 'is', null);
  else if (step === 'arrive') update = update.set({ arrived_at: at }).where('boarded_at', 'is not', null).where('arrived_at', 'is', null);
  else update = update.set({ did_not_board_at: at, did_not_board_reason: reason }).where('boarded_at', 'is', null).where('did_not_board_at', 'is', null);
  return Number((await update.executeTakeFirst()).numUpdatedRows);
}

/** Takes a step back, only if it is still the passenger's latest one. */
export async function undoPassengerStep(db: Kysely<Schema>, movementId: string, personId: string, step: PassengerStep): Promise<number> {
  let update = db.updateTable('movement_passengers').where('movement_id', '=', movementId).where('person_id', '=', personId);
  if (step === 'board') update = update.set({ boarded_at: null }).where('boarded_at', 'is not', null).where('arrived_at', 'is', null);
  else if (step === 'arrive') update = update.set({ arrived_at: null }).where('arrived_at', 'is not', null);
  else update = update.set({ did_not_board_at: null, did_not_board_reason: null }).where('did_not_board_at', 'is not', null);
  return Number((await update.executeTakeFirst()).numUpdatedRows);
}

export async function insertPassengerCorrection(db: Kysely<Schema>, row: PassengerCorrectionsTable): Promise<void> {
  await db.insertInto('passenger_corrections').values(row).execute();
}

export async function listPassengerCorrections(db: Kysely<Schema>, movementId: string): Promise<PassengerCorrectionsTable[]> {
  return db.selectFrom('passenger_corrections').selectAll().where('movement_id', '=', movementId).orderBy('at').orderBy('id').execute();
}

export async function countNotBoarded(db: Kysely<Schema>, movementId: string): Promise<number> {
  const row = await db
    .selectFrom('movement_passengers')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('movement_id', '=', movementId)
    .where('did_not_board_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
