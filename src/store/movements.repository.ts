import { sql, type Kysely, type Selectable } from 'kysely';
import { everyColumn, fromJson, jsonHelpersFor, sortedBy } from './json-subqueries.ts';
import { precompiled } from './precompiled.ts';
import type { MovementAcksTable, MovementCheckinsTable, MovementDeliveriesTable, MovementsTable, Schema } from './schema.ts';

export type MovementRow = Selectable<MovementsTable>;
export type MovementAckRow = Selectable<MovementAcksTable>;
export type MovementCheckinRow = Selectable<MovementCheckinsTable>;
export type MovementDeliveryRow = Selectable<MovementDeliveriesTable>;

export interface MovementAggregate {
  movement: MovementRow;
  acks: MovementAckRow[];
  checkins: MovementCheckinRow[];
  delivery: MovementDeliveryRow | null;
}

export async function insertMovement(db: Kysely<Schema>, row: MovementRow): Promise<void> {
  await db.insertInto('movements').values(row).execute();
}

export async function updateMovement(
  db: Kysely<Schema>,
  id: string,
  changes: Partial<Pick<MovementRow, 'started_at' | 'completed_at' | 'aborted_at' | 'abort_reason' | 'overdue_since' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('movements').set(changes).where('id', '=', id).execute();
}

/**
 * Stamps a movement that has not ended (and, with `notStarted`, not started either), guarded in SQL
 * so two field officers pressing at once cannot both succeed; false when it no longer qualified.
 */
export async function updateOpenMovement(
  db: Kysely<Schema>,
  id: string,
  changes: Parameters<typeof updateMovement>[2],
  options: { notStarted: boolean },
): Promise<boolean> {
  const guard = db.updateTable('movements').set(changes).where('id', '=', id).where('aborted_at', 'is', null).where('completed_at', 'is', null);
  const done = await (options.notStarted ? guard.where('started_at', 'is', null) : guard).executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** Flags a movement overdue once; false when another instance flagged it first. */
export async function markMovementOverdue(db: Kysely<Schema>, id: string, at: string): Promise<boolean> {
  const done = await db.updateTable('movements').set({ overdue_since: at }).where('id', '=', id).where('overdue_since', 'is', null).executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export async function insertAck(db: Kysely<Schema>, row: MovementAckRow): Promise<void> {
  await db.insertInto('movement_acks').values(row).execute();
}

/** Rows per insert: within both dialects' limits on bound parameters (9 per row). */
const CHECKIN_CHUNK = 500;

/** The check-ins of a batch of commands (services/command.ts), in one insert. */
export async function insertCheckins(db: Kysely<Schema>, rows: readonly MovementCheckinRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHECKIN_CHUNK) await db.insertInto('movement_checkins').values(rows.slice(i, i + CHECKIN_CHUNK)).execute();
}

/**
 * Movements heard from (a check-in clears the overdue flag), each with the time of its latest
 * check-in as `updated_at`: one update for a whole batch of check-ins.
 */
export async function markMovementsHeardFrom(db: Kysely<Schema>, heard: readonly { id: string; at: string }[]): Promise<void> {
  const latest = new Map<string, string>();
  // Later in the batch is later in time: the last one of a movement wins, as separate updates would.
  for (const { id, at } of heard) latest.set(id, at);
  if (latest.size === 0) return;
  const ids = [...latest.keys()];
  const stamps = new Set(latest.values());
  const updatedAt =
    stamps.size === 1
      ? [...stamps][0]!
      : sql<string>`case ${sql.ref('id')} ${sql.join(
          [...latest].map(([id, at]) => sql`when ${id} then ${at}`),
          sql` `,
        )} end`;
  await db.updateTable('movements').set({ overdue_since: null, updated_at: updatedAt }).where('id', 'in', ids).execute();
}

export async function insertDelivery(db: Kysely<Schema>, row: MovementDeliveryRow): Promise<void> {
  await db.insertInto('movement_deliveries').values(row).execute();
}

export async function loadMovementAggregate(db: Kysely<Schema>, id: string): Promise<MovementAggregate | undefined> {
  const movement = await db.selectFrom('movements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!movement) return undefined;
  const [acks, checkins, delivery] = await Promise.all([
    db.selectFrom('movement_acks').selectAll().where('movement_id', '=', id).orderBy('at').execute(),
    db.selectFrom('movement_checkins').selectAll().where('movement_id', '=', id).orderBy('at').execute(),
    db.selectFrom('movement_deliveries').selectAll().where('movement_id', '=', id).executeTakeFirst(),
  ]);
  return { movement, acks, checkins, delivery: delivery ?? null };
}

/** What a command on a movement decides on: the movement, its acknowledgements and delivery, not its (ever growing) check-ins. */
export type MovementCommandAggregate = Omit<MovementAggregate, 'checkins'>;

const ACK_COLUMNS = everyColumn<MovementAcksTable>()('movement_id', 'party_id', 'user_id', 'decision', 'comment', 'at', 'key_id', 'signed_at', 'signed_payload', 'signature', 'public_key');
const DELIVERY_COLUMNS = everyColumn<MovementDeliveriesTable>()('movement_id', 'items', 'note', 'at', 'by_user');

/**
 * Every command on a movement (each check-in) loads it with its acknowledgements and delivery:
 * one query, compiled once (store/precompiled.ts), the two lists as JSON. On PostgreSQL each
 * query is a round trip and a parse and plan on the server; three of them per check-in were half
 * of all the queries under load (bench/README.md, "Check-in ingest").
 */
const MOVEMENT_FOR_COMMAND = precompiled((db, id: string) => {
  const { jsonArrayFrom, jsonObjectFrom } = jsonHelpersFor(db);
  return db
    .selectFrom('movements')
    .selectAll('movements')
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('movement_acks').select(ACK_COLUMNS).whereRef('movement_acks.movement_id', '=', 'movements.id').orderBy('at')).as('acks'),
      jsonObjectFrom(eb.selectFrom('movement_deliveries').select(DELIVERY_COLUMNS).whereRef('movement_deliveries.movement_id', '=', 'movements.id')).as('delivery'),
    ])
    .where('movements.id', '=', id);
});

