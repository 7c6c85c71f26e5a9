import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway.error';
import { GatewayErrorCode } from '../errors/rpc-error.mapper';

/** `fastify.createRateLimit(…)` of @fastify/rate-limit: counts in the store every replica shares. */
export type RateLimitCheck = (
  request: FastifyRequest,
  options?: { increment?: boolean },
) => Promise<{
  isAllowed: boolean;
  isExceeded?: boolean;
  max?: number;
  remaining?: number;
  ttlInSeconds?: number;
}>;

/**
 * Failed authentications per client address (AUTH_FAILURES_PER_MINUTE): once an address has
 * failed that often in a minute, its next credentials are refused with 429 before they are
 * checked, so a loop of guessed keys or tokens costs neither the gateway nor permissions a lookup.
 * The counter is @fastify/rate-limit's (`rate-limit.plugin.ts` attaches it at start-up).
 */
@Injectable()
export class AuthFailureLimiter {
  private check: RateLimitCheck | undefined;

  attach(check: RateLimitCheck): void {
    this.check = check;
  }

  async refuseWhenExceeded(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!this.check) return;
    // A read does not count this request: the budget is spent once nothing remains.
    const status = await this.check(request, { increment: false });
    if (status.isAllowed || (status.remaining ?? 1) > 0) return;
    const wait = Math.max(1, status.ttlInSeconds ?? 60);
    void reply.header('retry-after', wait);
    throw new GatewayError(
      GatewayErrorCode.RATE_LIMITED,
      `More than ${status.max} failed authentications this minute from this address. Check the API key or ` +
        `token you send, then retry after ${wait} s (\`Retry-After\`).`,
    );
  }

  async recordFailure(request: FastifyRequest): Promise<void> {
    await this.check?.(request);
  }
}
