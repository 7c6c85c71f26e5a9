import type { DataServiceName, ServiceName } from '@gongkai/contracts';
import { CommonEnvSchema, DatabaseEnvSchema, GatewayEnvSchema, formatEnvIssues } from './env-schema';
import {
  JetStreamEnvSchema,
  ObservabilityEnvSchema,
  toJetStreamSettings,
  toObservabilitySettings,
  type JetStreamSettings,
  type ObservabilitySettings,
} from './operations-env';
import type { z } from 'zod';

export type Env = Record<string, string | undefined>;

export interface NatsSettings {
  url: string;
  prefix: string;
  requestTimeoutMs: number;
  /** NATS_USER / NATS_PASSWORD: this app's own NATS user; unset = no login. */
  credentials?: { user: string; password: string };
}

export interface DatabasePoolSettings {
  /** DB_POOL_MAX */
  poolSize: number;
  /** DB_POOL_IDLE_TIMEOUT_MS */
  idleTimeoutMs: number;
  /** DB_CONNECT_TIMEOUT_MS */
  connectionTimeoutMs: number;
}

export interface DatabaseSettings {
  /** What the service's pool connects with: its run-time role when DATABASE_SERVICE_PASSWORD is set. */
  url: string;
  /** The migrator (DATABASE_URL / <SERVICE>_DATABASE_URL): creates the database, migrates, grants. */
  migrationUrl: string;
  /** The run-time role to create or update after the migrations (DATABASE_SERVICE_PASSWORD set). */
  serviceRole?: { name: string; password: string };
  migrateOnBoot: boolean;
  /** Pass to createPgAdapter: `createPgAdapter(config.database.url, config.database.pool)`. */
  pool: DatabasePoolSettings;
}

export interface MessagingSettings {
  outboxPollMs: number;
  outboxBatchSize: number;
  maxDeliver: number;
  backoffMs: number[];
  ackWaitMs: number;
  transactionTimeoutMs: number;
  outboxRetentionDays: number;
  inboxRetentionDays: number;
  /** OUTBOX_RETRY_MAX_MS: longest pause between relay retries while PostgreSQL or NATS fails. */
  outboxRetryMaxMs: number;
}

export interface IdempotencySettings {
  retentionMs: number;
  sweepIntervalMs: number;
}

export interface ServiceConfig {
  service: ServiceName;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: string;
  nats: NatsSettings;
  /** DECISION_CACHE_TTL_MS: read by the apps that decide (gateway, catalogue; @gongkai/decisions). */
  decisionCacheTtlMs: number;
}

export interface DataServiceConfig extends ServiceConfig {
  service: DataServiceName;
  database: DatabaseSettings;
  messaging: MessagingSettings;
  idempotency: IdempotencySettings;
  /** The service's own event stream (storage, replicas, limits). */
  jetstream: JetStreamSettings;
  observability: ObservabilitySettings;
}

export interface GatewayConfig extends ServiceConfig {
  service: 'gateway';
  http: {
    port: number;
    host: string;
    bodyLimitBytes: number;
    rateLimitPerMinute: number;
    publicSubmissionsPerMinute: number;
    authFailuresPerMinute: number;
    /** RATE_LIMIT_REDIS_URL: the counters every replica shares; unset = per process. */
    rateLimitRedisUrl?: string;
    trustedProxies: string[];
    corsAllowedOrigins: string[];
    requestTimeoutMs: number;
    /** HTTP_ANSWER_DEADLINE_MS: every service call of a request ends by then (504). */
    answerDeadlineMs: number;
    connectionTimeoutMs: number;
  };
  auth: {
    bootstrapAdminApiKey?: string;
    jwtSecret?: string;
    jwtIssuer: string;
    jwtAudience: string;
    jwtMaxAgeSeconds: number;
    /** Campus SSO (OpenID Connect), when OIDC_DISCOVERY_URL is set. */
    oidc?: {
      discoveryUrl: string;
      audience: string;
      staffNoClaim: string;
      jwksCooldownMs: number;
      jwksCacheMs: number;
    };
  };
}

export class ConfigError extends Error {
  constructor(service: string, detail: string) {
    super(
      `Invalid configuration for ${service}; fix these environment variables and start again:\n${detail}`,
    );
    this.name = 'ConfigError';
  }
}

function parse<T extends z.ZodType>(service: string, schema: T, env: Env): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) throw new ConfigError(service, formatEnvIssues(result.error));
  return result.data;
}

function toCommon(service: ServiceName, common: z.infer<typeof CommonEnvSchema>): ServiceConfig {
  if (Boolean(common.NATS_USER) !== Boolean(common.NATS_PASSWORD)) {
    throw new ConfigError(
      service,
      "  NATS_USER, NATS_PASSWORD: set both (this app's NATS user and its password) or neither",
    );
  }
  return {
    service,
    nodeEnv: common.NODE_ENV,
    logLevel: common.LOG_LEVEL,
    nats: {
      url: common.NATS_URL,
      prefix: common.NATS_PREFIX,
      requestTimeoutMs: common.REQUEST_TIMEOUT_MS,
      ...(common.NATS_USER && common.NATS_PASSWORD
        ? { credentials: { user: common.NATS_USER, password: common.NATS_PASSWORD } }
        : {}),
    },
    decisionCacheTtlMs: common.DECISION_CACHE_TTL_MS,
  };
}

/** The run-time role of the database a URL names: `gongkai_rounds` → `gongkai_rounds_app`. */
export function serviceRoleOf(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  return `${name}_app`;
}

/** `databaseUrl` logged in as its run-time role. */
export function serviceRoleUrl(databaseUrl: string, password: string): string {
  const url = new URL(databaseUrl);
  url.username = serviceRoleOf(databaseUrl);
  url.password = password;
  return url.toString();
}

