import { z } from 'zod';
import { ERROR_REASON_PATTERN, type ErrorReason } from './error-reasons';

/**
 * Stable error codes every service replies with. The gateway maps them to HTTP statuses in
 * exactly one place (apps/gateway/src/app/errors/rpc-error.mapper.ts).
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  TIMEOUT: 'TIMEOUT',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
  /** An `Idempotency-Key` sent again with a different request (another body or path). */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** The first request with this `Idempotency-Key` has not answered yet (or its answer was lost). */
  IDEMPOTENCY_KEY_IN_USE: 'IDEMPOTENCY_KEY_IN_USE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorBodySchema = z.object({
  code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
  /** The service's own code under the category (see error-reasons.ts), when it has one. */
  reason: z.string().regex(ERROR_REASON_PATTERN).optional(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** A domain error with a stable code; travels over NATS as an ErrorBody. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** An error with the service's own reason; its category (and so the HTTP status) comes with it. */
  static because(reason: ErrorReason, message: string, details?: unknown): DomainError {
    return new DomainError(reason.category, message, details, reason.reason);
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      ...(this.reason === undefined ? {} : { reason: this.reason }),
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}
