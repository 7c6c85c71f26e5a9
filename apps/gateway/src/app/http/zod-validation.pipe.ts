import { Injectable, type PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@gongkai/contracts';
import type { z } from 'zod';
import { GatewayError } from '../errors/gateway.error';
import { fieldErrorsFromIssues } from '../errors/rpc-error.mapper';

/**
 * Validates a body or query against its schema from contracts and hands the parsed value on.
 * Contracts' schemas are `.strict()`, so unknown fields are rejected, not silently dropped.
 */
@Injectable()
export class ZodValidationPipe<TSchema extends z.ZodType>
  implements PipeTransform<unknown, z.output<TSchema>>
{
  constructor(
    private readonly schema: TSchema,
    private readonly location: 'body' | 'query',
  ) {}

  transform(value: unknown): z.output<TSchema> {
    const result = this.schema.safeParse(this.location === 'query' ? { ...(value as object) } : value);
    if (result.success) return result.data;
    const issues = result.error.issues.map((issue) => ({ ...issue, path: [this.location, ...issue.path] }));
    const what = this.location === 'body' ? 'request body' : 'query string';
    throw new GatewayError(
      ErrorCode.VALIDATION_FAILED,
      `The ${what} is not valid. Fix the fields listed in \`errors\` and send the request again.`,
      { errors: fieldErrorsFromIssues(issues) },
    );
  }
}
