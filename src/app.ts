import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config.ts';
import { buildServer, type ServerOptions } from './http/server.ts';
import type { ServiceContext } from './services/context.ts';
import { createInProcessBus } from './services/events.ts';
import { openMigratedDatabase, type Database } from './store/database.ts';

/** A running system: its database, services and HTTP server, closed together. */
export interface App {
  ctx: ServiceContext;
  database: Database;
  server: FastifyInstance;
  close(): Promise<void>;
}

export async function createContext(config: Config = loadConfig()): Promise<{ ctx: ServiceContext; database: Database }> {
  const database = await openMigratedDatabase(config.databaseUrl);
  const ctx: ServiceContext = {
    db: database.db,
    dialect: database.dialect,
    config,
    events: createInProcessBus(),
    now: () => new Date(),
  };
  return { ctx, database };
}

export async function createApp(config: Config = loadConfig(), options: ServerOptions = {}): Promise<App> {
  const { ctx, database } = await createContext(config);
  try {
    const server = await buildServer(ctx, options);
    return {
      ctx,
      database,
      server,
      async close() {
        await server.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
