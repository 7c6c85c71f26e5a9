import { ALL_ERROR_REASONS, ErrorCode } from '@gongkai/contracts';
import { z } from 'zod';
import { GatewayErrorCode, statusOf } from './rpc-error.mapper';

/** One field-level error inside a 400 problem: where (`in` + JSON pointer), what and why. */
export const FieldErrorSchema = z.object({
  in: z.enum(['body', 'query', 'header', 'path']),
  /** RFC 6901 JSON pointer into that part of the request; '' for the whole of it. */
  pointer: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details, as every error of the gateway is sent (`application/problem+json`). */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    /** Stable, machine-readable: branch on this, not on `title` or `detail`. */
    code: z.enum([...Object.values(ErrorCode), ...Object.values(GatewayErrorCode)]),
    reason: z
      .enum(ALL_ERROR_REASONS.map((entry) => entry.reason) as [string, ...string[]])
      .optional()
      .describe(reasonsDescription()),
    correlationId: z.string(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .catchall(z.unknown());
export type Problem = z.infer<typeof ProblemSchema>;

function reasonsDescription(): string {
  const lines = ALL_ERROR_REASONS.map(
    (entry) =>
      `- \`${entry.reason}\` (HTTP ${statusOf(entry.category)}, ${entry.category}, ${entry.service}): ${entry.description}`,
  );
  return [
    "The service's own code under `code`, when it has one: branch on it to tell one conflict from another.",
    ...lines,
  ].join('\n');
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
