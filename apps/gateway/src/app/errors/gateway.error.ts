import type { FieldError } from './problem';
import type { ProblemCode } from './rpc-error.mapper';

/**
 * An error the gateway raises itself (authentication, validation, limits, readiness). Its code
 * goes through the same mapper as the codes services reply with.
 */
export class GatewayError extends Error {
  constructor(
    readonly code: ProblemCode,
    /** Becomes the problem's `detail`: say what is wrong and what to do. */
    readonly detail: string,
    readonly extras: { errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = 'GatewayError';
  }
}
