import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway.error';
import { GatewayErrorCode } from '../errors/rpc-error.mapper';
import { FixedWindowLimiter } from './fixed-window-limiter';

/** A public submission's body: a long letter fits; anything larger is an attachment for the document system. */
export const PUBLIC_SUBMISSION_BODY_LIMIT = 96 * 1024;
const PATH = '/api/v1/public/cases';

/**
 * Anonymous web submissions (POST /api/v1/public/cases) get their own, stricter limits: a
 * per-address count per minute besides the gateway's general limit, and a small body.
 */
export function installPublicSubmissionLimits(fastify: FastifyInstance, perMinute: number): void {
  const limiter = new FixedWindowLimiter(perMinute);
  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.method !== 'POST' || (request.url.split('?')[0] ?? '') !== PATH) return;
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > PUBLIC_SUBMISSION_BODY_LIMIT) {
      throw new GatewayError(
        GatewayErrorCode.PAYLOAD_TOO_LARGE,
        `A public submission takes at most ${PUBLIC_SUBMISSION_BODY_LIMIT} bytes; describe attachments instead of pasting them.`,
      );
    }
    const decision = limiter.hit(`public-submit:${request.ip}`);
    if (!decision.allowed) {
      throw new GatewayError(
        GatewayErrorCode.RATE_LIMITED,
        `More than ${decision.limit} public submissions this minute from this address. Wait ${decision.resetSeconds} s and retry.`,
      );
    }
  });
}
