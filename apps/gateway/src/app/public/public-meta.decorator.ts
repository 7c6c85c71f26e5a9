import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestMeta } from '@gongkai/contracts';
import type { FastifyRequest } from 'fastify';

/** The anonymous reader of the public site, as services see it. */
export const PUBLIC_READER = { kind: 'system', id: 'public-reader' } as const;

/**
 * `@PublicMeta()`: routes under /api/v1/public are answered without credentials, so there is no
 * authenticated actor; services get the anonymous reader and the request's correlation id.
 */
export const PublicMeta = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestMeta => ({
    actor: PUBLIC_READER,
    correlationId: String(context.switchToHttp().getRequest<FastifyRequest>().id),
  }),
);
