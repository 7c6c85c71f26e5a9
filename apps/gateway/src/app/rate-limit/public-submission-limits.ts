import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway.error';
import { GatewayErrorCode } from '../errors/rpc-error.mapper';
import type { RateLimitCheck } from '../auth/auth-failure-limiter';

/** A public submission's body: a long letter fits; anything larger is an attachment for the document system. */
export const PUBLIC_SUBMISSION_BODY_LIMIT = 96 * 1024;
const PATH = '/api/v1/public/cases';

/**
 * Anonymous web submissions (POST /api/v1/public/cases) get their own, stricter limits: a
 * per-address count per minute besides the gateway's general limit (`limit`, in the shared
 * rate-limit store), and a small body.
 */
export function installPublicSubmissionLimits(fastify: FastifyInstance, limit: RateLimitCheck): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply) => {
    if (request.method !== 'POST' || (request.url.split('?')[0] ?? '') !== PATH) return;
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > PUBLIC_SUBMISSION_BODY_LIMIT) {
      throw new GatewayError(
        GatewayErrorCode.PAYLOAD_TOO_LARGE,
        `A public submission takes at most ${PUBLIC_SUBMISSION_BODY_LIMIT} bytes; describe attachments instead of pasting them.`,
      );
    }
    const status = await limit(request);
    if (status.isExceeded) {
      const wait = Math.max(1, status.ttlInSeconds ?? 60);
      void reply.header('retry-after', wait);
      throw new GatewayError(
        GatewayErrorCode.RATE_LIMITED,
        `More than ${status.max} public submissions this minute from this address. Wait ${wait} s and retry.`,
      );
    }
  });
}
