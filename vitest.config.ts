import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // better-sqlite3 is a native addon: separate processes are the safe pool for it.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 90_000,
    passWithNoTests: false,
    // Warns when PostgreSQL is left out, and picks (and prints) the run's fast-check seed.
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/fast-check.ts'],
  },
});
