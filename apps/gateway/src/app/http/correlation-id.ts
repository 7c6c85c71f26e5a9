import type { IncomingMessage } from 'node:http';
import { v7 as uuidv7 } from 'uuid';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

const SANE_CORRELATION_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The caller's `X-Correlation-Id` when it is a sane token, else a fresh UUIDv7. Used as
 * Fastify's request id, so `request.id` is the correlation id everywhere (logs, problems, NATS).
 */
export function correlationIdOf(request: Pick<IncomingMessage, 'headers'>): string {
  const offered = request.headers[CORRELATION_ID_HEADER];
  if (typeof offered === 'string' && SANE_CORRELATION_ID.test(offered)) return offered;
  return uuidv7();
}
