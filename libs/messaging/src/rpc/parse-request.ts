import { DomainError, ErrorCode, requestSchema, type RequestMeta } from '@gongkai/contracts';
import type { z } from 'zod';
import { toValidationIssues } from './rpc-errors';

/**
 * Validates an incoming `{ meta, body }` request against the body's schema from contracts.
 * Throws DomainError(VALIDATION_FAILED) with the zod issues (paths start at `meta` or `body`).
 */
export function parseRequest<TBody extends z.ZodType>(
  bodySchema: TBody,
  payload: unknown,
): { meta: RequestMeta; body: z.output<TBody> } {
  const result = requestSchema(bodySchema).safeParse(payload);
  if (!result.success) {
    throw new DomainError(
      ErrorCode.VALIDATION_FAILED,
      'The request is not valid',
      toValidationIssues(result.error),
    );
  }
  return result.data as { meta: RequestMeta; body: z.output<TBody> };
}
