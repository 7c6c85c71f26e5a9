import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import type { GatewayConfig } from '@gongkai/config';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { CORRELATION_ID_HEADER, correlationIdOf } from './http/correlation-id';
import { frameworkErrorsAsProblems } from './http/framework-errors';
import { installIdempotencyKeyCheck } from './http/idempotency-key';
import { installAnswerDeadline } from './http/answer-deadline';
import { installUtf8JsonParser } from './http/utf8-json-parser';
import { installHttpMetrics } from './metrics/http-metrics.hook';
import { MetricsService } from './metrics/metrics.service';
import { setupOpenApi } from './openapi/setup-openapi';
import { installEdgeGuards } from './http/edge-guards';
import { installPublicSubmissionLimits } from './rate-limit/public-submission-limits';
import { installRateLimits, routeLimit } from './rate-limit/rate-limit.plugin';

export const API_PREFIX = 'api/v1';

export type CreateGatewayAppOptions = AppModuleOptions;

/**
 * Builds the gateway (Fastify) from a parsed config and initialises it; the caller listens.
 * Connects to NATS on the way and fails if it cannot. main.ts and the tests both start here.
 */
export async function createGatewayApp(
  config: GatewayConfig,
  options: CreateGatewayAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    // The correlation id is Fastify's request id, so request.id carries it everywhere.
    genReqId: (request: IncomingMessage) => correlationIdOf(request),
    logger: false,
    // X-Forwarded-For is believed only from these proxies (TRUSTED_PROXIES); request.ip is the client's.
    trustProxy: config.http.trustedProxies.length > 0 ? config.http.trustedProxies : false,
    // Slow or stalled clients cannot hold connections: a whole request within HTTP_REQUEST_TIMEOUT_MS,
    // an idle connection closed after HTTP_CONNECTION_TIMEOUT_MS.
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.connectionTimeoutMs,
    keepAliveTimeout: Math.min(72_000, config.http.connectionTimeoutMs),
    frameworkErrors: frameworkErrorsAsProblems(config.http.bodyLimitBytes),
  });
  const fastify = adapter.getInstance();
  // JSON only: without this, Fastify's built-in text/plain parser would accept plain text bodies.
  fastify.removeContentTypeParser('text/plain');
  installUtf8JsonParser(fastify);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(CORRELATION_ID_HEADER, request.id);
  });
  installAnswerDeadline(fastify, config.http.answerDeadlineMs);

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    // Fastify's own JSON parser (with bodyLimit) is the only body parser; no urlencoded.
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const redis = await installRateLimits(app, config);
  if (redis) fastify.addHook('onClose', async () => void redis.disconnect());
  installPublicSubmissionLimits(
    fastify,
    routeLimit(app, 'public-submissions', config.http.publicSubmissionsPerMinute),
  );
  installIdempotencyKeyCheck(fastify);
  await installEdgeGuards(app, config);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['healthz', 'readyz', 'metrics'] });
  app.useGlobalFilters(new ProblemDetailsFilter({ bodyLimitBytes: config.http.bodyLimitBytes }));
  installHttpMetrics(fastify, app.get(MetricsService));
  setupOpenApi(app);
  await app.init();
  return app;
}
