import { DomainError, ErrorBodySchema, ErrorCode, type ErrorBody } from '@gongkai/contracts';
import { z } from 'zod';
import { isDatabaseUnavailable } from '../database-unavailable';

/** Thrown by ServiceClient when a request does not produce a result; `body` says why. */
export class RemoteCallError extends Error {
  constructor(
    readonly subject: string,
    readonly body: ErrorBody,
  ) {
    super(`${subject}: ${body.code}: ${body.message}`);
    this.name = 'RemoteCallError';
  }

  get code(): ErrorCode {
    return this.body.code;
  }

  /** The service's own error code (its contracts' error reasons), when it gave one. */
  get reason(): string | undefined {
    return this.body.reason;
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return ErrorBodySchema.safeParse(value).success;
}

export interface ValidationIssue {
  code: string;
  path: (string | number)[];
  message: string;
  [key: string]: unknown;
}

/** Zod issues as plain JSON (never the rejected input, which may carry personal data). */
export function toValidationIssues(error: z.core.$ZodError): ValidationIssue[] {
  return error.issues.map((issue) => {
    const { input: _input, path, ...rest } = issue as z.core.$ZodIssue & { input?: unknown };
    return { ...rest, path: path.map((key) => (typeof key === 'symbol' ? String(key) : key)) };
  });
}

/**
 * What a failed request replies with. Typed errors keep their code; a database that cannot be
 * reached (refused, reset, connect timeout) is UNAVAILABLE; anything else becomes INTERNAL with a
 * generic message, so stack traces and internals never leave the service.
 * Returns `internal: true` so the caller can log the original error.
 */
export function toErrorBody(error: unknown): { body: ErrorBody; internal: boolean } {
  if (error instanceof DomainError) return { body: error.toBody(), internal: false };
  if (error instanceof RemoteCallError) return { body: error.body, internal: false };
  if (error instanceof z.core.$ZodError) {
    return {
      body: {
        code: ErrorCode.VALIDATION_FAILED,
        message: 'The request is not valid',
        details: toValidationIssues(error),
      },
      internal: false,
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      body: { code: ErrorCode.UNAVAILABLE, message: DATABASE_UNAVAILABLE_MESSAGE },
      internal: false,
    };
  }
  return { body: { code: ErrorCode.INTERNAL, message: 'Internal error' }, internal: true };
}

export const DATABASE_UNAVAILABLE_MESSAGE = 'The service cannot reach its database right now';
