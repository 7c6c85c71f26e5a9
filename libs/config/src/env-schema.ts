import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgresql:// or postgres://');

/** Variables every service reads. Names are documented in docs/configuration.md. */
export const CommonEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  /**
   * Prepended to every NATS subject and stream name. Empty in production; test runs and
   * side-by-side installs on one NATS server use it to stay apart.
   */
  NATS_PREFIX: z
    .string()
    .regex(/^([a-z0-9]+)?$/, 'lowercase letters and digits only')
    .default(''),
  REQUEST_TIMEOUT_MS: positiveInt(5000),
  /** The longest a permission decision is cached by an app that decides (@gongkai/decisions). */
  DECISION_CACHE_TTL_MS: positiveInt(60000),
});

export const DatabaseEnvSchema = z.object({
  DATABASE_URL: postgresUrl.default('postgresql://postgres@127.0.0.1:5432/postgres'),
  MIGRATE_ON_BOOT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  OUTBOX_POLL_MS: positiveInt(200),
  OUTBOX_BATCH_SIZE: positiveInt(100),
  CONSUMER_MAX_DELIVER: positiveInt(5),
  /** Comma-separated back-off steps between redeliveries, in milliseconds. */
  CONSUMER_BACKOFF_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds, e.g. 1000,5000,30000')
    .default('1000,5000,30000,120000')
    .transform((value) => value.split(',').map(Number)),
  CONSUMER_ACK_WAIT_MS: positiveInt(30000),
  /** How long one event's transaction in a consumer may run (a reorganisation can touch hundreds of items). */
  CONSUMER_TX_TIMEOUT_MS: positiveInt(60000),
  /** Published outbox rows are removed after this many days (the stream keeps the events). */
  OUTBOX_RETENTION_DAYS: positiveInt(7),
  /** Inbox rows are removed after this many days, long after any redelivery can come. */
  INBOX_RETENTION_DAYS: positiveInt(30),
  /** How long a command's Idempotency-Key (and its reply) is kept; a retry after that is a new request. */
  IDEMPOTENCY_RETENTION_MS: positiveInt(86_400_000),
  IDEMPOTENCY_SWEEP_INTERVAL_MS: positiveInt(600_000),
  /** Longest pause between outbox relay retries while PostgreSQL or NATS is failing. */
  OUTBOX_RETRY_MAX_MS: positiveInt(5000),
  /** Most connections the service's PostgreSQL pool opens. */
  DB_POOL_MAX: positiveInt(10),
  /** An idle pooled connection is closed after this long, in milliseconds. */
  DB_POOL_IDLE_TIMEOUT_MS: positiveInt(10000),
  /**
   * Longest wait for a PostgreSQL connection (a new one, or a free one from a busy pool) before
   * the request fails with UNAVAILABLE (503), in milliseconds.
   */
  DB_CONNECT_TIMEOUT_MS: positiveInt(1500),
});

export const GatewayEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BOOTSTRAP_ADMIN_API_KEY: z.string().min(16, 'use at least 16 characters').optional(),
  JWT_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  JWT_ISSUER: z.string().min(1).default('gongkai'),
  BODY_LIMIT_BYTES: positiveInt(1_048_576),
  RATE_LIMIT_PER_MINUTE: positiveInt(600),
  /** Anonymous web submissions (POST /public/cases) per minute per client address. */
  PUBLIC_SUBMISSIONS_PER_MINUTE: positiveInt(10),
});

export function formatEnvIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`)
    .join('\n');
}
