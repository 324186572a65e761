import type { Kysely, Migration } from 'kysely';

/**
 * Corrections, not final taps (issue 12): a passenger may be recorded as not boarding (with an
 * optional reason), and any boarding, arrival or "did not board" may be undone with a reason.
 * Each undo is kept as a row (who, when, why, and the time it took back), besides its audit event,
 * whose payload is only hashed.
 */
export const passengerCorrections: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('movement_passengers').addColumn('did_not_board_at', 'text').execute();
    await db.schema.alterTable('movement_passengers').addColumn('did_not_board_reason', 'text').execute();
    await db.schema
      .createTable('passenger_corrections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('movement_id', 'text', (c) => c.notNull().references('movements.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      // The step taken back: board | arrive | not_boarded.
      .addColumn('undone', 'text', (c) => c.notNull())
      // The time the undone step had recorded.
      .addColumn('undone_at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema.createIndex('passenger_corrections_movement').on('passenger_corrections').columns(['movement_id', 'person_id']).execute();
  },
};
