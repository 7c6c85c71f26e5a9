import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, RequestMeta } from '@gongkai/contracts';
import type { FastifyRequest } from 'fastify';
import { idempotencyMetaOf } from './idempotency-key';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the AuthGuard for every authenticated request. */
    actor?: Actor;
  }
}

/**
 * Who asks and the correlation id, as every NATS request carries them (`{ meta, body }`), and
 * on a POST sent with an `Idempotency-Key`, the key, its scope and the request's hash.
 */
export function requestMetaOf(request: FastifyRequest): RequestMeta {
  if (!request.actor) throw new Error('requestMetaOf() on a route the AuthGuard did not authenticate');
  const idempotency = idempotencyMetaOf(request, request.actor);
  return {
    actor: request.actor,
    correlationId: String(request.id),
    ...(idempotency ? { idempotency } : {}),
  };
}

/** `@Meta() meta: RequestMeta` in a controller method. */
export const Meta = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestMeta =>
    requestMetaOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
