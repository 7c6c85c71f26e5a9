import type { FastifyInstance } from 'fastify';
import type { MetricsService } from './metrics.service';

/** Observes every response, labelled by route template (not raw URL, which would explode cardinality). */
export function installHttpMetrics(fastify: FastifyInstance, metricsService: MetricsService): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metricsService.observeRequest(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        statusCode: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
  });
}
