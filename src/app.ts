import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config.ts';
import { securityHeadersOf } from './http/public-hot-path.ts';
import { createPublicStream, type PublicStream } from './http/public-stream.ts';
import { buildServer, type ServerOptions } from './http/server.ts';
import type { ServiceContext } from './services/context.ts';
import { createInProcessBus, type EventBus } from './services/events.ts';
import { createLiveHub, type LiveHub } from './services/live.service.ts';
import { createPostgresBus } from './services/postgres-bus.ts';
import { createPublicSnapshot, type PublicSnapshotService } from './services/public-snapshot.service.ts';
import { loadServerKey } from './services/server-key.ts';
import { createWebhookWorker, type WebhookWorker } from './services/webhook-dispatch.ts';
import { openMigratedDatabase, type Database } from './store/database.ts';

/** A running system: its database, services and HTTP server, closed together. */
export interface App {
  ctx: ServiceContext;
  database: Database;
  server: FastifyInstance;
  live: LiveHub;
  /** The public artefacts, rebuilt on every change that reaches this instance. */
  publicSnapshot: PublicSnapshotService;
  publicStream: PublicStream;
  /** Sends webhook deliveries from the durable queue (webhook-dispatch.ts). */
  webhooks: WebhookWorker;
  close(): Promise<void>;
}

export interface Context {
  ctx: ServiceContext;
  database: Database;
  close(): Promise<void>;
}

/** Opens and migrates the database and makes the service context (the CLI needs no more). */
export async function createContext(
  config: Config = loadConfig(),
  onError: (error: unknown) => void = (error) => console.error(error),
): Promise<Context> {
  const database = await openMigratedDatabase(config.databaseUrl);
  let bus: EventBus & { close?(): Promise<void> };
  try {
    // With PostgreSQL, changes made on any instance reach the live views of every instance.
    bus = database.dialect === 'postgres' ? await createPostgresBus(config.databaseUrl, onError) : createInProcessBus();
  } catch (error) {
    await database.close();
    throw error;
  }
  const ctx: ServiceContext = {
    db: database.db,
    dialect: database.dialect,
    config,
    events: bus,
    now: () => new Date(),
    serverKey: loadServerKey(config),
  };
  return {
    ctx,
    database,
    async close() {
      await bus.close?.();
      await database.close();
    },
  };
}

export async function createApp(config: Config = loadConfig(), options: ServerOptions = {}): Promise<App> {
  let server: FastifyInstance | undefined;
  const report = (error: unknown): void => {
    if (server) server.log.error({ err: error }, 'background work failed');
    else console.error(error);
  };
  const context = await createContext(config, report);
  const { ctx, database } = context;
  const live = createLiveHub(ctx, report);
  const publicSnapshot = createPublicSnapshot(ctx, live, report);
  const publicStream = createPublicStream(live, publicSnapshot);
  const webhooks = createWebhookWorker(ctx, report);
  try {
    server = await buildServer(ctx, { ...options, live, publicSnapshot, publicStream });
    await server.ready();
    const securityHeaders = await securityHeadersOf(server);
    publicSnapshot.setBaseHeaders(securityHeaders);
    publicStream.setBaseHeaders(securityHeaders);
    await live.start();
    await publicSnapshot.start();
    webhooks.start();
  } catch (error) {
    await webhooks.stop();
    publicStream.close();
    publicSnapshot.stop();
    live.stop();
    await context.close();
    throw error;
  }
  const running = server;
  return {
    ctx,
    database,
    server: running,
    live,
    publicSnapshot,
    publicStream,
    webhooks,
    async close() {
      await webhooks.stop();
      publicStream.close();
      publicSnapshot.stop();
      live.stop();
      await running.close();
      await context.close();
    },
  };
}
