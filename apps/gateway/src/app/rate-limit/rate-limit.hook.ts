import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway.error';
import { GatewayErrorCode } from '../errors/rpc-error.mapper';
import { FixedWindowLimiter } from './fixed-window-limiter';

/** Probes and scrapes are never limited: an orchestrator must always see the gateway's state. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Per API key when one is sent (valid or not: a fingerprint, never the key), else per client IP. */
export function rateLimitKeyOf(request: FastifyRequest): string {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) {
    return `key:${createHash('sha256').update(apiKey).digest('hex').slice(0, 32)}`;
  }
  return `ip:${request.ip}`;
}

/**
 * Runs on `onRequest`, before body parsing and authentication, so a flood costs little.
 * Sends RateLimit-* headers on every limited response and Retry-After with a 429.
 */
export function installRateLimit(fastify: FastifyInstance, limitPerMinute: number): void {
  const limiter = new FixedWindowLimiter(limitPerMinute);
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    if (UNLIMITED_PATHS.has(path) || path.startsWith('/api/docs')) return;
    const decision = limiter.hit(rateLimitKeyOf(request));
    void reply.header('ratelimit-limit', decision.limit);
    void reply.header('ratelimit-remaining', decision.remaining);
    void reply.header('ratelimit-reset', decision.resetSeconds);
    if (!decision.allowed) {
      void reply.header('retry-after', decision.resetSeconds);
      throw new GatewayError(
        GatewayErrorCode.RATE_LIMITED,
        `More than ${decision.limit} requests this minute from this API key or address. Wait ${decision.resetSeconds} s (\`Retry-After\`) and retry.`,
      );
    }
  });
}
