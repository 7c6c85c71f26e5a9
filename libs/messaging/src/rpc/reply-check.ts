import { ErrorCode, type RpcDefinition, type RpcResult } from '@gongkai/contracts';
import { RemoteCallError, toValidationIssues, type ValidationIssue } from './rpc-errors';

/**
 * Checks a reply against its definition's reply schema: the shape must match, and nothing may be
 * sent that the schema does not name (zod would silently drop it, but the OpenAPI document says
 * `additionalProperties: false`). A mismatch is the service's fault, so it is INTERNAL, naming
 * the subject and the issues. ServiceClient does this in development and tests, not in production.
 */
export function checkReply<TDefinition extends RpcDefinition>(
  definition: TDefinition,
  reply: unknown,
): RpcResult<TDefinition> {
  const parsed = definition.reply.safeParse(reply);
  const issues = parsed.success ? unexpectedKeys(reply, parsed.data, []) : toValidationIssues(parsed.error);
  if (issues.length > 0) {
    const summary = issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new RemoteCallError(definition.subject, {
      code: ErrorCode.INTERNAL,
      message: `The reply to ${definition.subject} does not match its definition: ${summary}`,
      details: issues,
    });
  }
  return reply as RpcResult<TDefinition>;
}

/** Keys of the reply that parsing dropped, i.e. that the schema does not describe. */
function unexpectedKeys(sent: unknown, kept: unknown, path: (string | number)[]): ValidationIssue[] {
  if (Array.isArray(sent) && Array.isArray(kept)) {
    return sent.flatMap((item, index) => unexpectedKeys(item, kept[index], [...path, index]));
  }
  if (!isPlainObject(sent) || !isPlainObject(kept)) return [];
  return Object.keys(sent).flatMap((key) =>
    key in kept
      ? unexpectedKeys(sent[key], kept[key], [...path, key])
      : [{ code: 'unrecognized_keys', path: [...path, key], message: `"${key}" is not in the reply schema` }],
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