/**
 * `<SERVICE>_DATABASE_URL` when set; otherwise `DATABASE_URL` with the database name replaced by
 * `gongkai_<service>`, so one PostgreSQL server holds every service's own database.
 */
export function databaseUrlFor(service: DataServiceName, env: Env): string {
  const own = env[`${service.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  const url = new URL(parse(service, DatabaseEnvSchema, env).DATABASE_URL);
  url.pathname = `/gongkai_${service}`;
  return url.toString();
}

export function loadDataServiceConfig(service: DataServiceName, env: Env = process.env): DataServiceConfig {
  const ownUrl = env[`${service.toUpperCase()}_DATABASE_URL`];
  const db = parse(
    service,
    CommonEnvSchema.extend(DatabaseEnvSchema.shape)
      .extend(JetStreamEnvSchema.shape)
      .extend(ObservabilityEnvSchema.shape),
    ownUrl ? { ...env, DATABASE_URL: ownUrl } : env,
  );
  if (db.JETSTREAM_MAX_AGE_MS > 0 && db.JETSTREAM_DUPLICATE_WINDOW_MS > db.JETSTREAM_MAX_AGE_MS) {
    throw new ConfigError(
      service,
      '  JETSTREAM_DUPLICATE_WINDOW_MS: must not be longer than JETSTREAM_MAX_AGE_MS',
    );
  }
  return {
    ...toCommon(service, db),
    service,
    database: {
      migrationUrl: databaseUrlFor(service, env),
      url: db.DATABASE_SERVICE_PASSWORD
        ? serviceRoleUrl(databaseUrlFor(service, env), db.DATABASE_SERVICE_PASSWORD)
        : databaseUrlFor(service, env),
      ...(db.DATABASE_SERVICE_PASSWORD
        ? {
            serviceRole: {
              name: serviceRoleOf(databaseUrlFor(service, env)),
              password: db.DATABASE_SERVICE_PASSWORD,
            },
          }
        : {}),
      migrateOnBoot: db.MIGRATE_ON_BOOT,
      pool: {
        poolSize: db.DB_POOL_MAX,
        idleTimeoutMs: db.DB_POOL_IDLE_TIMEOUT_MS,
        connectionTimeoutMs: db.DB_CONNECT_TIMEOUT_MS,
      },
    },
    messaging: {
      outboxPollMs: db.OUTBOX_POLL_MS,
      outboxBatchSize: db.OUTBOX_BATCH_SIZE,
      maxDeliver: db.CONSUMER_MAX_DELIVER,
      backoffMs: db.CONSUMER_BACKOFF_MS,
      ackWaitMs: db.CONSUMER_ACK_WAIT_MS,
      transactionTimeoutMs: db.CONSUMER_TX_TIMEOUT_MS,
      outboxRetentionDays: db.OUTBOX_RETENTION_DAYS,
      inboxRetentionDays: db.INBOX_RETENTION_DAYS,
      outboxRetryMaxMs: db.OUTBOX_RETRY_MAX_MS,
    },
    idempotency: {
      retentionMs: db.IDEMPOTENCY_RETENTION_MS,
      sweepIntervalMs: db.IDEMPOTENCY_SWEEP_INTERVAL_MS,
    },
    jetstream: toJetStreamSettings(db),
    observability: toObservabilitySettings(db),
  };
}

export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  const gateway = parse('gateway', CommonEnvSchema.extend(GatewayEnvSchema.shape), env);
  if (gateway.OIDC_DISCOVERY_URL && !gateway.OIDC_AUDIENCE) {
    throw new ConfigError(
      'gateway',
      "  OIDC_AUDIENCE: required with OIDC_DISCOVERY_URL (the `aud` the identity provider gives this API's access tokens)",
    );
  }
  return {
    ...toCommon('gateway', gateway),
    service: 'gateway',
    http: {
      port: gateway.PORT,
      host: gateway.HOST,
      bodyLimitBytes: gateway.BODY_LIMIT_BYTES,
      rateLimitPerMinute: gateway.RATE_LIMIT_PER_MINUTE,
      publicSubmissionsPerMinute: gateway.PUBLIC_SUBMISSIONS_PER_MINUTE,
      authFailuresPerMinute: gateway.AUTH_FAILURES_PER_MINUTE,
      rateLimitRedisUrl: gateway.RATE_LIMIT_REDIS_URL,
      trustedProxies: gateway.TRUSTED_PROXIES,
      corsAllowedOrigins: gateway.CORS_ALLOWED_ORIGINS,
      requestTimeoutMs: gateway.HTTP_REQUEST_TIMEOUT_MS,
      answerDeadlineMs: gateway.HTTP_ANSWER_DEADLINE_MS,
      connectionTimeoutMs: gateway.HTTP_CONNECTION_TIMEOUT_MS,
    },
    auth: {
      bootstrapAdminApiKey: gateway.BOOTSTRAP_ADMIN_API_KEY,
      jwtSecret: gateway.JWT_SECRET,
      jwtIssuer: gateway.JWT_ISSUER,
      jwtAudience: gateway.JWT_AUDIENCE,
      jwtMaxAgeSeconds: gateway.JWT_MAX_AGE_SECONDS,
      ...(gateway.OIDC_DISCOVERY_URL && gateway.OIDC_AUDIENCE
        ? {
            oidc: {
              discoveryUrl: gateway.OIDC_DISCOVERY_URL,
              audience: gateway.OIDC_AUDIENCE,
              staffNoClaim: gateway.OIDC_STAFF_NO_CLAIM,
              jwksCooldownMs: gateway.OIDC_JWKS_COOLDOWN_MS,
              jwksCacheMs: gateway.OIDC_JWKS_CACHE_MS,
            },
          }
        : {}),
    },
  };
}