export async function loadMovementForCommand(db: Kysely<Schema>, id: string): Promise<MovementCommandAggregate | undefined> {
  const row = await MOVEMENT_FOR_COMMAND.first(db, id);
  if (!row) return undefined;
  const { acks, delivery, ...movement } = row;
  return { movement, acks: sortedBy(fromJson(acks), 'at'), delivery: fromJson(delivery) ?? null };
}

/** Movements not yet ended, with acknowledgements and check-ins, for lists, maps and the overdue watch. */
export async function loadMovementAggregates(db: Kysely<Schema>, options: { activeOnly: boolean }): Promise<MovementAggregate[]> {
  let query = db.selectFrom('movements').selectAll().orderBy('id');
  if (options.activeOnly) query = query.where('completed_at', 'is', null).where('aborted_at', 'is', null);
  const movements = await query.execute();
  if (movements.length === 0) return [];
  const ids = movements.map((m) => m.id);
  const [acks, checkins, deliveries] = await Promise.all([
    db.selectFrom('movement_acks').selectAll().where('movement_id', 'in', ids).orderBy('at').execute(),
    db.selectFrom('movement_checkins').selectAll().where('movement_id', 'in', ids).orderBy('at').execute(),
    db.selectFrom('movement_deliveries').selectAll().where('movement_id', 'in', ids).execute(),
  ]);
  const group = <T extends { movement_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    // Appended in place: copying the list for every row made this quadratic in a movement's check-ins.
    for (const row of rows) {
      const list = map.get(row.movement_id);
      if (list) list.push(row);
      else map.set(row.movement_id, [row]);
    }
    return map;
  };
  const acksBy = group(acks);
  const checkinsBy = group(checkins);
  const deliveryBy = new Map(deliveries.map((d) => [d.movement_id, d]));
  return movements.map((movement) => ({
    movement,
    acks: acksBy.get(movement.id) ?? [],
    checkins: checkinsBy.get(movement.id) ?? [],
    delivery: deliveryBy.get(movement.id) ?? null,
  }));
}
