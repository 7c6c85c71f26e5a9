import { z } from 'zod';

/**
 * A request/reply operation, defined once: its subject `<service>.<aggregate>.<verb>` (without any
 * deployment prefix), the body the service validates and the reply it sends. The caller
 * (ServiceClient.request), the handler (@RpcHandler) and the gateway route (@RpcRoute) all take
 * their types and schemas from it.
 */
export interface RpcDefinition<
  TRequest extends z.ZodType = z.ZodType,
  TReply extends z.ZodType = z.ZodType,
  TSubject extends string = string,
> {
  readonly subject: TSubject;
  readonly request: TRequest;
  readonly reply: TReply;
}

export function defineRpc<
  TSubject extends string,
  TRequest extends z.ZodType,
  TReply extends z.ZodType,
>(spec: { subject: TSubject; request: TRequest; reply: TReply }): RpcDefinition<TRequest, TReply, TSubject> {
  return Object.freeze({ subject: spec.subject, request: spec.request, reply: spec.reply });
}

/** What a caller sends: the request schema's input (before defaults and coercion). */
export type RpcBody<TDefinition extends RpcDefinition> = z.input<TDefinition['request']>;
/** What the handler receives once the body is validated. */
export type RpcParsedBody<TDefinition extends RpcDefinition> = z.output<TDefinition['request']>;
/** What the handler may return: the reply schema's input (JSON on the wire). */
export type RpcReplyBody<TDefinition extends RpcDefinition> = z.input<TDefinition['reply']>;
/** What the caller gets back. */
export type RpcResult<TDefinition extends RpcDefinition> = z.output<TDefinition['reply']>;

/** The subject map of a group of definitions, e.g. `PermissionsSubjects` from `PermissionsRpc`. */
export function subjectsOf<TDefinitions extends Record<string, RpcDefinition>>(
  definitions: TDefinitions,
): { readonly [K in keyof TDefinitions]: TDefinitions[K]['subject'] } {
  return Object.freeze(
    Object.fromEntries(Object.entries(definitions).map(([name, definition]) => [name, definition.subject])),
  ) as { readonly [K in keyof TDefinitions]: TDefinitions[K]['subject'] };
}

/** A request without a body: `{}` and nothing else. */
export const EmptyRequestSchema = z.object({}).strict();
