import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { GatewayConfig } from '@gongkai/config';
import type { FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { ApiKeyResolver } from '../auth/api-key.resolver';
import { AuthFailureLimiter, type RateLimitCheck } from '../auth/auth-failure-limiter';
import { GatewayError } from '../errors/gateway.error';
import { GatewayErrorCode } from '../errors/rpc-error.mapper';

/** Probes and scrapes are never limited: an orchestrator must always see the gateway's state. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
const MINUTE_MS = 60_000;

/**
 * @fastify/rate-limit for every route, counting in Redis (RATE_LIMIT_REDIS_URL) so all gateway
 * replicas share one count, or in this process without it. A request counts against its client
 * address (`request.ip`: the connection's, or X-Forwarded-For's from a TRUSTED_PROXIES proxy) until
 * its API key has authenticated; then against that client, so campus systems behind one NAT do
 * not share a budget, and a flood of made-up keys does not get a fresh budget per key.
 * Also attaches the failed-authentication counter (AUTH_FAILURES_PER_MINUTE) to the AuthGuard.
 * Returns the Redis connection to close on shutdown, if any.
 */
export async function installRateLimits(
  app: NestFastifyApplication,
  config: GatewayConfig,
): Promise<Redis | undefined> {
  const apiKeys = app.get(ApiKeyResolver);
  const redis = config.http.rateLimitRedisUrl
    ? new Redis(config.http.rateLimitRedisUrl, {
        // Fail fast: a limiter that cannot count lets requests through rather than holding them.
        connectTimeout: 500,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: false,
      })
    : undefined;
  // ioredis reports connection errors as events; without a listener they would crash the process.
  redis?.on('error', () => undefined);
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.http.rateLimitPerMinute,
    timeWindow: MINUTE_MS,
    ...(redis ? { redis } : {}),
    nameSpace: `gongkai-${config.nats.prefix || 'main'}-rate-limit-`,
    skipOnError: true,
    // RateLimit-Limit / -Remaining / -Reset (IETF draft names), as the gateway has always sent.
    enableDraftSpec: true,
    keyGenerator: (request: FastifyRequest) => {
      const apiKey = request.headers['x-api-key'];
      const client = typeof apiKey === 'string' ? apiKeys.recentlyAuthenticated(apiKey) : undefined;
      return client ? `client:${client.id}` : `ip:${request.ip}`;
    },
    allowList: (request: FastifyRequest) => {
      const path = request.url.split('?')[0] ?? request.url;
      return UNLIMITED_PATHS.has(path) || path.startsWith('/api/docs');
    },
    errorResponseBuilder: (_request, context) =>
      new GatewayError(
        GatewayErrorCode.RATE_LIMITED,
        `More than ${context.max} requests this minute from this address or API client. Wait ${Math.ceil(context.ttl / 1000)} s (\`Retry-After\`) and retry.`,
      ),
  });
  const fastify = app.getHttpAdapter().getInstance();
  const authFailures = fastify.createRateLimit({
    max: config.http.authFailuresPerMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: (request: FastifyRequest) => `auth-failures:${request.ip}`,
  }) as RateLimitCheck;
  app.get(AuthFailureLimiter).attach(authFailures);
  return redis;
}

/** A stricter per-address count for one route (anonymous submissions), in the same shared store. */
export function routeLimit(app: NestFastifyApplication, name: string, perMinute: number): RateLimitCheck {
  return app
    .getHttpAdapter()
    .getInstance()
    .createRateLimit({
      max: perMinute,
      timeWindow: MINUTE_MS,
      keyGenerator: (request: FastifyRequest) => `${name}:${request.ip}`,
    }) as RateLimitCheck;
}
