import type { Kysely, Migration } from 'kysely';

/**
 * Webhooks (issue 11 #3): the hooks, an outbox written in the command's own transaction, and the
 * deliveries, a durable queue the worker claims with a lease (docs/webhooks.md).
 */
export const webhooks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('url', 'text', (c) => c.notNull())
      // JSON array of event types (corridor, movement, incident, alert).
      .addColumn('events', 'text', (c) => c.notNull())
      // The role whose rights the hook carries: the one that registered it.
      .addColumn('role', 'text', (c) => c.notNull())
      // AES-256-GCM under the server key: the server needs the secret itself to sign.
      .addColumn('secret_enc', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled_by', 'text', (c) => c.references('users.id'))
      .addColumn('disabled_at', 'text')
      .execute();
    await db.schema.createIndex('webhooks_org').on('webhooks').columns(['org_id', 'id']).execute();

    await db.schema
      .createTable('webhook_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // The change event as published (ids and statuses only).
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
      .addColumn('event_type', 'text', (c) => c.notNull())
      // The exact bytes sent on every attempt (the signature covers them with each attempt's time).
      .addColumn('body', 'text', (c) => c.notNull())
      // pending | delivered | failed | cancelled
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text')
      .addColumn('lease_id', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('last_attempt_at', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('webhook_deliveries_hook').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();
  },
};
