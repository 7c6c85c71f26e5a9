import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A comma-separated list (spaces allowed), each entry matching `entry`; empty → []. */
const commaList = (entry: RegExp, message: string) =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .refine((values) => values.every((value) => entry.test(value)), message);

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
  /**
   * This app's NATS user and password (one user per app, with the subject permissions of
   * libs/messaging/src/bus/bus-permissions.ts). Unset: connect without logging in (a dev server
   * without users, the tests' shared server).
   */
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9]{15,}$/,
      // nats-server reads it from its environment as a config value (tools/docker/nats-users.conf).
      'a letter, then 15 or more letters and digits (e.g. `n$(openssl rand -hex 24)`)',
    )
    .optional(),
  REQUEST_TIMEOUT_MS: positiveInt(5000),
  /** The longest a permission decision is cached by an app that decides (@gongkai/decisions). */
  DECISION_CACHE_TTL_MS: positiveInt(60000),
});

export const DatabaseEnvSchema = z.object({
  DATABASE_URL: postgresUrl.default('postgresql://postgres@127.0.0.1:5432/postgres'),
  /**
   * The password of the service's run-time role (`<database>_app`, e.g. `gongkai_rounds_app`). Set:
   * DATABASE_URL is the migrator (the tables' owner) and only migrates; after the migrations the
   * service creates or updates its role (no ownership, append-only tables without UPDATE/DELETE)
   * and connects as it. Unset: the service connects as DATABASE_URL's user.
   */
  DATABASE_SERVICE_PASSWORD: z.string().min(16, 'use at least 16 characters').optional(),
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
  /** Failed authentications (bad key or token) per minute per client address before 429. */
  AUTH_FAILURES_PER_MINUTE: positiveInt(30),
  /**
   * Where the rate-limit counters live, shared by every gateway replica (`redis://host:6379`).
   * Unset: each replica counts on its own (one replica, `npm start`, tests).
   */
  RATE_LIMIT_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'a redis:// or rediss:// URL')
    .optional(),
  /**
   * Proxies whose `X-Forwarded-For` is believed (comma-separated addresses or CIDR ranges, e.g.
   * `10.0.0.0/8,127.0.0.1`). Empty: the connection's address is the client's, the header ignored.
   */
  TRUSTED_PROXIES: commaList(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'IP addresses or CIDR ranges, comma-separated'),
  /** Browser origins allowed to call the API (CORS), comma-separated (`https://xxgk.example.edu.cn`). Empty: none. */
  CORS_ALLOWED_ORIGINS: commaList(
    /^https?:\/\/[^/\s,]+$/,
    'origins like https://portal.example.edu.cn, comma-separated',
  ),
  /** Longest time to receive a whole request (headers and body), in milliseconds. */
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000),
  /**
   * A request answers within this long of its arrival, in milliseconds: the services it asks share
   * this budget (each call also within REQUEST_TIMEOUT_MS), and when it runs out the answer is 504.
   * Under the 5 s a client is promised, leaving room for the gateway's own work on a busy machine.
   */
  HTTP_ANSWER_DEADLINE_MS: positiveInt(4500),
  /** A connection idle (no request in progress) for this long is closed, in milliseconds. */
  HTTP_CONNECTION_TIMEOUT_MS: positiveInt(60_000),
  /** Expected `aud` of this installation's bearer tokens. */
  JWT_AUDIENCE: z.string().min(1).default('gongkai-api'),
  /** Bearer tokens issued (`iat`) longer ago than this are refused, whatever their `exp`, in seconds. */
  JWT_MAX_AGE_SECONDS: positiveInt(3600),
  /** Campus SSO: the identity provider's OpenID Connect discovery URL (`…/.well-known/openid-configuration`). */
  OIDC_DISCOVERY_URL: z.string().url().optional(),
  /** The `aud` the identity provider puts in access tokens for this API (required with OIDC_DISCOVERY_URL). */
  OIDC_AUDIENCE: z.string().min(1).optional(),
  /** The access token claim that carries the staff number (工号) a person is found by. */
  OIDC_STAFF_NO_CLAIM: z.string().min(1).default('staff_no'),
  /** Least time between two fetches of the provider's key set (a token with an unknown key triggers one), in milliseconds. */
  OIDC_JWKS_COOLDOWN_MS: positiveInt(30_000),
  /** How long a fetched key set is used before it is fetched again, in milliseconds. */
  OIDC_JWKS_CACHE_MS: positiveInt(600_000),
});

export function formatEnvIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`)
    .join('\n');
}
