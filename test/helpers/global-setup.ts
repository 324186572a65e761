import type { TestProject } from 'vitest/node';

/**
 * Runs once per `vitest run`, before any test file.
 * - Without TEST_DATABASE_URL, `describe.each(DIALECTS)` creates no PostgreSQL tests at all: a
 *   green run then proves nothing about PostgreSQL, so it says so where nobody can miss it
 *   (.ci/run also fails when no PostgreSQL test ran).
 * - One fast-check seed for the whole run (FC_SEED, or a fresh one), printed so that any failing
 *   property can be replayed with `FC_SEED=<seed> npx vitest run <file>`; test/helpers/fast-check.ts
 *   hands it to every worker.
 */
export default function setup(project: TestProject): void {
  if (!process.env.TEST_DATABASE_URL) {
    const line = '!'.repeat(100);
    console.warn(
      [
        line,
        '!! TEST_DATABASE_URL is not set: store and API tests run on SQLite ONLY; no PostgreSQL test exists in this run.',
        '!! To include them: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<database> npm test  (CI always sets it).',
        line,
      ].join('\n'),
    );
  }
  const fromEnv = process.env.FC_SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : Math.floor(Math.random() * 0x7fffffff);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, not ${JSON.stringify(fromEnv)}`);
  console.log(`fast-check seed ${seed} (replay: FC_SEED=${seed})`);
  project.provide('fcSeed', seed);
}

declare module 'vitest' {
  export interface ProvidedContext {
    fcSeed: number;
  }
}
