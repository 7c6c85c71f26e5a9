import { Controller, type Type } from '@nestjs/common';
import { deadLetterRpcOf, type DataServiceName } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { MessagingLifecycle } from './messaging-lifecycle';

/** Answers `<service>.dead-letters.list|replay` for this service's own dead-letter table. */
export function createDeadLettersController(service: DataServiceName): Type<unknown> {
  const rpc = deadLetterRpcOf(service);

  @Controller()
  class DeadLettersController {
    constructor(private readonly messaging: MessagingLifecycle) {}

    @RpcHandler(rpc.list)
    list(call: RpcRequest<typeof rpc.list>) {
      const { body } = call;
      return this.messaging.runtime.deadLetters.list(body);
    }

    @RpcHandler(rpc.replay)
    replay(call: RpcRequest<typeof rpc.replay>) {
      const { body } = call;
      return this.messaging.runtime.deadLetters.replay(body.id);
    }
  }
  return DeadLettersController;
}
