import type { FastifyInstance, FastifyRequest } from 'fastify';
import { runWithDeadline } from '@gongkai/messaging';

const deadlineOf = new WeakMap<FastifyRequest, number>();

/**
 * A route that is slow by nature (the annual report over a large year, a city batch of hundreds of
 * tickets) names its own deadline in its route config: `@RouteConfig({ answerDeadlineMs })`.
 */
export interface AnswerDeadlineRouteConfig {
  answerDeadlineMs?: number;
}

/**
 * Such routes may take up to a minute, the usual read timeout of a reverse proxy in front of the
 * gateway: the annual report at a hundred times the seed year's volume took 18–21 s (DOCX more than
 * 25 s) and a city batch over 4.4 s on the shared 2-core machine under load, past
 * HTTP_ANSWER_DEADLINE_MS (meant for a hung service, 4.5 s).
 */
export const SLOW_ROUTE_ANSWER_DEADLINE_MS = 60_000;

function deadlineMsOf(request: FastifyRequest, fallbackMs: number): number {
  const config = request.routeOptions.config as AnswerDeadlineRouteConfig | undefined;
  return config?.answerDeadlineMs ?? fallbackMs;
}

/**
 * Every request answers within `answerDeadlineMs` of its arrival: the deadline is taken when the
 * request arrives and every service call made for it (authentication, decisions, the operation
 * itself) waits only until then (ServiceClient), so a stopped or hung service gives 504 within
 * the bound however many calls the request makes. The work runs inside the deadline from
 * preHandler on, after the body is read (stream callbacks do not carry the async context).
 */
export function installAnswerDeadline(fastify: FastifyInstance, answerDeadlineMs: number): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    deadlineOf.set(request, Date.now() + deadlineMsOf(request, answerDeadlineMs));
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    runWithDeadline(deadlineOf.get(request) ?? Date.now() + answerDeadlineMs, done);
  });
}
