import path from 'node:path';

/** Runtime configuration, read once from the environment (see README "Configuration"). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  noticeHours: number;
  overdueGraceMinutes: number;
  sessionHours: number;
  loginAttemptsPerMinute: number;
  bodyLimitBytes: number;
  tileUrl: string | null;
  /** The public address people reach the site at: links in feeds, posters' QR codes, SMS. */
  publicUrl: string;
  tileAttribution: string | null;
  logLevel: string;
  /** Base64 of 32 bytes that encrypt the organisations' signing keys; null → use serverKeyFile. */
  serverKey: string | null;
  /** Where the server key is kept (and created on first start) when SERVER_KEY is not set. */
  serverKeyFile: string;
  /** Public tracing requests per address and minute: a list of people must not be guessable by brute force. */
  tracingRequestsPerMinute: number;
  /** Public tracing requests per target (name + birth year) and hour, from all addresses together. */
  tracingTargetRequestsPerHour: number;
  /** Public tracing requests per minute from everyone: the last line against many addresses. */
  tracingGlobalRequestsPerMinute: number;
  /** Different birth dates asked about one name within an hour before the tracing desk is alerted. */
  tracingNearMissDates: number;
  /** How often the scheduler looks for windows opening or closing. */
  schedulerIntervalMs: number;
  /** The bearer token a Prometheus scraper sends to GET /metrics; null → /metrics is not served. */
  metricsToken: string | null;
  /** Webhook deliveries may go to loopback, private and link-local addresses (tests; never in production). */
  webhookAllowPrivateTargets: boolean;
  /** First retry wait of a failed webhook delivery; each next one doubles (with jitter) up to the cap. */
  webhookBackoffBaseMs: number;
  webhookBackoffCapMs: number;
  /** Attempts before a delivery is marked failed. */
  webhookMaxAttempts: number;
  /** How long one delivery attempt may take before it counts as failed. */
  webhookTimeoutMs: number;
  /** How often the webhook worker looks for deliveries other instances queued (0: only when woken). */
  webhookPollMs: number;
  /** The transparency log's origin line and key name (LOG_ORIGIN; default: PUBLIC_URL's host + /safe-passage/audit). */
  logOrigin: string;
  /** At most one new signed checkpoint per this many ms; a request in between gets the latest stored one. */
  checkpointIntervalMs: number;
  /** Extra witness keys (WITNESS_KEYS, base64 raw Ed25519, comma-separated) besides the parties' approved keys. */
  witnessKeys: string[];
}

export const DEFAULT_SQLITE_PATH = path.join('data', 'safe-passage.db');

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative whole number, got "${raw}"`);
  }
  return value;
}

function boolFromEnv(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

function defaultLogOrigin(publicUrl: string | undefined): string {
  const url = publicUrl && publicUrl !== '' ? publicUrl : 'http://localhost:8080';
  let host = 'localhost';
  try {
    host = new URL(url).host;
  } catch {
    // A malformed PUBLIC_URL fails elsewhere; the origin only needs to be a stable name.
  }
  return `${host}/safe-passage/audit`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv(env, 'PORT', 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : `sqlite:${DEFAULT_SQLITE_PATH}`,
    noticeHours: intFromEnv(env, 'NOTICE_HOURS', 48),
    overdueGraceMinutes: intFromEnv(env, 'OVERDUE_GRACE_MINUTES', 30),
    sessionHours: intFromEnv(env, 'SESSION_HOURS', 12),
    loginAttemptsPerMinute: intFromEnv(env, 'LOGIN_ATTEMPTS_PER_MINUTE', 10),
    bodyLimitBytes: intFromEnv(env, 'BODY_LIMIT_BYTES', 1024 * 1024),
    publicUrl: (env.PUBLIC_URL && env.PUBLIC_URL !== '' ? env.PUBLIC_URL : 'http://localhost:8080').replace(/\/+$/, ''),
    tileUrl: env.TILE_URL && env.TILE_URL !== '' ? env.TILE_URL : null,
    tileAttribution: env.TILE_ATTRIBUTION && env.TILE_ATTRIBUTION !== '' ? env.TILE_ATTRIBUTION : null,
    logLevel: env.LOG_LEVEL ?? 'info',
    serverKey: env.SERVER_KEY && env.SERVER_KEY !== '' ? env.SERVER_KEY : null,
    serverKeyFile: env.SERVER_KEY_FILE && env.SERVER_KEY_FILE !== '' ? env.SERVER_KEY_FILE : path.join('data', 'server.key'),
    schedulerIntervalMs: intFromEnv(env, 'SCHEDULER_INTERVAL_MS', 5000),
    tracingRequestsPerMinute: intFromEnv(env, 'TRACING_REQUESTS_PER_MINUTE', 5),
    tracingTargetRequestsPerHour: intFromEnv(env, 'TRACING_TARGET_REQUESTS_PER_HOUR', 10),
    tracingGlobalRequestsPerMinute: intFromEnv(env, 'TRACING_GLOBAL_REQUESTS_PER_MINUTE', 300),
    tracingNearMissDates: intFromEnv(env, 'TRACING_NEAR_MISS_DATES', 4),
    metricsToken: env.METRICS_TOKEN && env.METRICS_TOKEN !== '' ? env.METRICS_TOKEN : null,
    webhookAllowPrivateTargets: boolFromEnv(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS'),
    webhookBackoffBaseMs: intFromEnv(env, 'WEBHOOK_BACKOFF_BASE_MS', 10_000),
    webhookBackoffCapMs: intFromEnv(env, 'WEBHOOK_BACKOFF_CAP_MS', 3_600_000),
    webhookMaxAttempts: Math.max(1, intFromEnv(env, 'WEBHOOK_MAX_ATTEMPTS', 10)),
    webhookTimeoutMs: Math.max(1, intFromEnv(env, 'WEBHOOK_TIMEOUT_MS', 10_000)),
    webhookPollMs: intFromEnv(env, 'WEBHOOK_POLL_MS', 5_000),
    logOrigin: env.LOG_ORIGIN && env.LOG_ORIGIN !== '' ? env.LOG_ORIGIN : defaultLogOrigin(env.PUBLIC_URL),
    checkpointIntervalMs: intFromEnv(env, 'CHECKPOINT_INTERVAL_MS', 5_000),
    witnessKeys: (env.WITNESS_KEYS ?? '').split(',').map((k) => k.trim()).filter((k) => k !== ''),
  };
}
