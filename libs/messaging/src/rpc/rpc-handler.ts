import { MessagePattern } from '@nestjs/microservices';
import type { RequestMeta, RpcDefinition, RpcParsedBody, RpcReplyBody } from '@gongkai/contracts';
import { parseRequest } from './parse-request';

/** What an @RpcHandler method receives: the caller's meta and the validated body. */
export interface RpcRequest<TDefinition extends RpcDefinition> {
  meta: RequestMeta;
  body: RpcParsedBody<TDefinition>;
}

type RpcHandlerMethod<TDefinition extends RpcDefinition> = (
  request: RpcRequest<TDefinition>,
) => RpcReplyBody<TDefinition> | Promise<RpcReplyBody<TDefinition>>;

/**
 * Declares the method that answers a definition's subject:
 * `@RpcHandler(PermissionsRpc.createDepartment) create({ meta, body }: RpcRequest<typeof …>)`.
 * The payload is validated against the definition's request schema before the method runs
 * (VALIDATION_FAILED with the zod issues otherwise), and the method must return the definition's
 * reply. Nest's `@MessagePattern(subject)` binds it, so filters and interceptors apply as before.
 */
export function RpcHandler<TDefinition extends RpcDefinition>(definition: TDefinition) {
  return <TMethod extends RpcHandlerMethod<TDefinition>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<TMethod>,
  ): TypedPropertyDescriptor<TMethod> => {
    const method = descriptor.value;
    if (!method) throw new Error(`@RpcHandler(${definition.subject}) must decorate a method`);
    const requestSchema: TDefinition['request'] = definition.request;
    const handler = function (this: unknown, payload: unknown) {
      return method.call(this, parseRequest<TDefinition['request']>(requestSchema, payload));
    };
    Object.defineProperty(handler, 'name', { value: method.name });
    // Decorators applied below this one wrote their metadata on the original function.
    for (const metadataKey of Reflect.getMetadataKeys(method)) {
      Reflect.defineMetadata(metadataKey, Reflect.getMetadata(metadataKey, method), handler);
    }
    const wrapped = { ...descriptor, value: handler as unknown as TMethod };
    return MessagePattern(definition.subject)(target, key, wrapped) ?? wrapped;
  };
}
