import { Writable } from 'node:stream';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { defaultLoggerOptions } from '../../src/http/server.ts';
import type { DialectName } from '../../src/store/database.ts';
import { initMediator } from '../../src/services/identity.service.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

/** What a test's Prometheus scraper sends (`authorization: Bearer …`) to read /metrics. */
export const METRICS_TOKEN = 'test-metrics-token';

export const ADMIN = { email: 'admin@mediator.test', password: 'admin-password-1', org: 'Test Mediator' };

export interface TestApp {
  app: App;
  database: TestDatabase;
  /** Every line the server logged, for tests that check what logs must never hold. */
  logs: string[];
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** POST/GET… as a bearer token holder. */
  as(token: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** A server on a fresh database of the dialect, with the mediator admin created by `init`. */
export async function startTestApp(dialect: DialectName, overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const config: Config = {
    ...loadConfig({}),
    loginAttemptsPerMinute: 1000,
    // Tests trace one name many times; the tracing limits' own test sets these low.
    tracingTargetRequestsPerHour: 1000,
    tracingGlobalRequestsPerMinute: 1000,
    metricsToken: METRICS_TOKEN,
    ...overrides,
    databaseUrl: database.url,
  };
  const logger = { ...(defaultLoggerOptions('info') as object), stream };
  const app = await createApp(config, { logger });
  await initMediator(app.ctx, { orgName: ADMIN.org, email: ADMIN.email, password: ADMIN.password });
  const inject = (options: InjectOptions) => app.server.inject(options);
  const as = (token: string | null, options: InjectOptions) =>
    inject({ ...options, headers: { ...(options.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  return {
    app,
    database,
    logs,
    inject,
    as,
    async login(email, password) {
      const response = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode} ${response.body}`);
      return (response.json() as { token: string }).token;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
