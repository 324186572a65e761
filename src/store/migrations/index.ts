import type { Migration, MigrationProvider } from 'kysely';
import { foundation } from './0001-foundation.ts';

/** Every migration, in order. Names sort in the order they must run; never rename one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
