import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DialectName } from '../store/database.ts';
import type { Schema } from '../store/schema.ts';
import type { EventBus } from './events.ts';

/** What every service function needs: the store, the clock, configuration and the event bus. */
export interface ServiceContext {
  db: Kysely<Schema>;
  dialect: DialectName;
  config: Config;
  events: EventBus;
  /** Injected so tests and the scheduler can move time; never call `new Date()` in a service. */
  now: () => Date;
  /** Encrypts organisations' private signing keys at rest (server-key.ts). */
  serverKey: Buffer;
}
