import type { Kysely, Migration } from 'kysely';

export const movements: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('lon', 'double precision', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('reported_by_org', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('reported_by_user', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('verification', 'text', (c) => c.notNull())
      .addColumn('verification_comment', 'text')
      .addColumn('cleared_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // Latitude first: a bounding-box query narrows on it before testing longitude.
    await db.schema.createIndex('incidents_lat_lon').on('incidents').columns(['lat', 'lon']).execute();
    await db.schema.createIndex('incidents_occurred_at').on('incidents').column('occurred_at').execute();

    await db.schema
      .createTable('movements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agency_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('corridor_id', 'text', (c) => c.references('corridors.id'))
      .addColumn('route', 'text')
      .addColumn('depart_at', 'text', (c) => c.notNull())
      .addColumn('arrive_by', 'text', (c) => c.notNull())
      .addColumn('vehicles', 'text', (c) => c.notNull())
      .addColumn('personnel', 'integer', (c) => c.notNull())
      .addColumn('passengers', 'integer')
      .addColumn('cargo', 'text', (c) => c.notNull())
      .addColumn('urgent', 'integer', (c) => c.notNull())
      .addColumn('justification', 'text')
      .addColumn('required_acks', 'text', (c) => c.notNull())
      .addColumn('warnings', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('completed_at', 'text')
      .addColumn('aborted_at', 'text')
      .addColumn('abort_reason', 'text')
      .addColumn('overdue_since', 'text')
      .execute();
    await db.schema.createIndex('movements_agency').on('movements').column('agency_id').execute();

    await db.schema
      .createTable('movement_acks')
      .addColumn('movement_id', 'text', (c) => c.notNull().references('movements.id'))
      .addColumn('party_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('movement_acks_pk', ['movement_id', 'party_id'])
      .execute();

    await db.schema
      .createTable('movement_checkins')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('movement_id', 'text', (c) => c.notNull().references('movements.id'))
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('lon', 'double precision', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('checkpoint', 'text')
      .addColumn('note', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema.createIndex('movement_checkins_movement').on('movement_checkins').columns(['movement_id', 'at']).execute();

    await db.schema
      .createTable('movement_deliveries')
      .addColumn('movement_id', 'text', (c) => c.primaryKey().references('movements.id'))
      .addColumn('items', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull().references('users.id'))
      .execute();
  },
};
