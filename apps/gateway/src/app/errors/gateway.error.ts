import type { ErrorReason } from '@gongkai/contracts';
import type { FieldError } from './problem';
import type { ProblemCode } from './rpc-error.mapper';

export interface GatewayErrorExtras {
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
  /** The problem's `reason` (see error-reasons.ts in @gongkai/contracts); set by `because`. */
  reason?: string;
}

/**
 * An error the gateway raises itself (authentication, validation, limits, readiness). Its code
 * goes through the same mapper as the codes services reply with.
 */
export class GatewayError extends Error {
  constructor(
    readonly code: ProblemCode,
    /** Becomes the problem's `detail`: say what is wrong and what to do. */
    readonly detail: string,
    readonly extras: GatewayErrorExtras = {},
  ) {
    super(detail);
    this.name = 'GatewayError';
  }

  /** An error with a reason a client can branch on; its category (and so the HTTP status) comes with it. */
  static because(
    reason: ErrorReason,
    detail: string,
    extras: Omit<GatewayErrorExtras, 'reason'> = {},
  ): GatewayError {
    return new GatewayError(reason.category, detail, { ...extras, reason: reason.reason });
  }
}
