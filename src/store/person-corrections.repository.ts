import type { Kysely, Selectable } from 'kysely';
import type { PersonCorrectionsTable, Schema } from './schema.ts';

export type PersonCorrectionRow = Selectable<PersonCorrectionsTable>;

export async function insertPersonCorrection(db: Kysely<Schema>, row: PersonCorrectionRow): Promise<void> {
  await db.insertInto('person_corrections').values(row).execute();
}

/** A person's corrections, oldest first. */
export async function listPersonCorrections(db: Kysely<Schema>, personId: string): Promise<PersonCorrectionRow[]> {
  return db.selectFrom('person_corrections').selectAll().where('person_id', '=', personId).orderBy('at').orderBy('id').execute();
}

export async function markCorrectionUndone(db: Kysely<Schema>, id: string, undoneBy: string): Promise<void> {
  await db.updateTable('person_corrections').set({ undone_by: undoneBy }).where('id', '=', id).execute();
}
